using System.Text;

namespace Desk.Bench.MlNet;

/// <summary>The same rows as bench/classifier/dataset.py: the CSV's split column, mapped_label as gold, unmapped dropped.</summary>
public static class DatasetCsv
{
    public static List<Ticket> Load(string path, string split)
    {
        var records = Parse(File.ReadAllText(path, Encoding.UTF8)).ToList();
        var header = records[0];
        int text = header.IndexOf("text"), label = header.IndexOf("mapped_label"), splitColumn = header.IndexOf("split");
        return records.Skip(1)
            .Where(r => r.Count == header.Count && r[splitColumn] == split && r[label] != "unmapped")
            .Select(r => new Ticket { Text = r[text], Label = r[label] })
            .ToList();
    }

    // RFC 4180: quoted fields may hold commas, doubled quotes and line breaks.
    static IEnumerable<List<string>> Parse(string content)
    {
        var record = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < content.Length; i++)
        {
            var c = content[i];
            if (quoted)
            {
                if (c != '"') field.Append(c);
                else if (i + 1 < content.Length && content[i + 1] == '"') { field.Append('"'); i++; }
                else quoted = false;
            }
            else if (c == '"') quoted = true;
            else if (c == ',') { record.Add(field.ToString()); field.Clear(); }
            else if (c == '\n' || c == '\r')
            {
                if (c == '\r' && i + 1 < content.Length && content[i + 1] == '\n') i++;
                record.Add(field.ToString()); field.Clear();
                yield return record;
                record = new List<string>();
            }
            else field.Append(c);
        }
        if (field.Length > 0 || record.Count > 0) { record.Add(field.ToString()); yield return record; }
    }
}
