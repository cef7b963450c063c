using Desk.Bench.Console;

// seed     <desk-url> <api-key> <texts.csv> <count>                           open queries through the intake API
// consoles <texts.csv> <connections> <rate,rate...> <seconds> <label,url,api-key,accounts-file|-,server-pid>...
//          on each target, hub connections that join their queues; then intake at each rate, the targets taking
//          turns; push latency and the server's memory. accounts-file: "username password role" lines, signed in
//          once each ("-": no sign-in, the bare hub)
// render   <desk-url> <api-key> <texts.csv> <username> <password> <loads> <updates>   the console in chromium
// report   <metrics.txt> <rates> <open>                                       the docs/benchmarks.md section, markdown
try
{
    return args switch
    {
        ["seed", var url, var key, var texts, var count] =>
            await Seed.RunAsync(new DeskClient(new Uri(url), key, Texts.Read(texts)), int.Parse(count)),
        ["consoles", var texts, var connections, var rates, var seconds, .. var targets] when targets.Length > 0 =>
            await Consoles.RunAsync(new ConsolesPlan(targets.Select(target => Target(target, Texts.Read(texts))).ToArray(),
                int.Parse(connections), rates.Split(',').Select(int.Parse).ToArray(), TimeSpan.FromSeconds(int.Parse(seconds)))),
        ["render", var url, var key, var texts, var username, var password, var loads, var updates] =>
            await Render.RunAsync(new DeskClient(new Uri(url), key, Texts.Read(texts)), new Account(username, password, "agent"),
                int.Parse(loads), int.Parse(updates)),
        ["report", var metrics, var rates, var open] => Markdown.Write(metrics, rates.Split(',').Select(int.Parse).ToArray(), int.Parse(open)),
        _ => Usage(),
    };
}
catch (Exception e) when (e is FormatException or IOException or HttpRequestException)
{
    Console.Error.WriteLine($"consolebench: {e.Message}");
    return 2;
}

static Target Target(string spec, string[] texts) => spec.Split(',') is [var label, var url, var key, var accounts, var pid]
    ? new Target(label, new DeskClient(new Uri(url), key, texts), accounts == "-" ? [] : Account.Read(accounts), int.Parse(pid))
    : throw new FormatException($"a target is label,url,api-key,accounts-file|-,server-pid, not '{spec}'");

static int Usage()
{
    Console.Error.WriteLine("usage: ConsoleBench seed <url> <key> <texts.csv> <count> | consoles <texts.csv> <connections> <rate,rate...> <seconds> <label,url,key,accounts|-,pid>... | render <url> <key> <texts.csv> <user> <password> <loads> <updates> | report <metrics.txt> <rates> <open>");
    return 2;
}
