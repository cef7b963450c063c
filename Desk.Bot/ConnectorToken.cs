using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Desk.Bot;

// Outbound: the Bot Connector takes replies only with a client-credentials token for the bot's app id.
// One token is fetched from Bot:TokenEndpoint and kept until shortly before it expires.
internal sealed class ConnectorTokenSource(
    HttpClient http, IOptions<BotOptions> options, TimeProvider clock, ILogger<ConnectorTokenSource> logger)
{
    static readonly TimeSpan Margin = TimeSpan.FromMinutes(5);
    readonly SemaphoreSlim gate = new(1, 1);
    (string Token, DateTimeOffset RenewAt)? cached;

    public async Task<string?> GetAsync(CancellationToken ct)
    {
        if (cached is { } hit && clock.GetUtcNow() < hit.RenewAt)
            return hit.Token;
        await gate.WaitAsync(ct);
        try
        {
            if (cached is { } again && clock.GetUtcNow() < again.RenewAt)
                return again.Token;
            cached = await FetchAsync(ct);
            return cached?.Token;
        }
        finally
        {
            gate.Release();
        }
    }

    // The connector refused the token: the next call fetches a fresh one, unless another caller already has.
    public void Forget(string token)
    {
        if (cached?.Token == token)
            cached = null;
    }

    async Task<(string, DateTimeOffset)?> FetchAsync(CancellationToken ct)
    {
        var bot = options.Value;
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = bot.MicrosoftAppId!,
            ["client_secret"] = bot.MicrosoftAppPassword!,
            ["scope"] = bot.TokenScope,
        });
        var host = new Uri(bot.TokenEndpoint).Authority;
        using var response = await http.PostAsync(bot.TokenEndpoint, form, ct);
        if (!response.IsSuccessStatusCode)
        {
            logger.TokenRefused(host, (int)response.StatusCode);
            return null;
        }
        string? value;
        var lifetime = TimeSpan.Zero;
        try
        {
            using var body = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(ct), cancellationToken: ct);
            value = body.RootElement.TryGetProperty("access_token", out var token) && token.ValueKind == JsonValueKind.String
                ? token.GetString()
                : null;
            if (body.RootElement.TryGetProperty("expires_in", out var seconds) && seconds.TryGetInt32(out var s) && s > 0)
                lifetime = TimeSpan.FromSeconds(s);
        }
        catch (JsonException)
        {
            value = null;
        }
        if (string.IsNullOrEmpty(value))
        {
            logger.TokenRefused(host, (int)response.StatusCode);
            return null;
        }
        // Renew five minutes early, or halfway through a short-lived token.
        var early = lifetime > 2 * Margin ? lifetime - Margin : lifetime / 2;
        return (value, clock.GetUtcNow() + early);
    }
}

// On the connector's HttpClient: adds the token to every call, and fetches a fresh one once if the connector
// answers 401. With no app id configured it adds nothing.
internal sealed class ConnectorTokenHandler(ConnectorTokenSource tokens, IOptions<BotOptions> options) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
    {
        if (!options.Value.AuthenticationEnabled)
            return await base.SendAsync(request, ct);
        var token = await tokens.GetAsync(ct);
        if (token is null)
            return new HttpResponseMessage(HttpStatusCode.Unauthorized) { RequestMessage = request };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var response = await base.SendAsync(request, ct);
        if (response.StatusCode != HttpStatusCode.Unauthorized)
            return response;

        tokens.Forget(token);
        var fresh = await tokens.GetAsync(ct);
        if (fresh is null || fresh == token)
            return response;
        response.Dispose();
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", fresh);
        return await base.SendAsync(request, ct);
    }
}
