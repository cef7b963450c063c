using System.Reflection;
using System.Runtime.InteropServices;

namespace Desk.Api.Operations;

/// <summary>
/// glibc gives each thread that allocates its own malloc arena (up to eight per core), and an arena keeps what it
/// once held. SQLite's page caches are allocated on whichever thread-pool thread runs a statement, so under steady
/// load they spread over more and more arenas and the resident set creeps up while the GC heap stays flat
/// (bench/memory: +9% in 10 minutes at 2,600 queries/s; flat with two arenas). glibc reads the limit when the process
/// starts and the runtime's threads hold their arenas before Main (mallopt from here was tried: still +5%), so when
/// the environment does not set <c>MALLOC_ARENA_MAX</c> the desk starts itself again in place (execve: same process id,
/// same arguments, same standard streams) with it set to 2. Setting the variable yourself chooses another limit.
/// </summary>
internal static partial class MallocArenas
{
    public const string Variable = "MALLOC_ARENA_MAX";
    const string Limit = "2";

    public static void LimitBeforeStart()
    {
        if (!OperatingSystem.IsLinux() || Environment.GetEnvironmentVariable(Variable) is not null)
            return;
        // Hosted inside another process (WebApplicationFactory in the tests): that process is not the desk's to replace.
        if (Assembly.GetEntryAssembly() != typeof(MallocArenas).Assembly || !IsGlibc())
            return;
        string[] arguments;
        try
        {
            arguments = File.ReadAllText("/proc/self/cmdline").Split('\0', StringSplitOptions.None)[..^1];
        }
        catch (IOException)
        {
            return;
        }
        var environment = Environment.GetEnvironmentVariables().Cast<System.Collections.DictionaryEntry>()
            .Select(e => $"{e.Key}={e.Value}").Append($"{Variable}={Limit}");
        Exec("/proc/self/exe", arguments, environment);
        // Only reached when execve failed: run on glibc's defaults.
    }

    static bool IsGlibc() =>
        NativeLibrary.TryLoad("libc.so.6", out var libc) && NativeLibrary.TryGetExport(libc, "gnu_get_libc_version", out _);

    static void Exec(string path, IEnumerable<string> arguments, IEnumerable<string> environment)
    {
        var argv = ToNative(arguments);
        var envp = ToNative(environment);
        var file = Marshal.StringToCoTaskMemUTF8(path);
        execve(file, argv, envp);
        foreach (var p in argv.Concat(envp).Append(file))
            Marshal.FreeCoTaskMem(p);
    }

    // NUL-terminated arrays of UTF-8 strings, as execve takes them.
    static nint[] ToNative(IEnumerable<string> strings) => [.. strings.Select(Marshal.StringToCoTaskMemUTF8), 0];

    [DllImport("libc.so.6", SetLastError = true)]
    static extern int execve(nint path, nint[] argv, nint[] envp);
}
