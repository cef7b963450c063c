using System.CommandLine;
using Desk.Classifier.Corpus;

namespace Desk.Classifier.Cli;

internal static class ImportCommand
{
    public static Command Create()
    {
        var data = new DataOptions();
        var output = new Option<FileInfo>("--out") { Description = "Where to write the checked history: a .csv file, or a folder", Required = true };
        var command = new Command("import", "Check a site's labelled history (text,label[,lang]) and write it out clean; a malformed file is rejected whole.");
        data.AddTo(command, withLabelChoices: false);
        command.Add(output);
        command.SetAction(parse => CliProgram.Guarded(() =>
        {
            var examples = data.Read(parse);
            var target = parse.GetRequiredValue(output).FullName;
            if (Directory.Exists(target) || target.EndsWith(Path.DirectorySeparatorChar))
                target = Path.Combine(target, Path.GetFileNameWithoutExtension(parse.GetRequiredValue(data.Data).Name) + ".csv");
            LabelledCsv.Write(target, examples);
            Console.WriteLine($"imported {examples.Count} labelled examples -> {target}");
            foreach (var group in examples.GroupBy(e => e.Label).OrderBy(g => g.Key))
                Console.WriteLine($"  {group.Key.ToCode(),-24}{group.Count(),8}");
            return 0;
        }));
        return command;
    }
}
