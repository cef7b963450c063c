namespace Desk.Classifier;

/// <summary>Options of <c>AddDeskClassifier</c>.</summary>
public sealed class ClassifierOptions
{
    /// <summary>
    /// A model file. When it exists it is loaded; otherwise the default model is trained from the seed corpus
    /// and saved there. Null: the default model, kept in memory only.
    /// </summary>
    public string? ModelPath { get; set; }
}
