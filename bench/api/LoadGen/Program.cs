using Desk.Bench.LoadGen;

// bodies   <texts.csv> <count> <out.tsv>                        writes the request mix, one body a line
// open     <url[,url…]> <api-key> <bodies.tsv> <rate/s> <seconds> <connections> <run-id>   constant-rate load, JSON result
//          (several URLs take turns, request by request)
// push     <intake-url> <watch-url> <api-key> <bodies.tsv> <rate/s> <seconds> <username> <password> <run-id>
//          constant-rate intake on one node, push latency to a supervisor's hub connection on the other, JSON result
// classify <texts.csv> <iterations>                              classifier cost per query, JSON result
try
{
    return args switch
    {
        ["bodies", var corpus, var count, var output] => QueryMix.Write(corpus, int.Parse(count), output),
        ["open", var url, var key, var bodies, var rate, var seconds, var connections, var run] =>
            await OpenLoop.RunAsync(new OpenLoopPlan(Urls(url), key, QueryMix.Read(bodies), int.Parse(rate),
                TimeSpan.FromSeconds(int.Parse(seconds)), int.Parse(connections), run)),
        ["push", var intake, var watch, var key, var bodies, var rate, var seconds, var username, var password, var run] =>
            await PushLatency.RunAsync(new PushPlan(
                // No Idempotency-Keys: a retried key stores nothing and pushes nothing, so every POST must be new.
                new OpenLoopPlan([new Uri(intake)], key, QueryMix.Read(bodies).Select(q => q with { Key = KeyUse.None }).ToArray(),
                    int.Parse(rate), TimeSpan.FromSeconds(int.Parse(seconds)), 256, run),
                new Uri(watch), username, password)),
        ["classify", var corpus, var iterations] => ClassifyCost.Run(corpus, int.Parse(iterations)),
        _ => Usage(),
    };
}
catch (Exception e) when (e is FormatException or IOException or UriFormatException or InvalidDataException or HttpRequestException)
{
    Console.Error.WriteLine($"loadgen: {e.Message}");
    return 2;
}

static Uri[] Urls(string list) => list.Split(',').Select(url => new Uri(url)).ToArray();

static int Usage()
{
    Console.Error.WriteLine("usage: loadgen bodies <corpus.csv> <count> <out.tsv> | open <url[,url...]> <key> <bodies.tsv> <rate> <seconds> <connections> <run-id> | push <intake-url> <watch-url> <key> <bodies.tsv> <rate> <seconds> <user> <password> <run-id> | classify <corpus.csv> <iterations>");
    return 2;
}
