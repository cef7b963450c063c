namespace Desk.Classifier.Model;

/// <summary>A model file that this build cannot read: another format version, not a model, damaged or truncated.</summary>
public sealed class ModelFormatException(string message, Exception? inner = null) : Exception(message, inner);
