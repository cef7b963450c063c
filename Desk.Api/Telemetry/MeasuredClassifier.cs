using System.Diagnostics;
using Desk.Classifier;

namespace Desk.Api.Telemetry;

/// <summary>The desk's classifier, timed: every caller (intake, the bot, survey comments) is measured without knowing it.</summary>
internal sealed class MeasuredClassifier(DeskQueryClassifier classifier, DeskMetrics metrics) : IQueryClassifier
{
    public string ModelVersion => classifier.ModelVersion;

    public Desk.Classifier.Classification Classify(string text, ClassificationContext context)
    {
        var started = Stopwatch.GetTimestamp();
        var classification = classifier.Classify(text, context);
        metrics.ClassifierDuration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds,
            new KeyValuePair<string, object?>(DeskMetrics.Tags.DecidedBy, Decider(classification.DecidedBy)));
        return classification;
    }

    static string Decider(TypeDecider decider) => decider switch
    {
        TypeDecider.Model => "model",
        TypeDecider.Rule => "rule",
        TypeDecider.Catalog => "catalog",
        TypeDecider.Agent => "agent",
        _ => "user",
    };
}
