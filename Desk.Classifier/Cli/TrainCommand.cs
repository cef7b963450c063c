using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Desk.Classifier.Model;

namespace Desk.Classifier.Cli;

internal static class TrainCommand
{
    public static Option<int> Seed { get; } = new("--seed") { Description = "Training seed", DefaultValueFactory = _ => 42 };
    public static Option<double> C { get; } = new("--c") { Description = "Inverse L2 regularisation strength (as scikit-learn's C)", DefaultValueFactory = _ => new TrainingOptions().C };
    public static Option<bool> Unbalanced { get; } = new("--unbalanced") { Description = "Do not weight labels equally" };

    public static Command Create()
    {
        var data = new DataOptions();
        var output = new Option<FileInfo>("--out") { Description = "Where to write the model file", Required = true };
        var name = new Option<string>("--name") { Description = "Model name (first part of its version)", DefaultValueFactory = _ => "model" };
        var command = new Command("train", "Train a model from a labelled CSV file and save it.");
        data.AddTo(command);
        command.Add(output);
        command.Add(Seed);
        command.Add(C);
        command.Add(Unbalanced);
        command.Add(name);
        command.SetAction(parse => CliProgram.Guarded(() =>
        {
            var examples = data.Read(parse);
            var options = OptionsFrom(parse) with { Name = parse.GetValue(name) ?? "model" };
            var clock = Stopwatch.StartNew();
            var model = ModelTrainer.Train(examples, options, new SynchronousProgress<TrainingProgress>(Report));
            var seconds = clock.Elapsed.TotalSeconds;
            var path = parse.GetRequiredValue(output).FullName;
            model.Save(path);
            Console.WriteLine($"model: {model.Version} -> {path}");
            Console.WriteLine($"labels: {string.Join(", ", model.Labels.Select(l => l.ToCode()))}");
            Console.WriteLine($"examples: {examples.Count}, features: {model.Metadata.Training.FeatureCount}, iterations: {model.Metadata.Training.Iterations}");
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"training seconds: {seconds:0.000}"));
            return 0;
        }));
        return command;
    }

    public static TrainingOptions OptionsFrom(ParseResult parse) => new()
    {
        Seed = parse.GetValue(Seed),
        C = parse.GetValue(C),
        BalanceClasses = !parse.GetValue(Unbalanced),
    };

    public static void Report(TrainingProgress progress) =>
        Console.Error.WriteLine(progress.Iteration == 0
            ? progress.Stage
            : string.Create(CultureInfo.InvariantCulture, $"{progress.Stage}: iteration {progress.Iteration}, loss {progress.Loss:0.00000}"));
}
