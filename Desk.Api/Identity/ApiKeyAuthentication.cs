using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Desk.Api.Identity;

/// <summary>Channels and integrations authenticate with "Authorization: ApiKey &lt;key&gt;" or "X-Api-Key: &lt;key&gt;".</summary>
internal sealed class ApiKeyAuthentication(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, ApiKeyStore keys)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string Header = "X-Api-Key";

    /// <summary>The key's name beside its principal name ("key:12"), for whatever records which key acted.</summary>
    public const string KeyNameClaim = "key_name";

    public static bool IsPresent(HttpRequest request) => ReadKey(request) is not null;

    static string? ReadKey(HttpRequest request) =>
        request.Headers[Header].ToString() is { Length: > 0 } header
            ? header
            : request.Headers.Authorization.ToString() is var authorization && authorization.StartsWith(SchemeName + " ", StringComparison.OrdinalIgnoreCase)
                ? authorization[(SchemeName.Length + 1)..].Trim()
                : null;

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var key = ReadKey(Request);
        if (key is null)
            return AuthenticateResult.NoResult();
        var found = await keys.FindAsync(key, Context.RequestAborted);
        if (found is null)
            return AuthenticateResult.Fail("Unknown or revoked API key.");
        var claims = new List<Claim> { new(ClaimTypes.Name, $"key:{found.Id}"), new(KeyNameClaim, found.Name) };
        claims.AddRange(found.Scopes.Select(s => new Claim(Scopes.ClaimType, s)));
        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName));
        return AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName));
    }
}
