using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Desk.Classifier.Corpus;
using Desk.Classifier.Evaluation;
using Desk.Classifier.Model;

namespace Desk.Classifier.Cli;

internal static class EvaluateCommand
{
    public static Command Create()
    {
        var data = new DataOptions();
        var model = new Option<FileInfo?>("--model") { Description = "Model file (default: the shipped default model)" };
        var command = new Command("evaluate", "Score a model on a labelled CSV file: per-class table, accuracy, macro-F1, predictions/s.");
        data.AddTo(command);
        command.Add(model);
        command.SetAction(parse => CliProgram.Guarded(() =>
        {
            var examples = data.Read(parse);
            var loaded = CliProgram.LoadModel(parse.GetValue(model));
            var report = ModelEvaluator.Evaluate(loaded, examples);
            Console.Write(report.Format());
            var (wall, cpu) = PredictionsPerSecond(loaded, examples);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"predictions/s: {wall:0}"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"predictions per cpu-second: {cpu:0}"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"microseconds per query (pooled PredictionEngine, one thread): {1e6 / wall:0.0}"));
            return 0;
        }));
        return command;
    }

    /// <summary>
    /// Single-thread throughput of the intake path (<see cref="TextClassifierModel.Predict(string, Span{float})"/>: one
    /// query at a time through the pooled PredictionEngine), after a warm-up, over at least half a second.
    /// </summary>
    static (double Wall, double Cpu) PredictionsPerSecond(TextClassifierModel model, IReadOnlyList<LabelledText> examples)
    {
        var probabilities = new float[model.Labels.Count];
        foreach (var example in examples.Take(1000)) model.Predict(example.Text, probabilities);
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        var predictions = 0L;
        do
        {
            foreach (var example in examples) model.Predict(example.Text, probabilities);
            predictions += examples.Count;
        } while (clock.Elapsed < TimeSpan.FromSeconds(0.5));
        var wall = clock.Elapsed.TotalSeconds;
        return (predictions / wall, predictions / (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds);
    }
}
