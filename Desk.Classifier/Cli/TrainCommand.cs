using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Desk.Classifier.Corpus;
using Desk.Classifier.Features;
using Desk.Classifier.Model;

namespace Desk.Classifier.Cli;

internal static class TrainCommand
{
    public static Option<int> Seed { get; } = new("--seed") { Description = "Training seed", DefaultValueFactory = _ => 42 };
    public static Option<double> C { get; } = new("--c") { Description = "Inverse L2 regularisation strength (as scikit-learn's C)", DefaultValueFactory = _ => new TrainingOptions().C };
    public static Option<bool> Unbalanced { get; } = new("--unbalanced") { Description = "Do not weight labels equally" };
    public static Option<int> WordNgrams { get; } = new("--word-ngrams") { Description = "Longest word n-gram", DefaultValueFactory = _ => new FeaturizerSettings().MaxWordNgram };
    public static Option<string> CharNgrams { get; } = new("--char-ngrams") { Description = "Character n-gram sizes inside Latin words, min-max (0 for none)", DefaultValueFactory = _ => $"{new FeaturizerSettings().MinCharNgram}-{new FeaturizerSettings().MaxCharNgram}" };
    public static Option<int> CjkNgrams { get; } = new("--cjk-ngrams") { Description = "Longest run of CJK characters taken as a feature", DefaultValueFactory = _ => new FeaturizerSettings().MaxCjkNgram };

    public static Option<double> Tolerance { get; } = new("--tolerance") { Description = "Stop when five iterations lower the loss by less than this fraction", DefaultValueFactory = _ => new TrainingOptions().Tolerance };

    // Kept so scripts that pass it keep working: ML.NET's n-gram bag keeps the most frequent n-grams instead.
    public static Option<int> MinDf { get; } = new("--min-df") { Description = "No longer used (ML.NET's n-gram bag keeps every n-gram seen); accepted for old scripts", DefaultValueFactory = _ => 1 };

    public static Option<bool> Calibrate { get; } = new("--calibrate") { Description = "Fit a temperature on a held-back tenth so confidences are calibrated (trains twice)" };

    public static IEnumerable<Option> All => [Seed, C, Unbalanced, MinDf, WordNgrams, CharNgrams, CjkNgrams, Tolerance, Calibrate];

    public static Command Create()
    {
        var data = new DataOptions();
        var output = new Option<FileInfo>("--out") { Description = "Where to write the model file", Required = true };
        var name = new Option<string>("--name") { Description = "Model name (first part of its version)", DefaultValueFactory = _ => "model" };
        var command = new Command("train", "Train a model from a labelled CSV file and save it.");
        data.AddTo(command);
        command.Add(output);
        foreach (var option in All) command.Add(option);
        command.Add(name);
        command.SetAction(parse => CliProgram.Guarded(() =>
        {
            var examples = data.Read(parse);
            var options = OptionsFrom(parse) with { Name = parse.GetValue(name) ?? "model" };
            WarmUp();
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var clock = Stopwatch.StartNew();
            var model = ModelTrainer.Train(examples, options, new SynchronousProgress<TrainingProgress>(Report));
            var seconds = clock.Elapsed.TotalSeconds;
            var cpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
            var path = parse.GetRequiredValue(output).FullName;
            model.Save(path);
            Console.WriteLine($"model: {model.Version} -> {path}");
            Console.WriteLine($"labels: {string.Join(", ", model.Labels.Select(l => l.ToCode()))}");
            Console.WriteLine($"examples: {examples.Count}, features: {model.Metadata.Training.FeatureCount}, trainer: ML.NET {model.Metadata.Training.Trainer}");
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"training seconds: {seconds:0.000}"));
            // On a shared machine wall time says more about the neighbours; CPU time is what training cost.
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"training cpu seconds: {cpuSeconds:0.000}"));
            return 0;
        }));
        return command;
    }

    /// <summary>
    /// Trains once on a handful of lines first, so that "training seconds" is training and not the JIT compiling ML.NET
    /// (about half a second in a fresh process; the peers' figures likewise exclude importing their libraries).
    /// </summary>
    static void WarmUp()
    {
        var clock = Stopwatch.StartNew();
        LabelledText[] lines =
        [
            new("the printer is broken", QueryType.Incident), new("my laptop will not boot", QueryType.Incident),
            new("thank you for the help", QueryType.Compliment), new("great service, thanks", QueryType.Compliment),
        ];
        ModelTrainer.Train(lines, new TrainingOptions { Name = "warm-up" }).Predict("the printer");
        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"warm-up (JIT) seconds: {clock.Elapsed.TotalSeconds:0.000}"));
    }

    public static TrainingOptions OptionsFrom(ParseResult parse)
    {
        var chars = parse.GetValue(CharNgrams) ?? "";
        var range = chars.Split('-', StringSplitOptions.TrimEntries);
        int min = 0, max = 0;
        if (!(chars == "0" || (range.Length == 2 && int.TryParse(range[0], out min) && int.TryParse(range[1], out max))))
            throw new ArgumentException($"--char-ngrams takes min-max (e.g. 2-4) or 0, not '{chars}'.");
        return new TrainingOptions
        {
            Seed = parse.GetValue(Seed),
            C = parse.GetValue(C),
            BalanceClasses = !parse.GetValue(Unbalanced),
            Calibrate = parse.GetValue(Calibrate),
            Tolerance = parse.GetValue(Tolerance),
            Featurizer = new FeaturizerSettings
            {
                MaxWordNgram = parse.GetValue(WordNgrams), MinCharNgram = Math.Max(min, 1), MaxCharNgram = max,
                MaxCjkNgram = parse.GetValue(CjkNgrams),
            },
        };
    }

    public static void Report(TrainingProgress progress) =>
        Console.Error.WriteLine(progress.Iteration == 0
            ? progress.Stage
            : string.Create(CultureInfo.InvariantCulture, $"{progress.Stage}: iteration {progress.Iteration}, loss {progress.Loss:0.00000}"));
}
