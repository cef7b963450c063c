using Desk.Classifier;
using System.IO.Compression;
using System.Text;
using Desk.Classifier.Features;
using Desk.Classifier.Model;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Desk.Tests.Classifier;

public sealed class ModelFileTests : IDisposable
{
    readonly TempFolder folder = new();

    public void Dispose() => folder.Dispose();

    [Fact]
    public void SaveThenLoad_GivesIdenticalPredictionsAndMetadata()
    {
        var model = TinyCorpus.Train();
        var path = folder.File("tiny.model");

        model.Save(path);
        var loaded = TextClassifierModel.Load(path);

        Assert.Equal(model.Metadata.Version, loaded.Metadata.Version);
        Assert.Equal(model.Labels, loaded.Labels);
        Assert.Equal(model.Metadata.Featurizer, loaded.Metadata.Featurizer);
        Assert.Equal(model.Metadata.Training, loaded.Metadata.Training);
        foreach (var text in new[] { "the printer is broken", "谢谢你们", "how do I reset my password?", "" })
            Assert.Equal(model.Predict(text), loaded.Predict(text));
    }

    [Fact]
    public void ASavedModel_LoadsInAPlainMlNetApplication_WithItsDocumentedSchema()
    {
        var model = TinyCorpus.Train();
        var path = folder.File("plain.model");
        model.Save(path);

        // What any ML.NET application does: register the featurizer's assembly, load, predict Text -> PredictedLabel, Score.
        var ml = new MLContext();
        ml.ComponentCatalog.RegisterAssembly(typeof(TextFeaturesMapping).Assembly);
        var transformer = ml.Model.Load(path, out var inputSchema);
        var engine = ml.Model.CreatePredictionEngine<PlainInput, PlainOutput>(transformer);
        var output = engine.Predict(new PlainInput { Text = "the printer is broken" });

        Assert.Equal("Text", Assert.Single(inputSchema).Name);
        Assert.Equal("incident", output.PredictedLabel);
        Assert.Equal(model.Labels.Count, output.Score.Length);
        var slots = default(VBuffer<ReadOnlyMemory<char>>);
        transformer.GetOutputSchema(inputSchema)["Score"].GetSlotNames(ref slots);
        Assert.Equal(model.Labels.Select(l => l.ToCode()), slots.DenseValues().Select(s => s.ToString()));
    }

    [Fact]
    public void Load_OfAFormatOneModel_IsRefusedWithAClearError()
    {
        var path = folder.File("old.model");
        var bytes = new byte[64];
        "DESKCLF\n"u8.CopyTo(bytes);
        BitConverter.TryWriteBytes(bytes.AsSpan(8, 4), 1);
        File.WriteAllBytes(path, bytes);

        var error = Assert.Throws<ModelFormatException>(() => TextClassifierModel.Load(path));

        Assert.Contains("format version 1", error.Message);
        Assert.Contains("reads format version 2", error.Message);
        Assert.Contains("Retrain", error.Message);
    }

    [Fact]
    public void Load_OfAnotherFormatVersion_IsRefusedWithAClearError()
    {
        var path = SaveThenRewriteMetadata("future.model", json => json.Replace("\"format\":2", "\"format\":3"));

        var error = Assert.Throws<ModelFormatException>(() => TextClassifierModel.Load(path));

        Assert.Contains("format version 3", error.Message);
        Assert.Contains("reads format version 2", error.Message);
    }

    [Fact]
    public void Load_OfAPlainMlNetModel_SaysItIsNotADeskModel()
    {
        var path = folder.File("plain.zip");
        var ml = new MLContext();
        var data = ml.Data.LoadFromEnumerable(new[] { new PlainInput { Text = "a" } });
        ml.Model.Save(ml.Transforms.Text.FeaturizeText("Features", "Text").Fit(data), data.Schema, path);

        var error = Assert.Throws<ModelFormatException>(() => TextClassifierModel.Load(path));

        Assert.Contains("not a Desk.Classifier model file", error.Message);
    }

    [Fact]
    public void Load_OfATruncatedFile_IsRefused()
    {
        var path = SaveTampered("cut.model", bytes => bytes[..(bytes.Length / 2)]);

        var error = Assert.Throws<ModelFormatException>(() => TextClassifierModel.Load(path));

        Assert.Contains("truncated", error.Message);
    }

    [Fact]
    public void Load_OfAFlippedWeight_IsRefusedAsDamaged()
    {
        var path = SaveTampered("flipped.model", bytes =>
        {
            // Inside the classifier's weights: the compressed data after that entry's local header (a flip in a header
            // field such as the time stamp changes nothing the model reads).
            var name = System.Text.Encoding.ASCII.GetBytes("/Model/Model.key");
            var at = bytes.AsSpan().IndexOf(name);
            Assert.True(at > 0);
            bytes[at + name.Length + 40] ^= 0x40;
            return bytes;
        });

        var error = Assert.Throws<ModelFormatException>(() => TextClassifierModel.Load(path));

        Assert.Contains("damaged", error.Message);
    }

    [Fact]
    public void Load_OfSomethingElse_SaysItIsNotAModel()
    {
        var path = folder.File("notes.txt");
        File.WriteAllText(path, "text,label\nhello,incident\n");

        var error = Assert.Throws<ModelFormatException>(() => TextClassifierModel.Load(path));

        Assert.Contains("not a Desk.Classifier model file", error.Message);
    }

    string SaveTampered(string name, Func<byte[], byte[]> tamper)
    {
        var path = folder.File(name);
        TinyCorpus.Train().Save(path);
        File.WriteAllBytes(path, tamper(File.ReadAllBytes(path)));
        return path;
    }

    string SaveThenRewriteMetadata(string name, Func<string, string> rewrite)
    {
        var path = folder.File(name);
        TinyCorpus.Train().Save(path);
        using var zip = ZipFile.Open(path, ZipArchiveMode.Update);
        var entry = zip.GetEntry("desk-classifier.json")!;
        string json;
        using (var reader = new StreamReader(entry.Open(), Encoding.UTF8)) json = reader.ReadToEnd();
        entry.Delete();
        using var writer = new StreamWriter(zip.CreateEntry("desk-classifier.json").Open(), new UTF8Encoding(false));
        writer.Write(rewrite(json));
        return path;
    }

    public sealed class PlainInput
    {
        public string Text { get; set; } = "";
    }

    public sealed class PlainOutput
    {
        public string PredictedLabel { get; set; } = "";
        public float[] Score { get; set; } = [];
    }
}
