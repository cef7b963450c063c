namespace Desk.Bench.Sla;

// passes   <desk.db> <open> <due>     migrates a new SQLite file, seeds <open> open queries, then times timer passes with
//                                      nothing due and with <due> due, and the 30-day scorecard; JSON result
// lateness <desk.db> <breaches> <lead-s> <spread-s> <interval>   against a desk running on that file (sweeping every
//                                      <interval>, for the record): first-response deadlines at known instants from
//                                      <lead-s> to <lead-s>+<spread-s> from now; JSON result
// table    <folder> <open…>            the markdown tables of the results run.sh left in <folder>/<open>/
// pass     <desk.db>                  one timer pass, for looking into a file by hand
// seed     <desk.db> <open>           migrates a new SQLite file and seeds <open> open queries, nothing else (bench/queues)
internal static class Bench
{
    static async Task<int> Main(string[] args)
    {
        try
        {
            return args switch
            {
                ["passes", var db, var open, var due] => await PassCost.RunAsync(db, int.Parse(open), int.Parse(due)),
                ["lateness", var db, var breaches, var lead, var spread, var interval] =>
                    await Lateness.RunAsync(db, int.Parse(breaches), TimeSpan.FromSeconds(double.Parse(lead)), TimeSpan.FromSeconds(double.Parse(spread)), interval),
                ["table", var folder, .. var sizes] => Report.Write(folder, sizes),
                ["pass", var db] => await OnePassAsync(db),
                ["seed", var db, var open] => Seed(db, int.Parse(open)),
                _ => Usage(),
            };
        }
        catch (Exception e) when (e is FormatException or IOException)
        {
            Console.Error.WriteLine($"slabench: {e.Message}");
            return 2;
        }
    }

    /// <summary>One timer pass on a desk file, for looking into it by hand.</summary>
    static async Task<int> OnePassAsync(string db)
    {
        using var desk = new InProcessDesk(db);
        Console.WriteLine($"recorded {await desk.Pass()()}");
        return 0;
    }

    static int Seed(string db, int open)
    {
        using (var migrate = new InProcessDesk(db))
            migrate.Start();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools(); // the seed below is the file's only writer
        Console.WriteLine($"seeded {open} open queries in {Rows.Seed(db, open, 0, DateTimeOffset.UtcNow).Seconds:F1} s");
        return 0;
    }

    static int Usage()
    {
        Console.Error.WriteLine("usage: slabench passes <desk.db> <open> <due> | lateness <desk.db> <breaches> <lead-s> <spread-s> <interval> | table <folder> <open...> | seed <desk.db> <open>");
        return 2;
    }
}
