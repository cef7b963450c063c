namespace Desk.Classifier;

/// <summary>Types a query from its text and the context the desk knows about it.</summary>
public interface IQueryClassifier
{
    /// <summary>The version of the active model, e.g. <c>seed-2026.11.23-1a2b3c4d</c>.</summary>
    string ModelVersion { get; }

    /// <summary>Classifies one query. Thread-safe.</summary>
    Classification Classify(string text, ClassificationContext context);
}

/// <summary>What decided a query's type.</summary>
public enum TypeDecider
{
    /// <summary>The text model.</summary>
    Model,
    /// <summary>A Table 8.4 context rule (SLA breach, declared major outage).</summary>
    Rule,
    /// <summary>The user's pick from the request catalog.</summary>
    Catalog,
    /// <summary>An agent (reclassification or triage).</summary>
    Agent,
    /// <summary>The user, asked by the bot or correcting it.</summary>
    User,
}

/// <summary>What the desk knows about a query besides its words.</summary>
public sealed record ClassificationContext
{
    /// <summary>No context: the model alone decides.</summary>
    public static ClassificationContext None { get; } = new();

    /// <summary>The type of the catalog option the user picked (service or change request), if any.</summary>
    public QueryType? CatalogPick { get; init; }

    /// <summary>True when an agreed SLA of the user's service is currently breached.</summary>
    public bool SlaBreached { get; init; }

    /// <summary>The service with a declared major outage that the query is about, if any.</summary>
    public string? MajorOutageService { get; init; }

    /// <summary>The words only ask for a person ("talk to a person"): they say nothing of the query's type.</summary>
    public bool OnlyAskedForPerson { get; init; }
}

/// <summary>One label and its probability.</summary>
public sealed record LabelScore(QueryType Type, double Probability);

/// <summary>The decided type, how sure, the ranked labels, and what decided.</summary>
public sealed record Classification(
    QueryType Type,
    double Confidence,
    IReadOnlyList<LabelScore> Ranked,
    TypeDecider DecidedBy,
    string? ModelVersion,
    string? Rule);
