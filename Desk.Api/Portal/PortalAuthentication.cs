using System.Globalization;
using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Desk.Api.Portal;

/// <summary>
/// The portal cookie as an authentication scheme, for the portal hub only: the desk's default scheme never forwards to it,
/// so a portal session opens nothing of the staff's, and this scheme reads no staff cookie or API key.
/// </summary>
internal sealed class PortalAuthentication(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, PortalSessions sessions)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "Portal";
    public const string Policy = "portal";
    public const string ContactClaim = "portal_contact";
    public const string SessionClaim = "portal_session";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (await sessions.SessionAsync(Context, Context.RequestAborted) is not { } session)
            return AuthenticateResult.NoResult();
        var identity = new ClaimsIdentity(
            [new(ContactClaim, session.Contact.ToString(CultureInfo.InvariantCulture)), new(SessionClaim, session.Hash)], SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    public static long Contact(ClaimsPrincipal user) => long.Parse(user.FindFirst(ContactClaim)!.Value, CultureInfo.InvariantCulture);
}
