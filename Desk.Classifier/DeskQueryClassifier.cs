using Desk.Classifier.Model;

namespace Desk.Classifier;

/// <summary>
/// The desk's <see cref="IQueryClassifier"/>: the Table 8.4 context rules on top of a text model.
/// Thread-safe; <see cref="Activate"/> swaps the model atomically (promotion and rollback).
/// </summary>
public sealed class DeskQueryClassifier(TextClassifierModel model) : IQueryClassifier
{
    TextClassifierModel active = model ?? throw new ArgumentNullException(nameof(model));

    /// <summary>The model in use.</summary>
    public TextClassifierModel Model => Volatile.Read(ref active);

    /// <inheritdoc />
    public string ModelVersion => Model.Version;

    /// <summary>Makes <paramref name="next"/> the model for every later call; calls in flight finish with the old one.</summary>
    public void Activate(TextClassifierModel next) => Volatile.Write(ref active, next ?? throw new ArgumentNullException(nameof(next)));

    /// <inheritdoc />
    public Classification Classify(string text, ClassificationContext context)
    {
        ArgumentNullException.ThrowIfNull(text);
        context ??= ClassificationContext.None;
        if (context.CatalogPick is { } pick and (QueryType.ServiceRequest or QueryType.ChangeRequest))
            return new Classification(pick, 1.0, [new LabelScore(pick, 1.0)], TypeDecider.Catalog, null, $"catalog pick: {pick.ToCode()}");

        var model = Model;
        var ranked = model.Predict(text);
        return ContextRules.Apply(ranked, context, model.Version);
    }
}
