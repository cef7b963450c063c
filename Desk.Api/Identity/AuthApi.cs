using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Security.Claims;
using Desk.Api.Audit;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Desk.Api.Identity;

public sealed record SignIn([property: Required, MaxLength(100)] string Username, [property: Required, MaxLength(200)] string Password);

public sealed record StaffProfile(string Username, string DisplayName, string Role);

public sealed record ChangePassword([property: Required, MaxLength(200)] string CurrentPassword, [property: Required] string NewPassword);

public sealed record PasswordChanged(bool SignedOut, string Detail);

/// <summary>Staff sign-in for the console: a cookie that names a session kept on the server.</summary>
internal static class AuthApi
{
    public static RouteGroupBuilder MapAuth(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/auth").WithTags("Sign-in");
        group.MapPost("/sign-in", SignInAsync).AllowAnonymous().RequireRateLimiting(RateLimits.SignInPolicy);
        group.MapPost("/sign-out", (Delegate)SignOutAsync).RequireAuthorization(Policies.Staff);
        group.MapPost("/password", ChangePasswordAsync).RequireAuthorization(Policies.Staff);
        group.MapGet("/me", Me).RequireAuthorization(Policies.Staff);
        return group;
    }

    static async Task<Results<Ok<StaffProfile>, ProblemHttpResult>> SignInAsync(
        SignIn request, StaffStore staff, AuditLog audit, HttpContext http, CancellationToken ct)
    {
        var outcome = await staff.VerifyAsync(request.Username, request.Password, ct);
        if (outcome.Status == SignInStatus.Locked)
        {
            if (outcome.JustLocked)
                await audit.RecordAsync(AuditKinds.SignInLocked, null, request.Username, http,
                    $"Locked until {outcome.LockedUntil:O} after repeated wrong passwords.", ct);
            return Locked(http, outcome.LockedUntil!.Value - TimeProvider(http).GetUtcNow());
        }
        if (outcome.Member is not { } member)
            return TypedResults.Problem(title: "Sign-in failed", detail: "Unknown username or wrong password.", statusCode: StatusCodes.Status401Unauthorized);
        var identity = new ClaimsIdentity(
            [
                new Claim(ClaimTypes.Name, member.Username),
                new Claim(ClaimTypes.Role, member.Role),
                new Claim(SessionStore.DisplayNameClaim, member.DisplayName),
                new Claim(SessionStore.StaffIdClaim, member.Id.ToString(CultureInfo.InvariantCulture)),
            ],
            CookieAuthenticationDefaults.AuthenticationScheme);
        await http.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, new ClaimsPrincipal(identity));
        return TypedResults.Ok(new StaffProfile(member.Username, member.DisplayName, member.Role));
    }

    static async Task<NoContent> SignOutAsync(HttpContext http, AuditLog audit, ClaimsPrincipal user, CancellationToken ct)
    {
        await http.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        await audit.RecordAsync(AuditKinds.SignedOut, user.Identity!.Name, user.Identity.Name, http, null, ct);
        return TypedResults.NoContent();
    }

    static async Task<Results<Ok<PasswordChanged>, ValidationProblem, ProblemHttpResult>> ChangePasswordAsync(
        ChangePassword request, StaffStore staff, SessionStore sessions, AuditLog audit, ClaimsPrincipal user, HttpContext http,
        CancellationToken ct)
    {
        var username = user.Identity!.Name!;
        if (PasswordRules.ChangeProblem(request.NewPassword, request.CurrentPassword, username) is { } problem)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["newPassword"] = [problem] });
        // The current password is checked like a sign-in, so a stolen session cannot guess it without limit either.
        var outcome = await staff.VerifyAsync(username, request.CurrentPassword, ct);
        if (outcome.Status == SignInStatus.Locked)
            return Locked(http, outcome.LockedUntil!.Value - TimeProvider(http).GetUtcNow());
        if (outcome.Member is not { } member)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["currentPassword"] = ["The current password is wrong."] });
        await staff.UpdateAsync(member.Id, disabled: null, role: null, displayName: null, password: request.NewPassword, ct);
        await sessions.EndAllAsync(member.Id, ct);
        await http.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        await audit.RecordAsync(AuditKinds.PasswordChanged, username, username, http, "Changed by the member; all sessions ended.", ct);
        return TypedResults.Ok(new PasswordChanged(true, "Password changed. Every session of this account has ended, this one too: sign in again."));
    }

    static Ok<StaffProfile> Me(ClaimsPrincipal user) =>
        TypedResults.Ok(new StaffProfile(user.Identity!.Name!, user.FindFirstValue(SessionStore.DisplayNameClaim) ?? "", user.FindFirstValue(ClaimTypes.Role) ?? ""));

    static ProblemHttpResult Locked(HttpContext http, TimeSpan wait)
    {
        http.Response.Headers.RetryAfter = RateLimits.Seconds(wait).ToString(CultureInfo.InvariantCulture);
        return TypedResults.Problem(title: "Account locked", statusCode: StatusCodes.Status429TooManyRequests,
            detail: "Too many wrong passwords for this account; try again after the time in Retry-After.");
    }

    static TimeProvider TimeProvider(HttpContext http) => http.RequestServices.GetRequiredService<TimeProvider>();
}
