using Desk.Classifier.Model;

namespace Desk.Tests.Classifier;

public sealed class ModelFileTests : IDisposable
{
    readonly string folder = Directory.CreateTempSubdirectory("desk-classifier-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public void SaveThenLoad_GivesIdenticalPredictionsAndMetadata()
    {
        var model = TinyCorpus.Train();
        var path = Path.Combine(folder, "tiny.model");

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
    public void Load_OfAnotherFormatVersion_IsRefusedWithAClearError()
    {
        var path = Path.Combine(folder, "future.model");
        TinyCorpus.Train().Save(path);
        var bytes = File.ReadAllBytes(path);
        BitConverter.TryWriteBytes(bytes.AsSpan(8, 4), 2);
        File.WriteAllBytes(path, bytes);

        var error = Assert.Throws<ModelFormatException>(() => TextClassifierModel.Load(path));

        Assert.Contains("format version 2", error.Message);
        Assert.Contains("reads format version 1", error.Message);
    }

    [Fact]
    public void Load_OfATruncatedFile_IsRefused()
    {
        var path = Path.Combine(folder, "cut.model");
        TinyCorpus.Train().Save(path);
        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..(bytes.Length / 2)]);

        var error = Assert.Throws<ModelFormatException>(() => TextClassifierModel.Load(path));

        Assert.Contains("truncated", error.Message);
    }

    [Fact]
    public void Load_OfAFlippedWeight_IsRefusedAsDamaged()
    {
        var path = Path.Combine(folder, "flipped.model");
        TinyCorpus.Train().Save(path);
        var bytes = File.ReadAllBytes(path);
        bytes[^40] ^= 0x40;
        File.WriteAllBytes(path, bytes);

        var error = Assert.Throws<ModelFormatException>(() => TextClassifierModel.Load(path));

        Assert.Contains("damaged", error.Message);
    }

    [Fact]
    public void Load_OfSomethingElse_SaysItIsNotAModel()
    {
        var path = Path.Combine(folder, "notes.txt");
        File.WriteAllText(path, "text,label\nhello,incident\n");

        var error = Assert.Throws<ModelFormatException>(() => TextClassifierModel.Load(path));

        Assert.Contains("not a Desk.Classifier model file", error.Message);
    }
}
