using System.Globalization;

namespace Desk.Classifier;

/// <summary>The Table 8.4 rules that need context the words do not carry (README, "Context rules").</summary>
internal static class ContextRules
{
    public static Classification Apply(IReadOnlyList<LabelScore> ranked, ClassificationContext context, string version)
    {
        if (!string.IsNullOrWhiteSpace(context.MajorOutageService))
            return new Classification(QueryType.Disaster, 1.0, ranked, TypeDecider.Rule, version,
                $"declared major outage on '{context.MajorOutageService.Trim()}': disaster");

        var negative = 0.0;
        var otherBest = 0.0;
        var modelKnowsNegative = false;
        foreach (var score in ranked)
        {
            if (score.Type is QueryType.Incident or QueryType.Complaint) { negative += score.Probability; modelKnowsNegative = true; }
            else otherBest = Math.Max(otherBest, score.Probability);
        }
        if (modelKnowsNegative && negative > otherBest)
        {
            var mass = negative.ToString("0.00", CultureInfo.InvariantCulture);
            return context.SlaBreached
                ? new Classification(QueryType.Incident, negative, ranked, TypeDecider.Rule, version,
                    $"negative experience (incident+complaint p={mass}) and an agreed SLA is breached: incident")
                : new Classification(QueryType.Complaint, negative, ranked, TypeDecider.Rule, version,
                    $"negative experience (incident+complaint p={mass}) and no agreed SLA is breached: complaint");
        }
        var top = ranked[0];
        return new Classification(top.Type, top.Probability, ranked, TypeDecider.Model, version, null);
    }
}
