using Microsoft.ML.Data;
using Microsoft.ML.Transforms;

namespace Desk.Classifier.Features;

/// <summary>The input of a Desk.Classifier model: the text of one query.</summary>
public sealed class ClassifierInput
{
    /// <summary>The query's text, as the user wrote it (e-mail quotes and signatures included: the model cleans them).</summary>
    public string Text { get; set; } = "";
}

/// <summary>
/// What <see cref="TextFeaturesMapping"/> hands ML.NET: one hashed feature id (a key, counting from 1) per occurrence, in
/// ascending order, so ML.NET's count bag gets term frequency, and builds its vector without sorting.
/// </summary>
public sealed class HashedTextFeatures
{
    /// <summary>Word and CJK n-grams (and ? and !) below <see cref="TextFeaturesMapping.CharKeysFrom"/>, character n-grams inside Latin words from it.</summary>
    [KeyType(TextFeaturesMapping.KeyCount)]
    public uint[] Hashes { get; set; } = [];
}

/// <summary>
/// The desk's featurizer as an ML.NET custom mapping, found again by its contract name when a saved model is loaded
/// (register this assembly with <c>MLContext.ComponentCatalog.RegisterAssembly</c> first). Stateless: the vocabulary and
/// IDF live in the ML.NET transforms after it. It cleans a message first (<see cref="Text.MessageCleaner"/>).
/// </summary>
[CustomMappingFactoryAttribute(ContractName)]
public sealed class TextFeaturesMapping : CustomMappingFactory<ClassifierInput, HashedTextFeatures>
{
    /// <summary>Names this featurizer (settings and hash scheme) in saved models; another featurizer needs another name.</summary>
    public const string ContractName = "Desk.Classifier.TextFeatures.v1";

    /// <summary>Hash buckets: word features below <see cref="CharKeysFrom"/>, character n-grams from it.</summary>
    public const int KeyCount = 1 << 21;

    /// <summary>The first key of the character n-gram group.</summary>
    public const int CharKeysFrom = (KeyCount / 2) + 1;

    static readonly Featurizer Featurizer = new(FeaturizerSettings.Fixed);

    /// <inheritdoc />
    public override Action<ClassifierInput, HashedTextFeatures> GetMapping() => Map;

    /// <summary>Whether <paramref name="text"/> yields any feature (a word, a CJK character, a ? or !) once cleaned.</summary>
    public static bool HasFeatures(string text) => !Featurizer.Extract(Text.MessageCleaner.Clean(text)).IsEmpty;

    /// <summary>Fills <paramref name="output"/> with the features of <paramref name="input"/>'s text.</summary>
    public static void Map(ClassifierInput input, HashedTextFeatures output)
    {
        var features = Featurizer.Extract(Text.MessageCleaner.Clean(input.Text ?? ""));
        var keys = new uint[features.Length];
        KeyOrder.Sort(features, keys);
        output.Hashes = keys;
    }
}
