using Desk.Classifier;
using Desk.Classifier.Cli;
using Desk.Classifier.Corpus;

namespace Desk.Tests.Classifier;

public sealed class LabelledCsvTests : IDisposable
{
    readonly TempFolder folder = new();

    public void Dispose() => folder.Dispose();

    [Fact]
    public void Read_QuotedFieldsWithCommasQuotesAndLineBreaks_AreOneFieldEach()
    {
        var csv = "text,label,lang\r\n\"broken, \"\"again\"\"\nsince Monday\",incident,en\r\nthanks,compliment,\n";

        var examples = LabelledCsv.Read(new StringReader(csv), "inline");

        Assert.Equal(2, examples.Count);
        Assert.Equal("broken, \"again\"\nsince Monday", examples[0].Text);
        Assert.Equal(QueryType.Incident, examples[0].Label);
        Assert.Equal("en", examples[0].Lang);
        Assert.Null(examples[1].Lang);
    }

    [Fact]
    public void Read_AMalformedFile_IsRejectedWholeNamingEachBadLine()
    {
        var csv = "text,label\nthe printer is broken,incident\n\"multi\nline\",bogus\nfine,compliment\n,incident\nwhat now,unmapped\n";

        var error = Assert.Throws<CorpusFormatException>(() => LabelledCsv.Read(new StringReader(csv), "history.csv"));

        Assert.Contains("nothing was read", error.Message);
        Assert.Contains(error.Problems, p => p.StartsWith("line 3:") && p.Contains("unknown label 'bogus'"));
        Assert.Contains(error.Problems, p => p.StartsWith("line 6:") && p.Contains("empty text"));
        Assert.Contains(error.Problems, p => p.StartsWith("line 7:") && p.Contains("'unmapped'"));
    }

    [Fact]
    public void Read_AnUnclosedQuote_IsRejectedWithItsLine()
    {
        var csv = "text,label\nok,incident\n\"never closed,incident\nmore,incident\n";

        var error = Assert.Throws<CorpusFormatException>(() => LabelledCsv.Read(new StringReader(csv), "history.csv"));

        Assert.Contains(error.Problems, p => p.Contains("line 3") && p.Contains("never closed"));
    }

    [Fact]
    public void Read_WithSkipLabelAndSplit_KeepsOnlyTheWantedRows()
    {
        var csv = "text,type_code,split\na,incident,train\nb,unmapped,train\nc,compliment,test\nd,complaint,train\n";
        var options = new CsvReadOptions
        {
            LabelColumn = "type_code", SkipLabels = new HashSet<string> { "unmapped" }, SplitColumn = "split", Split = "train",
        };

        var examples = LabelledCsv.Read(new StringReader(csv), "inline", options);

        Assert.Equal(["a", "d"], examples.Select(e => e.Text));
    }

    [Fact]
    public void Read_WithoutALabelColumn_SaysWhichColumnsItHas()
    {
        var error = Assert.Throws<CorpusFormatException>(() => LabelledCsv.Read(new StringReader("text,kind\na,b\n"), "x.csv"));

        Assert.Contains("no 'label' column", error.Message);
        Assert.Contains("text, kind", error.Message);
    }

    [Fact]
    public void ImportCommand_OnAMalformedFile_ExitsNonZeroAndWritesNothing()
    {
        var data = folder.File("history.csv");
        var output = folder.File("out", "history.csv");
        File.WriteAllText(data, "text,label\nprinter broken,incident\nslow again,not_a_type\n");

        var exit = CliProgram.Main(["import", "--data", data, "--out", output]);

        Assert.NotEqual(0, exit);
        Assert.False(File.Exists(output));
    }

    [Fact]
    public void ImportCommand_OnAGoodFile_WritesItBackClean()
    {
        var data = folder.File("history.csv");
        var output = folder.File("clean.csv");
        File.WriteAllText(data, "lang,label,text\nen,incident,\"printer, broken\"\nzh,compliment,谢谢\n");

        var exit = CliProgram.Main(["import", "--data", data, "--out", output]);

        Assert.Equal(0, exit);
        var written = LabelledCsv.Read(output);
        Assert.Equal([new LabelledText("printer, broken", QueryType.Incident, "en"), new LabelledText("谢谢", QueryType.Compliment, "zh")], written);
    }
}
