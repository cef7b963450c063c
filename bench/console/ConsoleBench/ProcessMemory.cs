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

    /// <summary>CPU seconds the whole machine has been busy so far, all cores together (other work on it included).</summary>
    public static double MachineBusySeconds()
    {
        var cpu = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        // user nice system idle iowait irq softirq steal: busy is all but idle and iowait.
        return (long.Parse(cpu[1]) + long.Parse(cpu[2]) + long.Parse(cpu[3]) + long.Parse(cpu[6]) + long.Parse(cpu[7]) + long.Parse(cpu[8])) / 100.0;
    }

    /// <summary>User plus system CPU seconds of a process so far.</summary>
    public static double CpuSeconds(int pid)
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return (long.Parse(fields[11]) + long.Parse(fields[12])) / 100.0;
    }
}
