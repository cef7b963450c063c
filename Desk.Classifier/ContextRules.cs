using System.Globalization;

namespace Desk.Classifier;

/// <summary>The Table 8.4 rules that need context the words do not carry (README, "Context rules").</summary>
internal static class ContextRules
{
    /// <summary>Incident and complaint closer than this are a negative experience the words alone cannot place.</summary>
    public const double AmbiguityMargin = 0.2;

    /// <summary>Below this summed incident+complaint probability the words do not say "negative experience" at all.</summary>
    public const double NegativeMassFloor = 0.6;

    public static Classification Apply(IReadOnlyList<LabelScore> ranked, ClassificationContext context, string version)
    {
        if (!string.IsNullOrWhiteSpace(context.MajorOutageService))
            return new Classification(QueryType.Disaster, 1.0, ranked, TypeDecider.Rule, version,
                $"declared major outage on '{context.MajorOutageService.Trim()}': disaster");
        // Asking for a person files nothing in the user's name: a question for the service desk until the person hears it.
        if (context.OnlyAskedForPerson)
            return new Classification(QueryType.Consultation, 1.0, ranked, TypeDecider.Rule, version,
                "asked for a person without saying what about: consultation");

        double incident = 0, complaint = 0, otherBest = 0;
        foreach (var score in ranked)
        {
            if (score.Type == QueryType.Incident) incident = score.Probability;
            else if (score.Type == QueryType.Complaint) complaint = score.Probability;
            else otherBest = Math.Max(otherBest, score.Probability);
        }
        var negative = incident + complaint;
        if (negative > otherBest && negative >= NegativeMassFloor)
        {
            var mass = negative.ToString("0.00", CultureInfo.InvariantCulture);
            if (context.SlaBreached)
                return new Classification(QueryType.Incident, negative, ranked, TypeDecider.Rule, version,
                    $"negative experience (incident+complaint p={mass}) and an agreed SLA is breached: incident");
            // Without a breach the words decide, unless they cannot tell a fault from dissatisfaction ("slow again").
            if (Math.Abs(incident - complaint) < AmbiguityMargin)
                return new Classification(QueryType.Complaint, negative, ranked, TypeDecider.Rule, version,
                    $"negative experience (incident+complaint p={mass}), fault or dissatisfaction unclear, and no agreed SLA is breached: complaint");
        }
        var top = ranked[0];
        return new Classification(top.Type, top.Probability, ranked, TypeDecider.Model, version, null);
    }
}
