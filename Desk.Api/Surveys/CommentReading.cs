using System.Text.RegularExpressions;
using Desk.Classifier;

namespace Desk.Api.Surveys;

/// <summary>
/// What a survey comment says beyond its score: a negative experience (a moment of truth to recover) and a proposed
/// change (an entry for the improvement register). The desk's own classifier reads it as it reads queries (Table 8.4:
/// a complaint, an improvement suggestion); a few plain words catch what a short comment gives the model too little of.
/// </summary>
internal sealed partial class CommentReading(IQueryClassifier classifier)
{
    const double Sure = 0.5;

    public (bool Negative, bool ProposesChange) Read(string comment)
    {
        var read = classifier.Classify(comment, ClassificationContext.None);
        var negative = NegativeWords().IsMatch(comment) || NegativeChinese().IsMatch(comment)
            || (read.Type == QueryType.Complaint && read.Confidence >= Sure);
        var proposes = ProposalWords().IsMatch(comment) || ProposalChinese().IsMatch(comment)
            || (read.Type == QueryType.ImprovementSuggestion && read.Confidence >= Sure);
        return (negative, proposes);
    }

    [GeneratedRegex(@"\b(bad|poor|terrible|awful|horrible|useless|rude|worst|disappoint(ed|ing)|unhappy|frustrat\w*|annoy\w*|angry|unacceptable|waste of (my )?time|not (solved|fixed|resolved|helpful)|(didn'?t|did not) (help|work|solve|fix)|never (answered|called|replied)|nobody (called|answered|helped|replied)|too slow|so slow)\b", RegexOptions.IgnoreCase)]
    private static partial Regex NegativeWords();

    [GeneratedRegex("差|糟糕|太慢|很慢|失望|不满意|没解决|没有解决|态度不好|生气|浪费时间")]
    private static partial Regex NegativeChinese();

    [GeneratedRegex(@"\b(suggest\w*|you should|should (add|have|offer|let|allow|make)|could you (add|offer|make)|would be (nice|great|better|good|helpful)|please add|it would help|why not|i wish|i'?d like to see|improve(ment)?s?|feature request)\b", RegexOptions.IgnoreCase)]
    private static partial Regex ProposalWords();

    [GeneratedRegex("建议|希望能|最好能|能不能增加|可以增加|改进")]
    private static partial Regex ProposalChinese();
}
