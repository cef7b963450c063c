using System.Diagnostics;
using System.Text.Json;
using Desk.Classifier;
using Desk.Classifier.Corpus;
using Desk.Classifier.Model;

namespace Desk.Bench.LoadGen;

/// <summary>What classifying one query costs on its own, single-threaded, with the model the desk trains at start.</summary>
internal static class ClassifyCost
{
    public static int Run(string corpus, int iterations)
    {
        var texts = LabelledCsv.Read(corpus).Select(e => e.Text).ToArray();
        var trainStarted = Stopwatch.GetTimestamp();
        var classifier = new DeskQueryClassifier(DefaultModel.Get());
        var trainTook = Stopwatch.GetElapsedTime(trainStarted);
        for (var i = 0; i < 2000; i++)
            classifier.Classify(texts[i % texts.Length], ClassificationContext.None);
        var started = Stopwatch.GetTimestamp();
        for (var i = 0; i < iterations; i++)
            classifier.Classify(texts[i % texts.Length], ClassificationContext.None);
        var took = Stopwatch.GetElapsedTime(started);
        Console.WriteLine(JsonSerializer.Serialize(new
        {
            iterations,
            microsecondsPerQuery = Math.Round(took.TotalMicroseconds / iterations, 1),
            perSecondOneCore = Math.Round(iterations / took.TotalSeconds),
            defaultModelTrainSeconds = Math.Round(trainTook.TotalSeconds, 1),
        }));
        return 0;
    }
}
