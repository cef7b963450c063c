using System.Runtime;

namespace Desk.Api.Operations;

/// <summary>
/// The first start trains the classifier and may seed the demo: both leave a heap of garbage (training data, feature
/// tables, parsed seed texts) that nothing collects while the desk waits for traffic. One compacting, decommitting
/// collection before it takes traffic, and a trim of the native heaps, give that memory back to the machine.
/// </summary>
internal static partial class StartupMemory
{
    public static void GiveBack(ILogger logger)
    {
        var before = Environment.WorkingSet;
        GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        NativeMemoryTrim.Trim(); // and what the native heaps (SQLite's caches, ML.NET's native buffers) freed
        LogGivenBack(logger, before / (1024 * 1024), Environment.WorkingSet / (1024 * 1024));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Start-up done: working set {Before} MB, {After} MB after collecting its garbage")]
    static partial void LogGivenBack(ILogger logger, long before, long after);
}
