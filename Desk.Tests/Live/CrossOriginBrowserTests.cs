using System.Collections.Concurrent;
using Dapper;
using Desk.Tests.Api;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Playwright;

namespace Desk.Tests.Live;

/// <summary>
/// A page on another port of the same host (same site, so the SameSite=Strict cookie goes along) tries to make a
/// signed-in supervisor's browser import, retrain and sign out, in real chromium. The desk refuses all three.
/// </summary>
[Collection(LiveCollection.Name)]
public sealed class CrossOriginBrowserTests(LiveDesk desk)
{
    [Fact]
    public async Task PageOnAnotherPort_CannotWriteWithTheSupervisorsSession()
    {
        await using var attacker = await AttackerSite.StartAsync(desk.BaseAddress);
        await using var browser = await Chromium.RentAsync();
        var context = await browser.NewContextAsync();
        var answers = new ConcurrentDictionary<string, int>();
        context.Response += (_, response) =>
        {
            var url = new Uri(response.Url);
            if (url.Port == desk.BaseAddress.Port && response.Request.Method == "POST")
                answers[url.AbsolutePath] = response.Status;
        };

        var console = await context.NewPageAsync();
        await Chromium.SignInAsync(console, desk, "supervisor", "supervisor-pass-1");
        var imported = await CountAsync("labelled_examples");
        var models = await CountAsync("classifier_models");

        var page = await context.NewPageAsync();
        await page.GotoAsync(attacker.Url);
        await page.WaitForFunctionAsync("document.title === 'done'");

        Assert.Equal(403, answers["/api/classifier/examples/import"]);
        Assert.Equal(403, answers["/api/classifier/retrain"]);
        Assert.Equal(403, answers["/api/auth/sign-out"]);
        Assert.Equal(imported, await CountAsync("labelled_examples"));
        Assert.Equal(models, await CountAsync("classifier_models"));
        Assert.Equal(200, await console.EvaluateAsync<int>("fetch('/api/auth/me').then(r => r.status)"));
    }

    async Task<long> CountAsync(string table)
    {
        await using var db = await desk.OpenDbAsync();
        return await db.ExecuteScalarAsync<long>($"select count(*) from {table}");
    }

    /// <summary>The hostile page: three no-cors POSTs with the browser's cookies, as a form or a script would send them.</summary>
    sealed class AttackerSite(WebApplication app) : IAsyncDisposable
    {
        public string Url => app.Urls.Single() + "/";

        public static async Task<AttackerSite> StartAsync(Uri desk)
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.Logging.ClearProviders();
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            var app = builder.Build();
            var target = desk.ToString().TrimEnd('/');
            app.MapGet("/", () => Results.Content($$"""
                <!doctype html><title>loading</title>
                <script>
                (async () => {
                  const send = (path, body) => fetch('{{target}}' + path,
                    { method: 'POST', mode: 'no-cors', credentials: 'include', body }).catch(() => {});
                  const form = new FormData();
                  form.append('file', new Blob(['text,type\nplease reset my password,service_request\n'], { type: 'text/csv' }), 'history.csv');
                  await send('/api/classifier/examples/import', form);
                  await send('/api/classifier/retrain');
                  await send('/api/auth/sign-out');
                  document.title = 'done';
                })();
                </script>
                """, "text/html"));
            await app.StartAsync();
            return new AttackerSite(app);
        }

        public ValueTask DisposeAsync() => app.DisposeAsync();
    }
}
