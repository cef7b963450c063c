using Desk.Classifier;
using Desk.Classifier.Corpus;
using Desk.Classifier.Features;
using Desk.Classifier.Model;

namespace Desk.Tests.Classifier;

public sealed class ModelTrainerTests
{
    [Fact]
    public void Train_TwiceWithTheSameSeed_GivesIdenticalProbabilitiesAndVersion()
    {
        var first = TinyCorpus.Train(seed: 11);
        var second = TinyCorpus.Train(seed: 11);

        Assert.Equal(first.Version, second.Version);
        Assert.Equal(first.Metadata.Training.FeatureCount, second.Metadata.Training.FeatureCount);
        foreach (var text in new[] { "the scanner is broken", "谢谢", "how do I get to the wifi?", "" })
            Assert.Equal(first.Predict(text), second.Predict(text));
    }

    [Fact]
    public void Train_WithCalibration_FitsATemperatureThatKeepsTheRanking()
    {
        var examples = TinyCorpus.Examples.SelectMany(e => Enumerable.Range(0, 12).Select(i => e with { Text = $"{e.Text} {i}" })).ToArray();
        var plain = ModelTrainer.Train(examples, new TrainingOptions { Name = "tiny" });
        var calibrated = ModelTrainer.Train(examples, new TrainingOptions { Name = "tiny", Calibrate = true });

        Assert.Equal(1, plain.Metadata.Training.Temperature);
        Assert.NotEqual(1, calibrated.Metadata.Training.Temperature);
        Assert.True(calibrated.Metadata.Training.CalibrationExamples >= 20);
        Assert.NotEqual(plain.Version, calibrated.Version);
        var text = "the printer is broken";
        Assert.Equal(plain.Predict(text).Select(s => s.Type), calibrated.Predict(text).Select(s => s.Type));
        Assert.NotEqual(plain.Predict(text)[0].Probability, calibrated.Predict(text)[0].Probability);
    }

    [Fact]
    public void Train_RecordsItsMetadata()
    {
        var model = TinyCorpus.Train(seed: 5);

        Assert.Equal(5, model.Metadata.Training.Seed);
        Assert.Equal(TinyCorpus.Examples.Count, model.Metadata.Training.ExampleCount);
        Assert.Equal(ModelTrainer.CorpusHash(TinyCorpus.Examples), model.Metadata.Training.CorpusHash);
        Assert.Equal([QueryType.Incident, QueryType.Complaint, QueryType.Compliment, QueryType.Consultation], model.Labels);
        Assert.StartsWith("tiny-2026.11.23-", model.Version);
    }

    [Fact]
    public void Predict_RanksAllLabelsWithProbabilitiesSummingToOne()
    {
        var ranked = TinyCorpus.Train().Predict("thank you, the service was great");

        Assert.Equal(QueryType.Compliment, ranked[0].Type);
        Assert.Equal(4, ranked.Count);
        Assert.Equal(1.0, ranked.Sum(r => r.Probability), 4);
        Assert.True(ranked.Zip(ranked.Skip(1)).All(p => p.First.Probability >= p.Second.Probability));
    }

    [Fact]
    public void Train_WithASingleLabel_IsRefused()
    {
        var oneLabel = new[] { new LabelledText("a", QueryType.Incident), new LabelledText("b", QueryType.Incident) };

        Assert.Throws<ArgumentException>(() => ModelTrainer.Train(oneLabel));
    }

    [Fact]
    public void Train_Cancelled_StopsWithoutAModel()
    {
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        Assert.Throws<OperationCanceledException>(() =>
            ModelTrainer.Train(TinyCorpus.Examples, new TrainingOptions { Name = "tiny", Calibrate = true }, ct: cancelled.Token));
    }

    [Fact]
    public void Extract_OfAChineseSentence_YieldsCharacterUnigramsAndBigrams()
    {
        var featurizer = new Featurizer(new FeaturizerSettings());

        var sentence = Features(featurizer, "电脑开不了机");
        var character = Features(featurizer, "电");
        var pair = Features(featurizer, "电脑");

        // Six characters: 6 unigrams + 5 bigrams, no word-level token for the whole run.
        Assert.Equal(11, sentence.Length);
        Assert.Single(character);
        Assert.Contains(character[0], sentence);
        Assert.Equal(3, pair.Length);
        Assert.All(pair, f => Assert.Contains(f, sentence));
    }

    [Fact]
    public void Extract_OfMixedEnglishAndChinese_HasFeaturesOfBoth()
    {
        var featurizer = new Featurizer(new FeaturizerSettings());

        var mixed = Features(featurizer, "VPN连不上");
        var latin = Features(featurizer, "VPN");
        var chinese = Features(featurizer, "连不上");

        Assert.All(latin, f => Assert.Contains(f, mixed));
        Assert.All(chinese, f => Assert.Contains(f, mixed));
    }

    static int[] Features(Featurizer featurizer, string text) => featurizer.Extract(text).ToArray();
}
