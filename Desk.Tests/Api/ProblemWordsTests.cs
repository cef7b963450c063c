using System.ComponentModel.DataAnnotations;
using System.Text.RegularExpressions;
using Desk.Api.Identity;
using Desk.Api.Operations;
using Desk.Api.Portal;
using Desk.Api.Queries;

namespace Desk.Tests.Api;

/// <summary>
/// The Chinese catalog of refusals, phrase by phrase: each translates an English sample of its own shape to its own
/// Chinese (not taken by an earlier phrase), keeps every value, and leaves no English behind but the values and the
/// codes the English itself names (a header, a field's JSON name, a value such as true). The messages the rules write
/// themselves are matched as they are, so a change to their English shows here.
/// </summary>
public sealed partial class ProblemWordsTests
{
    public static TheoryData<int> Phrases => [.. Enumerable.Range(0, ProblemWordsZh.Phrases.Count)];

    [Theory]
    [MemberData(nameof(Phrases))]
    public void EachPhrase_TranslatesItsOwnShape_KeepingTheValues_AndNoEnglishWords(int index)
    {
        var phrase = ProblemWordsZh.Phrases[index];
        var values = new Dictionary<string, string>();
        var sample = Slot().Replace(phrase.English, m => values[m.Groups[1].Value] = m.Groups[1].Value switch
        {
            var name when name.StartsWith("field") => "Zfield",
            "problem" => "it cannot be read",
            _ => $"Vq{values.Count + 1}",
        });

        var chinese = ProblemWordsZh.Translate(sample);

        Assert.NotNull(chinese);
        var expected = Slot().Replace(phrase.Chinese, m => m.Groups[1].Value switch
        {
            var name when name.StartsWith("field") => "「Zfield」",
            "problem" => "无法读取",
            var name => values[name],
        });
        Assert.Equal(expected, chinese);
        Assert.Equal(values.Keys.Order(), Slot().Matches(phrase.Chinese).Select(m => m.Groups[1].Value).Distinct().Order());
        Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", chinese);
        var rest = values.Values.Aggregate(chinese, (text, value) => text.Replace(value, " "));
        foreach (Match word in Latin().Matches(rest))
            Assert.True(phrase.English.Contains(word.Value, StringComparison.OrdinalIgnoreCase), $"'{word.Value}' is English left in: {chinese}");
        Assert.DoesNotMatch(@"[A-Za-z][\x21-\x7E]*\s+[A-Za-z][\x21-\x7E]*\s+[A-Za-z]", rest);
    }

    [Fact]
    public void TheTitles_AreChinese()
    {
        foreach (var title in new[] { "No such query", "Not possible now", "One or more validation errors occurred.", "Bad Request", "Sign-in failed" })
            Assert.Matches(@"^[^A-Za-z]+$", ProblemWordsZh.Title(title));
    }

    [Fact]
    public void WhatTheTextRulesWrite_IsTranslated()
    {
        string?[] messages =
        [
            TextRules.Problem(null, "Text", 10), TextRules.Problem(" \u3164 ", "Reason", 10), TextRules.Problem(new string('x', 11), "Note", 10),
            TextRules.Problem("a\u0001", "Body", 10), TextRules.NameProblem("a\tb", "Display name", 10),
            PasswordRules.Problem("short", "ana"), PasswordRules.Problem(new string('x', 201), "ana"), PasswordRules.Problem(new string(' ', 12), "ana"),
            PasswordRules.Problem("ana-is-my-name-1", "ana"), PasswordRules.Problem("aaaaaaaaaaaa", "ana"), PasswordRules.Problem("Password2026!", "ana"),
            PasswordRules.ChangeProblem("a fine long pass", "a fine long pass", "ana"), PortalCodes.CodeProblem("12"),
        ];

        foreach (var message in messages)
        {
            Assert.NotNull(message);
            Assert.True(ProblemWordsZh.Translate(message) is { } zh && !Regex.IsMatch(zh, @"\b[a-z]{3,}\b"),
                $"not translated: {message} → {ProblemWordsZh.Translate(message)}");
        }
    }

    public static TheoryData<string, string> Annotations()
    {
        // Every DataAnnotations check on what a request sends: the request records (the options the desk reads from its
        // configuration are classes, and refuse to start, in English, for the operator).
        var data = new TheoryData<string, string>();
        foreach (var type in typeof(AnnotationMessages).Assembly.GetTypes().Where(t => t.GetMethod("<Clone>$") is not null))
            foreach (var property in type.GetProperties())
                foreach (var attribute in property.GetCustomAttributes(typeof(ValidationAttribute), true).Cast<ValidationAttribute>())
                    data.Add($"{type.Name}.{property.Name}", attribute.FormatErrorMessage(property.Name));
        return data;
    }

    [Theory]
    [MemberData(nameof(Annotations))]
    public void EachAnnotationOnARequest_IsSaidInTheDesksWords_AndInChinese(string member, string framework)
    {
        var english = AnnotationMessages.Said(framework);

        var property = member[(member.IndexOf('.') + 1)..];
        if (property.Skip(1).Any(char.IsUpper))
            Assert.DoesNotContain(property, english);
        Assert.DoesNotMatch(@"^The (field )?[A-Z]\w* (field )?", english);
        var chinese = ProblemWordsZh.Translate(english) ?? "";
        // A field it has no word for would stand in 「」; a value it quotes may (an example slug), and true or false.
        var words = Regex.Replace(chinese, "「[^」]*」", "");
        Assert.True(chinese != "" && !chinese.Contains($"「{AnnotationMessages.Name(property)}」")
            && !Regex.IsMatch(words, @"\b(?!true\b|false\b)[a-z]{3,}\b"), $"{member}: {english} → {chinese}");
    }

    [Fact]
    public void TheFrameworksRequiredAndLengthMessages_ReadAsTheTextRulesRead()
    {
        Assert.Equal("Display name is required.", AnnotationMessages.Said("The DisplayName field is required."));
        Assert.Equal("Display name is longer than 200 characters.",
            AnnotationMessages.Said("The field DisplayName must be a string or array type with a maximum length of '200'."));
        Assert.Equal("Text is required.", AnnotationMessages.Said("The field Text must be a string or array type with a minimum length of '1'."));
        Assert.Equal("显示名称不能为空。", ProblemWordsZh.Translate(AnnotationMessages.Said("The DisplayName field is required.")));
        Assert.Equal("Use a name.", AnnotationMessages.Said("Use a name."));
    }

    [Fact]
    public void AMessageWithoutAPhrase_StaysEnglish()
    {
        Assert.Null(ProblemWordsZh.Translate("Something the catalog has never seen."));
        Assert.Equal("「Gadget」不能为空。", ProblemWordsZh.Translate("Gadget is required."));
    }

    [Fact]
    public void ARefusalQuotingALongValue_StaysEnglish_ThoughAShortOneOfTheSameShapeIsTranslated()
    {
        // What a client sent may be quoted back; the phrases' slots backtrack, so a long message is not tried at all.
        Assert.Equal("「canteen」不是队列。", ProblemWordsZh.Translate("'canteen' is not a queue."));
        Assert.Null(ProblemWordsZh.Translate($"'{new string('\'', 5_000)}' is not a queue."));
    }

    [GeneratedRegex(@"\{([A-Za-z][A-Za-z0-9]*)\}")]
    private static partial Regex Slot();

    // A run of ASCII that holds a letter: a word, or a code such as application/json or X-Api-Key.
    [GeneratedRegex(@"[\x21-\x7E]*[A-Za-z][\x21-\x7E]*")]
    private static partial Regex Latin();
}
