using System.Text.Json;
using Desk.Classifier.Features;

namespace Desk.Classifier.Model;

/// <summary>The desk's entry in a model file; labels travel as their snake_case codes.</summary>
internal sealed record ModelHeader(int Format, string ContentSha256, string Version, string[] Labels, FeaturizerSettings Featurizer, TrainingMetadata Training)
{
    public static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = false,
        RespectRequiredConstructorParameters = true,
    };

    public static ModelHeader From(ModelMetadata metadata, int format, string contentSha256) =>
        new(format, contentSha256, metadata.Version, [.. metadata.Labels.Select(l => l.ToCode())], metadata.Featurizer, metadata.Training);

    public ModelMetadata ToMetadata()
    {
        if (string.IsNullOrWhiteSpace(Version)) throw new FormatException("the version is missing");
        if (Labels is null || Labels.Length == 0) throw new FormatException("the label set is missing");
        if (Featurizer is null || Training is null) throw new FormatException("featurizer settings or training metadata are missing");
        var labels = new QueryType[Labels.Length];
        for (var i = 0; i < labels.Length; i++)
            if (!QueryTypes.TryParse(Labels[i], out labels[i]))
                throw new FormatException($"unknown label '{Labels[i]}'");
        if (labels.Distinct().Count() != labels.Length) throw new FormatException("the label set repeats a label");
        Featurizer.Validate();
        return new ModelMetadata { Version = Version, Labels = labels, Featurizer = Featurizer, Training = Training };
    }
}
