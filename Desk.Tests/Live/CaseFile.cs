using System.Collections.Concurrent;
using Microsoft.Playwright;

namespace Desk.Tests.Live;

/// <summary>Opens a query's case file in the console, as the contact and case-file browser tests do.</summary>
internal static class CaseFile
{
    /// <summary>
    /// Clicks the query's row and waits for its pane and contact card. The card failed to come twice in whole
    /// PostgreSQL runs, never in a class run alone: a card that does not come says what the page showed and heard.
    /// </summary>
    public static async Task OpenAsync(IPage page, string reference)
    {
        var heard = new ConcurrentQueue<string>();
        void Error(object? _, string message) => heard.Enqueue($"page error: {message}");
        void Response(object? _, IResponse response)
        {
            if (response.Status >= 400)
                heard.Enqueue($"{response.Status} from {response.Request.Method} {response.Url}");
        }
        page.PageError += Error;
        page.Response += Response;
        try
        {
            var row = page.Locator($"#queries tr[data-reference='{reference}']");
            await row.WaitForAsync();
            await row.ClickAsync();
            await page.Locator("#detail-heading", new() { HasTextString = reference }).WaitForAsync();
            await page.Locator("#casefile .contact-card h3").WaitForAsync();
        }
        catch (Exception e) when (e is TimeoutException or PlaywrightException)
        {
            throw new Xunit.Sdk.XunitException($"No case file for {reference}: {e.Message.Split('\n')[0]}. Heading: \"{await page.InnerTextAsync("#detail-heading")}\", "
                + $"case file (hidden: {await page.Locator("#casefile").IsHiddenAsync()}): \"{await page.InnerTextAsync("#casefile")}\", "
                + $"detail error: \"{await page.InnerTextAsync("#detail-error")}\"; heard: {string.Join(" | ", heard)}");
        }
        finally
        {
            page.PageError -= Error;
            page.Response -= Response;
        }
    }
}
