using Desk.Classifier;

namespace Desk.Api.Routing;

/// <summary>The practice that handles a query type (Table 8.4), its queue, and the reference prefix.</summary>
internal sealed record Practice(QueryType Type, string Name, string Queue, string Prefix)
{
    public const string TriageQueue = "triage";

    static readonly Dictionary<QueryType, Practice> ByType = new Practice[]
    {
        new(QueryType.Incident, "incident management", "incident-management", "INC"),
        new(QueryType.Disaster, "service continuity management", "service-continuity", "DIS"),
        new(QueryType.ServiceRequest, "service request management", "service-requests", "REQ"),
        new(QueryType.ChangeRequest, "change enablement", "change-enablement", "CHG"),
        new(QueryType.Complaint, "relationship management", "relationship-management", "CMP"),
        new(QueryType.Compliment, "relationship management", "relationship-management", "CPL"),
        new(QueryType.ImprovementSuggestion, "continual improvement", "continual-improvement", "SUG"),
        new(QueryType.SecurityEvent, "information security management", "information-security", "SEC"),
        new(QueryType.Consultation, "service desk", "service-desk", "ASK"),
    }.ToDictionary(p => p.Type);

    public static Practice For(QueryType type) => ByType[type];

    /// <summary>Every queue an agent can work, triage first.</summary>
    public static IReadOnlyList<(string Queue, string Practice)> Queues { get; } =
        [(TriageQueue, "service desk triage"), .. ByType.Values.DistinctBy(p => p.Queue).Select(p => (p.Queue, p.Name))];

    public static bool IsQueue(string queue) => Queues.Any(q => q.Queue == queue);
}
