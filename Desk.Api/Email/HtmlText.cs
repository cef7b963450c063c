using System.Text;
using System.Text.RegularExpressions;
using MimeKit.Text;

namespace Desk.Api.Email;

/// <summary>
/// The words of an HTML-only mail as plain text: tags dropped (scripts and styles with their content), entities decoded,
/// blocks and line breaks kept as new lines. Nothing of the markup reaches the timeline.
/// </summary>
internal static partial class HtmlText
{
    public static string From(string html)
    {
        var text = new StringBuilder();
        var tokenizer = new HtmlTokenizer(new StringReader(html)) { DecodeCharacterReferences = true };
        var hidden = 0;
        while (tokenizer.ReadNextToken(out var token))
        {
            switch (token)
            {
                case HtmlTagToken tag when tag.Id is HtmlTagId.Script or HtmlTagId.Style or HtmlTagId.Head or HtmlTagId.Title:
                    if (!tag.IsEmptyElement)
                        hidden = Math.Max(0, hidden + (tag.IsEndTag ? -1 : 1));
                    break;
                case HtmlTagToken tag when Breaks(tag.Id):
                    text.Append('\n');
                    break;
                case HtmlDataToken data when hidden == 0 && data is not HtmlScriptDataToken:
                    text.Append(Spaces().Replace(data.Data, " "));
                    break;
            }
        }
        return BlankLines().Replace(string.Join('\n', text.ToString().Split('\n').Select(l => l.Trim())), "\n\n").Trim();
    }

    static bool Breaks(HtmlTagId id) => id is HtmlTagId.Br or HtmlTagId.P or HtmlTagId.Div or HtmlTagId.LI or HtmlTagId.TR
        or HtmlTagId.H1 or HtmlTagId.H2 or HtmlTagId.H3 or HtmlTagId.H4 or HtmlTagId.H5 or HtmlTagId.H6
        or HtmlTagId.BlockQuote or HtmlTagId.Table or HtmlTagId.UL or HtmlTagId.OL or HtmlTagId.HR;

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();

    [GeneratedRegex(@"\n{3,}")]
    private static partial Regex BlankLines();
}
