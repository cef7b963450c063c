using Desk.Classifier;

namespace Desk.Api.Routing;

internal enum Level { High, Medium, Low }

/// <summary>
/// Priority P1 (most urgent) to P4, from the impact × urgency matrix, then raised by the query type and
/// by the contact's service level. The rules are documented in docs/priority.md; keep the two in step.
/// </summary>
internal static class Priority
{
    public static readonly string[] All = ["P1", "P2", "P3", "P4"];

    //                        urgency: high medium low
    static readonly int[,] Matrix = { { 1, 2, 3 },   // impact high
                                      { 2, 3, 4 },   // impact medium
                                      { 3, 4, 4 } }; // impact low

    public static (Level Impact, Level Urgency) Defaults(QueryType type) => type switch
    {
        QueryType.Disaster => (Level.High, Level.High),
        QueryType.SecurityEvent => (Level.High, Level.Medium),
        QueryType.Incident => (Level.Medium, Level.Medium),
        QueryType.Complaint => (Level.Medium, Level.Medium),
        QueryType.ServiceRequest or QueryType.ChangeRequest => (Level.Medium, Level.Low),
        QueryType.Consultation => (Level.Low, Level.Medium),
        _ => (Level.Low, Level.Low),
    };

    public static string Decide(QueryType type, Level impact, Level urgency, string serviceLevel)
    {
        var rank = Matrix[(int)impact, (int)urgency];
        rank = type switch
        {
            QueryType.Disaster => 1,
            QueryType.SecurityEvent => Math.Min(rank, 2),
            _ => rank,
        };
        if (serviceLevel is "gold" or "vip")
        {
            rank = Math.Max(1, rank - 1);
        }
        return All[rank - 1];
    }

    public static bool TryParseLevel(string? text, out Level level) =>
        Enum.TryParse(text, ignoreCase: true, out level) && Enum.IsDefined(level);

    public static string Code(this Level level) => level.ToString().ToLowerInvariant();
}
