using System.Text.RegularExpressions;

namespace Desk.Api.Queries;

/// <summary>
/// The framework's DataAnnotations messages ("The DisplayName field is required.") said as the desk's own rules say
/// theirs (<see cref="TextRules"/>: "Display name is required."), naming the field in words rather than by its C#
/// member, so that a form reads one wording whichever check refused it, and <see cref="Operations.ProblemWordsZh"/>
/// has the same phrase to put in Chinese. A message the desk wrote itself (an attribute's ErrorMessage) is kept.
/// </summary>
internal static partial class AnnotationMessages
{
    public static IDictionary<string, string[]> InDeskWords(IDictionary<string, string[]> errors)
    {
        if (!errors.Values.Any(messages => messages.Any(m => Framework().IsMatch(m))))
            return errors;
        return errors.ToDictionary(e => e.Key, e => e.Value.Select(Said).ToArray(), StringComparer.Ordinal);
    }

    public static string Said(string message)
    {
        var match = Framework().Match(message);
        if (!match.Success)
            return message;
        var name = Name(match.Groups["member"].Value);
        return match.Groups["rule"].Value switch
        {
            "required" => $"{name} is required.",
            "max" => $"{name} is longer than {match.Groups["n"].Value} characters.",
            "min" when match.Groups["n"].Value == "1" => $"{name} is required.",
            "min" => $"{name} needs at least {match.Groups["n"].Value} characters.",
            _ => $"{name} must be between {match.Groups["min"].Value} and {match.Groups["max"].Value}.",
        };
    }

    /// <summary>"DisplayName" as "Display name"; a few members read better said otherwise.</summary>
    public static string Name(string member) => Names.GetValueOrDefault(member)
        ?? string.Concat(member.Select((c, i) => i > 0 && char.IsUpper(c) ? $" {char.ToLowerInvariant(c)}" : c.ToString()));

    static readonly Dictionary<string, string> Names = new(StringComparer.Ordinal)
    {
        ["Scopes"] = "The scope list", ["Filters"] = "The filter set", ["Published"] = "Published (true or false)",
    };

    // The shapes System.ComponentModel.DataAnnotations writes for the attributes the request records carry.
    [GeneratedRegex("""
        ^(?:The\ (?<member>\w+)\ field\ is\ (?<rule>required)\.
        |The\ field\ (?<member>\w+)\ must\ be\ a\ string\ or\ array\ type\ with\ a\ (?:(?<rule>max)imum|(?<rule>min)imum)\ length\ of\ '(?<n>\d+)'\.
        |The\ field\ (?<member>\w+)\ must\ be\ (?<rule>between)\ (?<min>\S+)\ and\ (?<max>\S+)\.)$
        """, RegexOptions.IgnorePatternWhitespace | RegexOptions.CultureInvariant)]
    private static partial Regex Framework();
}
