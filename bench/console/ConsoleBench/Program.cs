using Desk.Bench.Console;

// seed     <desk-url> <api-key> <texts.csv> <count>                           open queries through the intake API
// consoles <url> <api-key> <texts.csv> <accounts-file|-> <connections> <rates> <seconds> <server-pid> <label>
//          hub connections that join their queues, intake at each rate, push latency and the server's memory;
//          accounts-file: "username password role" lines, signed in once each ("-": no sign-in, the bare hub)
// render   <desk-url> <api-key> <texts.csv> <username> <password> <loads> <updates>   the console in chromium
// report   <metrics.txt> <rates> <open>                                       the docs/benchmarks.md section, markdown
try
{
    return args switch
    {
        ["seed", var url, var key, var texts, var count] =>
            await Seed.RunAsync(new DeskClient(new Uri(url), key, Texts.Read(texts)), int.Parse(count)),
        ["consoles", var url, var key, var texts, var accounts, var connections, var rates, var seconds, var pid, var label] =>
            await Consoles.RunAsync(new ConsolesPlan(new DeskClient(new Uri(url), key, Texts.Read(texts)),
                accounts == "-" ? [] : Account.Read(accounts), int.Parse(connections),
                rates.Split(',').Select(int.Parse).ToArray(), TimeSpan.FromSeconds(int.Parse(seconds)), int.Parse(pid), label)),
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

static int Usage()
{
    Console.Error.WriteLine("usage: ConsoleBench seed <url> <key> <texts.csv> <count> | consoles <url> <key> <texts.csv> <accounts|-> <connections> <rate,rate...> <seconds> <server-pid> <label> | render <url> <key> <texts.csv> <user> <password> <loads> <updates> | report <metrics.txt> <rates> <open>");
    return 2;
}
