using Desk.Bench.LoadGen;

// bodies   <texts.csv> <count> <out.tsv>                        writes the request mix, one body a line
// open     <url> <api-key> <bodies.tsv> <rate/s> <seconds> <connections> <run-id>   constant-rate load, JSON result
// classify <texts.csv> <iterations>                              classifier cost per query, JSON result
try
{
    return args switch
    {
        ["bodies", var corpus, var count, var output] => QueryMix.Write(corpus, int.Parse(count), output),
        ["open", var url, var key, var bodies, var rate, var seconds, var connections, var run] =>
            await OpenLoop.RunAsync(new OpenLoopPlan(new Uri(url), key, QueryMix.Read(bodies), int.Parse(rate),
                TimeSpan.FromSeconds(int.Parse(seconds)), int.Parse(connections), run)),
        ["classify", var corpus, var iterations] => ClassifyCost.Run(corpus, int.Parse(iterations)),
        _ => Usage(),
    };
}
catch (Exception e) when (e is FormatException or IOException or UriFormatException or InvalidDataException)
{
    Console.Error.WriteLine($"loadgen: {e.Message}");
    return 2;
}

static int Usage()
{
    Console.Error.WriteLine("usage: loadgen bodies <corpus.csv> <count> <out.tsv> | open <url> <key> <bodies.tsv> <rate> <seconds> <connections> <run-id> | classify <corpus.csv> <iterations>");
    return 2;
}
