namespace Desk.Classifier;

/// <summary>The query types of ITIL 4 Table 8.4, plus plain questions (consultation).</summary>
public enum QueryType
{
    /// <summary>An agreed SLA is breached, or a negative experience breaches one.</summary>
    Incident,
    /// <summary>Agreed emergency conditions hold (major outage).</summary>
    Disaster,
    /// <summary>A valid option picked from the service request catalog.</summary>
    ServiceRequest,
    /// <summary>A valid change option picked from the service catalog.</summary>
    ChangeRequest,
    /// <summary>A negative experience that breaches no agreed SLA.</summary>
    Complaint,
    /// <summary>A positive experience.</summary>
    Compliment,
    /// <summary>A suggestion covered by neither catalog.</summary>
    ImprovementSuggestion,
    /// <summary>Suspicious activity or a possible information-security threat.</summary>
    SecurityEvent,
    /// <summary>A plain question.</summary>
    Consultation,
}

/// <summary>The wire codes of <see cref="QueryType"/> (snake_case, as in the API and the database).</summary>
public static class QueryTypes
{
    /// <summary>Every type, in declaration order.</summary>
    public static IReadOnlyList<QueryType> All { get; } = Enum.GetValues<QueryType>();

    static readonly string[] Codes =
    [
        "incident", "disaster", "service_request", "change_request", "complaint",
        "compliment", "improvement_suggestion", "security_event", "consultation",
    ];

    /// <summary>The snake_case code of a type, e.g. <c>service_request</c>.</summary>
    public static string ToCode(this QueryType type) => Codes[(int)type];

    /// <summary>Parses a snake_case code (case-insensitive).</summary>
    public static bool TryParse(string? code, out QueryType type)
    {
        var index = code is null ? -1 : Array.FindIndex(Codes, c => string.Equals(c, code.Trim(), StringComparison.OrdinalIgnoreCase));
        type = index < 0 ? default : (QueryType)index;
        return index >= 0;
    }
}
