namespace Desk.Classifier.Corpus;

/// <summary>Where the wanted columns sit in a labelled CSV file, found from its header row.</summary>
internal sealed class CsvColumns
{
    int width, text, label, lang = -1, split = -1;

    public static CsvColumns From(string[] header, CsvReadOptions options)
    {
        var names = header.Select(h => h.Trim()).ToArray();
        int Find(string name) => Array.FindIndex(names, n => string.Equals(n, name, StringComparison.OrdinalIgnoreCase));
        var columns = new CsvColumns { width = names.Length, text = Find(options.TextColumn), label = Find(options.LabelColumn) };
        if (columns.label < 0 && options.LabelColumn == "label") columns.label = Find("type");
        columns.lang = Find("lang");
        if (options.SplitColumn is not null) columns.split = Find(options.SplitColumn);
        var missing = new List<string>();
        if (columns.text < 0) missing.Add($"'{options.TextColumn}'");
        if (columns.label < 0) missing.Add($"'{options.LabelColumn}'");
        if (options.SplitColumn is not null && columns.split < 0) missing.Add($"'{options.SplitColumn}'");
        if (missing.Count > 0)
            throw new InvalidDataException($"line 1: the header has no {string.Join(" or ", missing)} column (it has: {string.Join(", ", names)})");
        var extra = names.Where((_, i) => i != columns.text && i != columns.label && i != columns.lang && i != columns.split).ToList();
        if (options.OnlyKnownColumns && extra.Count > 0)
            throw new InvalidDataException($"line 1: columns this file may not have: {string.Join(", ", extra.Select(Shown))} (only text, label or type, and lang)");
        return columns;
    }

    /// <summary>The row's example; null when the row is filtered out or has a problem (then recorded).</summary>
    public LabelledText? Parse(CsvRecord record, CsvReadOptions options, List<string> problems)
    {
        var fields = record.Fields;
        if (fields.Length != width)
        {
            LabelledCsv.AddProblem(problems, $"line {record.Line}: {fields.Length} fields where the header has {width}");
            return null;
        }
        if (split >= 0 && !string.Equals(fields[split].Trim(), options.Split, StringComparison.OrdinalIgnoreCase)) return null;
        var code = fields[label].Trim();
        if (options.SkipLabels.Contains(code)) return null;
        if (!QueryTypes.TryParse(code, out var type))
        {
            var why = code.Length == 0 ? "an empty label" : $"unknown label '{Shown(code)}'";
            LabelledCsv.AddProblem(problems, $"line {record.Line}: {why} (expected one of {string.Join(", ", QueryTypes.All.Select(t => t.ToCode()))})");
            return null;
        }
        if (string.IsNullOrWhiteSpace(fields[text]))
        {
            LabelledCsv.AddProblem(problems, $"line {record.Line}: empty text");
            return null;
        }
        if (options.TextProblem?.Invoke(fields[text]) is { } refused)
        {
            LabelledCsv.AddProblem(problems, $"line {record.Line}: {refused}");
            return null;
        }
        var language = lang >= 0 && fields[lang].Trim().Length > 0 ? fields[lang].Trim() : null;
        if (language is not null && options.Languages is { } known && !known.Contains(language))
        {
            LabelledCsv.AddProblem(problems, $"line {record.Line}: unknown lang '{Shown(language)}' (a language tag such as en or zh)");
            return null;
        }
        return new LabelledText(fields[text], type, language);
    }

    // A refused value is echoed back in the problem list: short, and without control characters.
    static string Shown(string value)
    {
        var visible = new string(value.Take(40).Select(c => char.IsControl(c) ? '?' : c).ToArray());
        return value.Length > 40 ? visible + "…" : visible;
    }
}
