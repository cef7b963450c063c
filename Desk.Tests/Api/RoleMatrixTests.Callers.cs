using Microsoft.AspNetCore.Hosting;

namespace Desk.Tests.Api;

public sealed partial class RoleMatrixTests
{
    /// <summary>One desk, and a client per caller of the matrix, signed in or keyed once.</summary>
    public sealed class Callers : DeskApplication
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Telemetry:Prometheus", "true"); // so that the scrape endpoint has its row
        }

        readonly Dictionary<string, HttpClient> clients = [];
        readonly SemaphoreSlim gate = new(1, 1);
        string? reference;
        string? article;

        public async Task<HttpClient> ClientAsync(string caller)
        {
            await gate.WaitAsync();
            try
            {
                if (!clients.TryGetValue(caller, out var client))
                {
                    client = caller switch
                    {
                        "anonymous" => Anonymous(),
                        _ when caller.StartsWith("key:") => await WithApiKeyAsync(caller["key:".Length..]),
                        _ => await SignInAsync(caller),
                    };
                    clients[caller] = client;
                }
                return client;
            }
            finally
            {
                gate.Release();
            }
        }

        public async Task<string> ReferenceAsync()
        {
            if (reference is null)
            {
                // Submitted by the intake key, the only key that may then write on it.
                var channel = await ClientAsync("key:intake");
                reference = (await channel.SubmitAsync(Requests.Query("A query for the role matrix"))).Str("reference");
            }
            return reference;
        }

        /// <summary>The id of a seeded knowledge article.</summary>
        public async Task<string> ArticleAsync()
        {
            if (article is null)
            {
                var agent = await ClientAsync("agent");
                var articles = await (await agent.GetAsync("/api/knowledge?language=en")).JsonAsync();
                article = articles.EnumerateArray().First(a => a.Str("slug") == "vpn-certificate-error").GetProperty("id").GetInt64().ToString();
            }
            return article;
        }
    }
}
