namespace Desk.Bench.Console;

/// <summary>Opens queries through the intake API (classified, routed and timed as any other), 16 at a time.</summary>
internal static class Seed
{
    public const int FirstNumber = 10_000_000;

    public static async Task<int> RunAsync(DeskClient desk, int count)
    {
        var next = -1;
        var created = 0;
        await Task.WhenAll(Enumerable.Range(0, 16).Select(async _ =>
        {
            for (var i = Interlocked.Increment(ref next); i < count; i = Interlocked.Increment(ref next))
                if (await desk.SubmitAsync(FirstNumber + i) is not null) Interlocked.Increment(ref created);
        }));
        System.Console.WriteLine($"seeded={created} queries");
        return created == count ? 0 : 1;
    }
}
