using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Desk.Api.Audit;

namespace Desk.Tests.Api;

/// <summary>
/// The audit log's details in Chinese: each phrase translates an English sample of its own shape, keeping the values; and
/// the details the desk's own actions write come back in Chinese to a page that asks for it, in English to anyone else.
/// </summary>
public sealed partial class AuditWordsTests(DeskApplication desk) : IClassFixture<DeskApplication>
{
    public static TheoryData<string, int> Phrases()
    {
        var data = new TheoryData<string, int>();
        foreach (var (kind, phrases) in AuditWordsZh.Phrases)
            for (var i = 0; i < phrases.Length; i++)
                data.Add(kind, i);
        return data;
    }

    [Theory]
    [MemberData(nameof(Phrases))]
    public void EachPhrase_SaysItsOwnShapeInChinese_KeepingTheValues(string kind, int index)
    {
        var phrase = AuditWordsZh.Phrases[kind][index];
        var values = new Dictionary<string, string>();
        var sample = Slot().Replace(phrase.English, m => values[m.Groups[1].Value] = $"Vq{values.Count + 1}");

        var chinese = AuditWordsZh.Say(kind, sample);

        Assert.Equal(Slot().Replace(phrase.Chinese, m => values[m.Groups[1].Value]), chinese);
        Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", chinese);
    }

    [Fact]
    public void AStaffChange_SaysEachOfItsChanges_AndWhatNoPhraseFitsStaysAsItWas()
    {
        Assert.Equal("已停用；角色 agent 改为 supervisor；交回 2 个未结查询和 1 个进行中的聊天。",
            AuditWordsZh.Say(AuditKinds.StaffChanged, "disabled; role agent to supervisor; handed back 2 open queries and 1 live chats."));
        Assert.Equal("disabled; something new.", AuditWordsZh.Say(AuditKinds.StaffChanged, "disabled; something new."));
        Assert.Equal("""{"old":false,"new":true,"from":"desk"}""", AuditWordsZh.Say(AuditKinds.QueueRestrictionChanged, """{"old":false,"new":true,"from":"desk"}"""));
        Assert.Equal("Printers down on floor 3", AuditWordsZh.Say(AuditKinds.OutageDeclared, "Printers down on floor 3"));
    }

    [Fact]
    public async Task TheDetailsTheDeskWrites_ComeInChinese_ToAPageThatAsks_AndInEnglishOtherwise()
    {
        using var admin = await desk.SignInAsync("admin");
        var member = await desk.CreateStaffAsync();
        (await admin.PatchAsJsonAsync($"/api/admin/staff/{member}", new { role = "supervisor", displayName = "Renamed" })).EnsureSuccessStatusCode();
        (await admin.PostAsJsonAsync("/api/admin/api-keys", new { name = $"zh audit {Guid.NewGuid():n}", scopes = new[] { "intake" } })).EnsureSuccessStatusCode();
        (await admin.PostAsync("/api/classifier/examples/import", ClassificationData.Upload("text,type\nThe zh audit printer jams,incident\n"))).EnsureSuccessStatusCode();
        using (var self = desk.WithCookie(await desk.SessionCookieAsync(member)))
            (await self.PostAsJsonAsync("/api/auth/password", new { currentPassword = StaffAccounts.Password, newPassword = "zh-audit-pass-9" })).EnsureSuccessStatusCode();
        var kinds = new[] { "staff_created", "staff_changed", "api_key_issued", "classifier_examples_imported", "password_changed" };

        var chinese = await DetailsAsync(admin, "zh-CN,zh;q=0.9");
        var english = await DetailsAsync(admin, null);

        Assert.All(kinds, kind => Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", chinese[kind]));
        Assert.All(kinds, kind => Assert.DoesNotMatch(@"\b[A-Za-z]+ [A-Za-z]+ [A-Za-z]+\b", chinese[kind]));
        Assert.Equal("角色 agent 改为 supervisor；显示名称已改。", chinese["staff_changed"]);
        Assert.Equal("role agent to supervisor; display name.", english["staff_changed"]);
        Assert.Equal("Changed by the member; all sessions ended.", english["password_changed"]);
    }

    /// <summary>The newest detail of each kind, as the audit list gives it in <paramref name="language"/>.</summary>
    static async Task<Dictionary<string, string>> DetailsAsync(HttpClient admin, string? language)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/admin/audit-events?limit=200");
        if (language is not null)
            request.Headers.AcceptLanguage.ParseAdd(language);
        using var response = await admin.SendAsync(request);
        Assert.Contains("Accept-Language", response.Headers.Vary);
        var items = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("items").EnumerateArray();
        return items.Where(e => e.GetProperty("detail").ValueKind == JsonValueKind.String)
            .GroupBy(e => e.Str("kind")).ToDictionary(g => g.Key, g => g.First().Str("detail"));
    }

    [GeneratedRegex(@"\{([A-Za-z][A-Za-z0-9]*)\}")]
    private static partial Regex Slot();
}
