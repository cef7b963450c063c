using System.Runtime.InteropServices;

namespace Desk.Api.Operations;

/// <summary>
/// Gives the native heap's free pages back to the machine (glibc's <c>malloc_trim</c>) after start-up and then every
/// minute. glibc gives each thread that allocates its own arena, and an arena keeps the pages it once held even when
/// all their chunks are free; SQLite's page caches are allocated on whichever thread-pool thread runs a statement, so
/// under steady load the resident set crept up while the GC heap stayed flat (bench/memory). Trimming releases the
/// free pages of every arena without limiting how many there are (a limit must be set before the process starts:
/// <c>MALLOC_ARENA_MAX</c>, docs/deploy.md). Does nothing on other C libraries.
/// </summary>
internal sealed class NativeMemoryTrim : BackgroundService
{
    static readonly TimeSpan Every = TimeSpan.FromMinutes(1);
    static readonly bool Available = OperatingSystem.IsLinux()
        && NativeLibrary.TryLoad("libc.so.6", out var libc) && NativeLibrary.TryGetExport(libc, "malloc_trim", out _);

    /// <summary>Releases the free pages of every malloc arena, where the C library is glibc.</summary>
    public static void Trim()
    {
        if (Available)
            malloc_trim(0);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!Available)
            return;
        using var timer = new PeriodicTimer(Every);
        while (await timer.WaitForNextTickAsync(stoppingToken))
            Trim();
    }

    [DllImport("libc.so.6")]
    static extern int malloc_trim(nuint pad);
}
