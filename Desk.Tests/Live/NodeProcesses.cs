using System.Diagnostics;

namespace Desk.Tests.Live;

/// <summary>The end of a Node script a test started: scripts exit when their stdin ends, so they also go when the test host dies.</summary>
internal static class NodeProcesses
{
    public static async ValueTask StopAsync(Process process)
    {
        if (!process.HasExited)
        {
            process.StandardInput.Close();
            if (!process.WaitForExit(5_000))
                process.Kill(entireProcessTree: true);
        }
        await process.WaitForExitAsync();
        process.Dispose();
    }
}
