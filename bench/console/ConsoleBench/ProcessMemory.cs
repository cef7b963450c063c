namespace Desk.Bench.Console;

/// <summary>A server process's memory and CPU as Linux reports them.</summary>
internal static class ProcessMemory
{
    /// <summary>VmRSS and VmHWM (peak RSS) in MB.</summary>
    public static (double Rss, double Peak) Of(int pid)
    {
        double Field(string name) => File.ReadLines($"/proc/{pid}/status")
            .Where(line => line.StartsWith(name + ":", StringComparison.Ordinal))
            .Select(line => double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) / 1024)
            .First();
        return (Field("VmRSS"), Field("VmHWM"));
    }

    /// <summary>User plus system CPU seconds of a process so far.</summary>
    public static double CpuSeconds(int pid)
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return (long.Parse(fields[11]) + long.Parse(fields[12])) / 100.0;
    }
}
