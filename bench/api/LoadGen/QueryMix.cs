using System.Text.Encodings.Web;
using System.Text.Json;
using Desk.Classifier;
using Desk.Classifier.Corpus;

namespace Desk.Bench.LoadGen;

/// <summary>How a body is sent: without an Idempotency-Key, with a fresh one, or with one that repeats (a retry).</summary>
internal enum KeyUse { None, Fresh, Retry }

internal sealed record MixedQuery(KeyUse Key, string Json);

/// <summary>
/// The request mix both generators send: held-out English and Chinese texts of every type, over every channel,
/// from a pool of contacts (first sight creates them, later ones find them), with some catalog picks, some
/// impact/urgency, e-mails wrapped in greeting and signature, and some Idempotency-Keys.
/// </summary>
internal static class QueryMix
{
    const int Contacts = 1500;
    // Raw UTF-8 on the wire, as browsers and most clients send Chinese text, rather than \u escapes.
    static readonly JsonSerializerOptions Json = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    static readonly string[] Channels = ["web", "email", "chat", "sms", "portal"];
    static readonly string[] Names = ["Ana Silva", "Ben Carter", "Chloe Martin", "Dev Patel", "Emma Jones", "王芳", "李伟", "张敏", "刘洋", "陈静"];
    static readonly Dictionary<string, string[]> Catalog = new()
    {
        ["service_request"] = ["new-laptop", "software-install", "access-request", "password-reset", "new-starter-account"],
        ["change_request"] = ["firewall-rule-change", "server-upgrade", "mailbox-quota-change", "dns-change"],
    };

    public static int Write(string corpus, int count, string output)
    {
        var examples = LabelledCsv.Read(corpus);
        var random = new Random(42);
        using var writer = new StreamWriter(output);
        for (var i = 0; i < count; i++)
        {
            var example = examples[random.Next(examples.Count)];
            var channel = Channels[random.Next(Channels.Length)];
            var contact = random.Next(Contacts);
            var name = Names[contact % Names.Length];
            var body = new Dictionary<string, object?>
            {
                ["text"] = channel == "email" ? Email(example, name, random) : example.Text,
                ["channel"] = channel,
                ["contact"] = Identity(channel, contact, name),
            };
            if (Catalog.TryGetValue(example.Label.ToCode(), out var items) && random.NextDouble() < 0.3)
                body["catalogItem"] = items[random.Next(items.Length)];
            if (random.NextDouble() < 0.05)
            {
                body["impact"] = "high";
                body["urgency"] = random.NextDouble() < 0.5 ? "high" : "medium";
            }
            var key = random.NextDouble() switch { < 0.10 => KeyUse.Fresh, < 0.13 => KeyUse.Retry, _ => KeyUse.None };
            writer.Write(key.ToString().ToLowerInvariant());
            writer.Write('\t');
            writer.WriteLine(JsonSerializer.Serialize(body, Json));
        }
        return 0;
    }

    public static IReadOnlyList<MixedQuery> Read(string path)
    {
        var mix = new List<MixedQuery>();
        foreach (var line in File.ReadLines(path))
        {
            var tab = line.IndexOf('\t');
            if (tab < 0 || !Enum.TryParse<KeyUse>(line[..tab], ignoreCase: true, out var key))
                throw new InvalidDataException($"'{path}' line {mix.Count + 1} is not '<none|fresh|retry>\\t<json>'.");
            mix.Add(new MixedQuery(key, line[(tab + 1)..]));
        }
        return mix.Count > 0 ? mix : throw new InvalidDataException($"'{path}' holds no bodies.");
    }

    static object Identity(string channel, int contact, string name) => channel switch
    {
        "sms" => new { channel = "sms", address = $"+4670{contact:D7}", displayName = name },
        "chat" => new { channel = "msteams", address = $"29:bench-{contact}", displayName = name },
        _ => new { channel = "email", address = $"user{contact:D4}@Example.com", displayName = name },
    };

    static string Email(LabelledText example, string name, Random random) =>
        example.Lang == "zh"
            ? $"您好，\n\n{example.Text}\n\n谢谢！\n{name}\n{Filler(random)}"
            : $"Hi team,\n\n{example.Text}\n\nThanks,\n{name}\n{Filler(random)}";

    // Mail clients append signatures and disclaimers; they make e-mail bodies several times longer than chat lines.
    static string Filler(Random random) => random.Next(3) switch
    {
        0 => "",
        1 => "Sent from my phone",
        _ => "This e-mail and any attachments are confidential and intended solely for the addressee. If you have received it in error, please notify the sender and delete it.",
    };
}
