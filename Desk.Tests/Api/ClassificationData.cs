using System.Net.Http.Headers;
using System.Text;
using Dapper;

namespace Desk.Tests.Api;

/// <summary>A site's labelled history in its own words (product names the seed corpus never saw), and how to send it.</summary>
internal static class ClassificationData
{
    static readonly (string Type, string Template)[] Templates =
    [
        ("incident", "Kelvo scanner {0} stopped working on ward {0}"),
        ("disaster", "the whole Marrow campus {0} lost power and every system there is down"),
        ("service_request", "please issue a Pindle badge for new starter {0}"),
        ("change_request", "schedule the Fennox firewall rule change for window {0}"),
        ("complaint", "the Vastra desk ignored me again about ticket {0}, this is unacceptable"),
        ("compliment", "huge thanks to the Orlo crew for sorting case {0} so quickly"),
        ("improvement_suggestion", "idea: the Quill portal {0} could remember my last search"),
        ("security_event", "got a phishing mail pretending to be Tarnwell payroll, reference {0}"),
        ("consultation", "how do I export the monthly report from Brindle {0}?"),
    ];

    /// <summary><paramref name="perType"/> rows of each of the nine types, as <c>text,type</c> CSV.</summary>
    public static string SiteHistory(int perType)
    {
        var csv = new StringBuilder("text,type\n");
        foreach (var (type, template) in Templates)
            for (var i = 1; i <= perType; i++)
                csv.Append('"').Append(string.Format(template, i * 7 + 3)).Append("\",").Append(type).Append('\n');
        return csv.ToString();
    }

    public static MultipartFormDataContent Upload(string csv, string fileName = "history.csv")
    {
        var file = new StringContent(csv, Encoding.UTF8);
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        return new MultipartFormDataContent { { file, "file", fileName } };
    }

    public static StringContent CsvBody(string csv) => new(csv, Encoding.UTF8, "text/csv");

    public static async Task<long> ImportedCountAsync(DeskApplication desk)
    {
        await using var db = await desk.OpenDbAsync();
        return await db.ExecuteScalarAsync<long>("select count(*) from labelled_examples where source = 'import'");
    }
}
