using System.CommandLine;
using System.Globalization;

namespace Desk.Classifier.Cli;

internal static class PredictCommand
{
    public static Command Create()
    {
        var model = new Option<FileInfo?>("--model") { Description = "Model file (default: the shipped default model)" };
        var text = new Argument<string>("text") { Description = "The query text to type" };
        var command = new Command("predict", "Print a text's labels, most probable first.") { model, text };
        command.SetAction(parse => CliProgram.Guarded(() =>
        {
            var loaded = CliProgram.LoadModel(parse.GetValue(model));
            foreach (var score in loaded.Predict(parse.GetRequiredValue(text)))
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{score.Type.ToCode(),-24}{score.Probability:0.0000}"));
            return 0;
        }));
        return command;
    }
}
