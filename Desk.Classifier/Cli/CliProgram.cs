using System.CommandLine;
using Desk.Classifier.Corpus;
using Desk.Classifier.Model;

namespace Desk.Classifier.Cli;

/// <summary>`dotnet run --project Desk.Classifier -- train|evaluate|predict|import|cross-validate`.</summary>
internal static class CliProgram
{
    public static int Main(string[] args)
    {
        var root = new RootCommand("Desk.Classifier: train, evaluate and run the desk's Table 8.4 query classifier.")
        {
            TrainCommand.Create(), EvaluateCommand.Create(), PredictCommand.Create(), ImportCommand.Create(), CrossValidateCommand.Create(),
        };
        return root.Parse(args).Invoke();
    }

    /// <summary>Runs a command body; expected failures become one clear line on stderr and exit code 1.</summary>
    public static int Guarded(Func<int> body)
    {
        try
        {
            return body();
        }
        catch (Exception e) when (e is CorpusFormatException or ModelFormatException or FileNotFoundException
                                      or DirectoryNotFoundException or ArgumentException or IOException or UnauthorizedAccessException)
        {
            if (e is CorpusFormatException corpus)
            {
                Console.Error.WriteLine($"error: '{corpus.File}' was rejected; nothing was read from it:");
                foreach (var problem in corpus.Problems) Console.Error.WriteLine($"  {problem}");
            }
            else
            {
                Console.Error.WriteLine($"error: {e.Message}");
            }
            return 1;
        }
    }

    public static TextClassifierModel LoadModel(FileInfo? file)
    {
        if (file is not null)
        {
            var model = TextClassifierModel.Load(file.FullName);
            Console.Error.WriteLine($"model {model.Version} ({model.Labels.Count} labels)");
            return model;
        }
        Console.Error.WriteLine("no --model: training the shipped default model from the seed corpus");
        var fallback = DefaultModel.Get();
        Console.Error.WriteLine($"model {fallback.Version} ({fallback.Metadata.Training.ExampleCount} seed examples)");
        return fallback;
    }
}
