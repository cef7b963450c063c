using System.CommandLine;
using System.Globalization;
using Desk.Classifier.Evaluation;

namespace Desk.Classifier.Cli;

internal static class CrossValidateCommand
{
    public static Command Create()
    {
        var data = new DataOptions();
        var folds = new Option<int>("--folds") { Description = "Number of stratified folds", DefaultValueFactory = _ => 5 };
        var command = new Command("cross-validate", "Stratified k-fold cross-validation of training on a labelled CSV file.");
        data.AddTo(command);
        command.Add(folds);
        foreach (var option in TrainCommand.All) command.Add(option);
        command.SetAction(parse => CliProgram.Guarded(() =>
        {
            var examples = data.Read(parse);
            var report = CrossValidation.Run(examples, parse.GetValue(folds), TrainCommand.OptionsFrom(parse));
            var inv = CultureInfo.InvariantCulture;
            for (var i = 0; i < report.Folds.Count; i++)
                Console.WriteLine(string.Create(inv, $"fold {i + 1}: accuracy {report.Folds[i].Accuracy:0.0000}, macro-F1 {report.Folds[i].MacroF1:0.0000}"));
            Console.WriteLine(string.Create(inv, $"accuracy: {report.MeanAccuracy:0.0000}"));
            Console.WriteLine(string.Create(inv, $"macro-F1: {report.MeanMacroF1:0.0000}"));
            return 0;
        }));
        return command;
    }
}
