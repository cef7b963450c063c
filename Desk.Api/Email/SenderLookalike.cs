using System.Globalization;
using System.Text;

namespace Desk.Api.Email;

/// <summary>
/// Signs that mail passes itself off as someone the agent trusts, the way phishing does: a display name that is the
/// desk's own or a staff member's, or that holds another address; a sender domain that reads like the desk's (a letter
/// swapped or changed, look-alike characters, the desk's domain inside another). The mail is still taken as a query: the
/// agent is told on its timeline what to check before acting on it.
/// </summary>
internal static class SenderLookalike
{
    // Names shorter than this ("Bo Li", "IT") are shared by too many honest senders to mean anything.
    const int MinNameLength = 8;

    /// <summary>What looks wrong about the sender, in sentences for the agent, with the facts each names; empty when nothing does.</summary>
    public static IReadOnlyList<SenderSign> Check(string address, string? displayName, string deskAddress, string deskName, IEnumerable<string> staffNames)
    {
        var signs = new List<SenderSign>();
        var domain = DomainOf(address);
        var deskDomain = DomainOf(deskAddress);
        if (domain != deskDomain && LooksLike(domain, deskDomain))
            signs.Add(new SenderSign("domain", $"The sender's domain {domain} looks like the desk's own, {deskDomain}.", domain));
        var name = displayName?.Trim() ?? "";
        if (name.Contains('@'))
        {
            var named = name.Trim('"', '\'', '<', '>', ' ');
            if (!named.Equals(address, StringComparison.OrdinalIgnoreCase))
                signs.Add(new SenderSign("name_address", $"The sender's name is an address, {named}, not the one the mail came from ({address}).", named));
            return signs;
        }
        if (Normal(name) is { Length: >= MinNameLength } normal && domain != deskDomain)
        {
            if (normal == Normal(deskName))
                signs.Add(new SenderSign("desk_name", $"The sender calls themselves {name}, the desk's own name, from an address outside the desk.", name));
            else if (staffNames.FirstOrDefault(staff => Normal(staff) == normal) is { } staff)
                signs.Add(new SenderSign("staff_name", $"The sender calls themselves {name}, the name of a staff member, from {address}.", staff));
        }
        return signs;
    }

    static string DomainOf(string address) => address[(address.LastIndexOf('@') + 1)..].Trim().TrimEnd('.').ToLowerInvariant();

    /// <summary>One edit away, the same once look-alike characters are read alike, or the desk's domain with more around it.</summary>
    static bool LooksLike(string domain, string desk)
    {
        var (a, b) = (Skeleton(domain), Skeleton(desk));
        return a == b
            || (b.Length >= 6 && OneEditApart(a, b))
            || domain.StartsWith(desk + ".", StringComparison.Ordinal)
            || domain.EndsWith("-" + desk, StringComparison.Ordinal)
            || domain.Replace(".", "-", StringComparison.Ordinal) == desk.Replace(".", "-", StringComparison.Ordinal);
    }

    /// <summary>The domain as it reads: Unicode for a punycode label, marks dropped, look-alike letters and digits mapped to one.</summary>
    static string Skeleton(string domain)
    {
        string unicode;
        try
        {
            unicode = new IdnMapping().GetUnicode(domain);
        }
        catch (ArgumentException)
        {
            unicode = domain;
        }
        var text = new StringBuilder();
        foreach (var c in unicode.Normalize(NormalizationForm.FormD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
                continue;
            text.Append(Confusables.TryGetValue(c, out var plain) ? plain : char.ToLowerInvariant(c));
        }
        return text.ToString().Replace("rn", "m", StringComparison.Ordinal).Replace("vv", "w", StringComparison.Ordinal);
    }

    // The Latin, Cyrillic and Greek letters and digits most used to fake a domain, each read as the letter it passes for.
    static readonly Dictionary<char, char> Confusables = new()
    {
        ['0'] = 'o', ['1'] = 'l', ['i'] = 'l', ['I'] = 'l', ['|'] = 'l', ['5'] = 's', ['3'] = 'e',
        ['а'] = 'a', ['е'] = 'e', ['о'] = 'o', ['р'] = 'p', ['с'] = 'c', ['у'] = 'y', ['х'] = 'x', ['і'] = 'l', ['ј'] = 'j',
        ['ѕ'] = 's', ['ԁ'] = 'd', ['ο'] = 'o', ['α'] = 'a', ['ν'] = 'v', ['ρ'] = 'p', ['τ'] = 't', ['κ'] = 'k',
    };

    static bool OneEditApart(string a, string b)
    {
        if (Math.Abs(a.Length - b.Length) > 1 || a == b)
            return false;
        var (i, j, edits) = (0, 0, 0);
        while (i < a.Length && j < b.Length)
        {
            if (a[i] == b[j])
            {
                (i, j) = (i + 1, j + 1);
                continue;
            }
            if (++edits > 1)
                return false;
            // Two letters swapped ("exmaple") count as one edit, as people misread them.
            if (i + 1 < a.Length && j + 1 < b.Length && a[i] == b[j + 1] && a[i + 1] == b[j])
                (i, j) = (i + 2, j + 2);
            else if (a.Length > b.Length)
                i++;
            else if (b.Length > a.Length)
                j++;
            else
                (i, j) = (i + 1, j + 1);
        }
        return edits + (a.Length - i) + (b.Length - j) <= 1;
    }

    static string Normal(string name) =>
        string.Join(' ', name.ToLowerInvariant().Split([' ', '\t', '.', ',', '"', '\'', '(', ')'], StringSplitOptions.RemoveEmptyEntries));
}

/// <summary>One sign: its kind (domain, name_address, desk_name, staff_name), the sentence for the agent, and what it names.</summary>
internal sealed record SenderSign(string Kind, string Sentence, string Names);
