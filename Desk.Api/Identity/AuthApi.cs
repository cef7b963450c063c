using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Desk.Api.Identity;

public sealed record SignIn([property: Required, MaxLength(100)] string Username, [property: Required, MaxLength(200)] string Password);

public sealed record StaffProfile(string Username, string DisplayName, string Role);

/// <summary>Staff sign-in for the console: a cookie that carries the role.</summary>
internal static class AuthApi
{
    public static RouteGroupBuilder MapAuth(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/auth").WithTags("Sign-in");
        group.MapPost("/sign-in", SignInAsync).AllowAnonymous();
        group.MapPost("/sign-out", (Delegate)SignOutAsync).RequireAuthorization(Policies.Staff);
        group.MapGet("/me", Me).RequireAuthorization(Policies.Staff);
        return group;
    }

    static async Task<Results<Ok<StaffProfile>, ProblemHttpResult>> SignInAsync(
        SignIn request, StaffStore staff, HttpContext http, CancellationToken ct)
    {
        var member = await staff.VerifyAsync(request.Username, request.Password, ct);
        if (member is null)
            return TypedResults.Problem(title: "Sign-in failed", detail: "Unknown username or wrong password.", statusCode: StatusCodes.Status401Unauthorized);
        var identity = new ClaimsIdentity(
            [
                new Claim(ClaimTypes.Name, member.Username),
                new Claim(ClaimTypes.Role, member.Role),
                new Claim("display_name", member.DisplayName),
            ],
            CookieAuthenticationDefaults.AuthenticationScheme);
        await http.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, new ClaimsPrincipal(identity));
        return TypedResults.Ok(new StaffProfile(member.Username, member.DisplayName, member.Role));
    }

    static async Task<NoContent> SignOutAsync(HttpContext http)
    {
        await http.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        return TypedResults.NoContent();
    }

    static Ok<StaffProfile> Me(ClaimsPrincipal user) =>
        TypedResults.Ok(new StaffProfile(user.Identity!.Name!, user.FindFirstValue("display_name") ?? "", user.FindFirstValue(ClaimTypes.Role) ?? ""));
}
