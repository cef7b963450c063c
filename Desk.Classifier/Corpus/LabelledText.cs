namespace Desk.Classifier.Corpus;

/// <summary>One labelled example: a query's text and its type, optionally its language (<c>en</c>, <c>zh</c>).</summary>
public sealed record LabelledText(string Text, QueryType Label, string? Lang = null);
