using Desk.Classifier.Model;

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
    public void Load_OfAnotherFormatVersion_IsRefusedWithAClearError()
    {
        var path = SaveTampered("future.model", bytes =>
        {
            BitConverter.TryWriteBytes(bytes.AsSpan(8, 4), 2);
            return bytes;
        });

        var error = Assert.Throws<ModelFormatException>(() => TextClassifierModel.Load(path));

        Assert.Contains("format version 2", error.Message);
        Assert.Contains("reads format version 1", error.Message);
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
        // 8 bytes before the trailing SHA-256: inside the biases.
        var path = SaveTampered("flipped.model", bytes =>
        {
            bytes[^40] ^= 0x40;
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
}
