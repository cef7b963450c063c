using Desk.Classifier;
using Desk.Classifier.Corpus;
using Desk.Classifier.Features;
using Desk.Classifier.Model;
using Microsoft.ML.Data;

namespace Desk.Tests.Classifier;

public sealed class ModelPipelineTests
{
    [Theory]
    [InlineData("the printer is broken, the printer is BROKEN!")]
    [InlineData("打印机坏了 VPN连不上")]
    [InlineData("")]
    public void TheMapping_HandsMlNetEveryFeatureOnce_AsKeysInAscendingOrder(string text)
    {
        var output = new HashedTextFeatures();
        TextFeaturesMapping.Map(new ClassifierInput { Text = text }, output);

        var expected = new Featurizer(FeaturizerSettings.Fixed).Extract(text).ToArray().Select(id => (uint)id + 1).Order();
        Assert.Equal(expected, output.Hashes);
    }

    [Fact]
    public void TheMapping_OrdersTheKeysOfALongText_BeyondItsFirstBuffers()
    {
        var text = string.Join(' ', Enumerable.Range(0, 3000).Select(i => $"word{i * 7919 % 10007}"));
        var output = new HashedTextFeatures();
        TextFeaturesMapping.Map(new ClassifierInput { Text = text }, output);

        Assert.True(output.Hashes.Length > 2048);
        Assert.Equal(new Featurizer(FeaturizerSettings.Fixed).Extract(text).ToArray().Select(id => (uint)id + 1).Order(), output.Hashes);
    }

    [Fact]
    public void AModelsFeatures_AreTermCountsTimesSmoothedIdf_L2Normalised()
    {
        var model = TinyCorpus.Train();
        var keysOf = TinyCorpus.Examples.Select(e => Keys(e.Text)).ToList();
        var n = keysOf.Count;
        var probe = TinyCorpus.Examples[1].Text;

        var expected = Keys(probe).GroupBy(k => k).OrderBy(g => g.Key)
            .Select(g => g.Count() * Math.Log((n + 1.0) / (keysOf.Count(keys => keys.Contains(g.Key)) + 1.0))).ToArray();
        var norm = Math.Sqrt(expected.Sum(v => v * v));

        var actual = FeaturesOf(model, probe);
        Assert.Equal(expected.Length, actual.Length);
        for (var i = 0; i < expected.Length; i++) Assert.Equal(expected[i] / norm, actual[i], 5);
    }

    [Fact]
    public void Train_WhenNoExampleHasAFeature_IsRefusedWithTheReason()
    {
        var nothing = new[] { new LabelledText("...", QueryType.Incident), new LabelledText("- -", QueryType.Complaint) };

        var refused = Assert.Throws<ArgumentException>(() => ModelTrainer.Train(nothing));
        Assert.Contains("No example has a word", refused.Message);
    }

    static uint[] Keys(string text)
    {
        var output = new HashedTextFeatures();
        TextFeaturesMapping.Map(new ClassifierInput { Text = text }, output);
        return output.Hashes;
    }

    /// <summary>The non-zero values of the model's Features column for one text, in slot order.</summary>
    static float[] FeaturesOf(TextClassifierModel model, string text)
    {
        var scored = model.Transformer.Transform(model.Context.Data.LoadFromEnumerable([new ClassifierInput { Text = text }]));
        var column = scored.Schema[ModelPipeline.Features];
        using var cursor = scored.GetRowCursor([column]);
        var features = default(VBuffer<float>);
        Assert.True(cursor.MoveNext());
        cursor.GetGetter<VBuffer<float>>(column)(ref features);
        return features.Items().Where(item => item.Value != 0).OrderBy(item => item.Key).Select(item => item.Value).ToArray();
    }
}
