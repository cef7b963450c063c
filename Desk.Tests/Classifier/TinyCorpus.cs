using Desk.Classifier;
using Desk.Classifier.Corpus;
using Desk.Classifier.Model;

namespace Desk.Tests.Classifier;

/// <summary>A hand-built corpus small enough to train in milliseconds, with words that plainly mark each label.</summary>
internal static class TinyCorpus
{
    public static IReadOnlyList<LabelledText> Examples { get; } =
    [
        .. Repeat(QueryType.Incident, "the printer is broken", "my laptop is broken and will not start", "outlook crashes with an error",
            "the vpn is broken again", "打印机坏了", "电脑坏了开不了机"),
        .. Repeat(QueryType.Complaint, "your service is slow and rude", "I am unhappy, nobody called me back", "terrible slow support",
            "服务太慢了，很不满意", "态度很差"),
        .. Repeat(QueryType.Compliment, "thank you, great service", "thanks a lot, you were very helpful", "excellent support, thanks",
            "谢谢，服务很好", "非常感谢你们的帮助"),
        .. Repeat(QueryType.Consultation, "how do I connect to the wifi?", "where can I find the vpn guide?", "what are your opening hours?",
            "怎么连接无线网络？", "服务台几点上班？"),
    ];

    public static TextClassifierModel Train(int seed = 7) =>
        ModelTrainer.Train(Examples, new TrainingOptions { Name = "tiny", Seed = seed, Clock = new FixedClock() });

    static IEnumerable<LabelledText> Repeat(QueryType label, params string[] texts) => texts.Select(t => new LabelledText(t, label));

    sealed class FixedClock : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => new(2026, 11, 23, 5, 0, 0, TimeSpan.Zero);
    }
}
