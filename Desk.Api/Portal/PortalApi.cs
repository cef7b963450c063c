using System.Globalization;
using Desk.Api.Contacts;
using Desk.Api.Data;
using Desk.Api.Identity;
using Desk.Api.Operations;
using Desk.Api.Queries;
using Desk.Api.Realtime;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Desk.Api.Portal;

/// <summary>
/// The end users' self-service portal: sign-in by a one-time code sent to an e-mail address or phone, then the user's
/// own queries from every channel. Open to anyone at the door; everything under <c>/me</c> needs a portal session
/// (its own cookie: a staff session is no portal session).
/// </summary>
internal static class PortalApi
{
    /// <summary>The portal's live link (<see cref="PortalHub"/>), opened by the portal cookie alone.</summary>
    public const string HubPath = "/hubs/portal";

    public const string SignInFirst = "Sign in to the portal with a code sent to your e-mail address or phone.";

    public static IServiceCollection AddPortal(this IServiceCollection services)
    {
        services.AddOptions<PortalOptions>().BindConfiguration(PortalOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<PortalCodes>();
        services.AddSingleton<PortalSessions>();
        services.AddSingleton<PortalIdentities>();
        services.AddSingleton<PortalQueries>();
        services.AddSingleton<PortalRequests>();
        services.AddAuthentication().AddScheme<AuthenticationSchemeOptions, PortalAuthentication>(PortalAuthentication.SchemeName, null);
        services.AddAuthorizationBuilder().AddPolicy(PortalAuthentication.Policy,
            p => p.AddAuthenticationSchemes(PortalAuthentication.SchemeName).RequireClaim(PortalAuthentication.ContactClaim));
        services.AddSingleton<PortalHubSessions>();
        services.AddHostedService(provider => provider.GetRequiredService<PortalHubSessions>());
        return services;
    }

    public static RouteGroupBuilder MapPortal(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/portal").WithTags("Portal").AllowAnonymous();
        group.MapPost("/codes", SendCodeAsync);
        group.MapPost("/sessions", SignInAsync);
        group.MapPost("/sign-out", SignOutAsync);
        group.MapPortalKnowledge();
        var me = group.MapGroup("/me").AddEndpointFilter(RequireSession);
        me.MapGet("/", MeAsync);
        me.MapPost("/identities", SendIdentityCodeAsync);
        me.MapPost("/identities/confirm", ConfirmIdentityAsync);
        me.MapGet("/queries", QueriesAsync);
        me.MapPost("/queries", OpenAsync);
        me.MapGet("/catalog", CatalogAsync);
        me.MapPortalSurveys();
        me.MapGet("/queries/{reference}", QueryAsync);
        me.MapPost("/queries/{reference}/messages", WriteAsync);
        return group;
    }

    static async Task<Results<Accepted<PortalCodeSent>, ValidationProblem, ProblemHttpResult>> SendCodeAsync(
        PortalCodeRequest request, PortalCodes codes, HttpContext http, CancellationToken ct) =>
        await SendAsync(request, CodePurpose.SignIn, null, codes, http, ct);

    static async Task<Results<Ok<PortalProfile>, ValidationProblem, ProblemHttpResult>> SignInAsync(
        PortalCodeAnswer request, PortalCodes codes, PortalIdentities identities, PortalSessions sessions, DeskDb db, HttpContext http,
        CancellationToken ct)
    {
        if (Answer(request, codes) is not { } at)
            return Invalid(request, codes);
        long? contactId = null;
        string? key = null;
        CodeCheck check;
        await using (var write = await db.BeginWriteAsync(ct))
        {
            check = await codes.CheckAsync(write.Transaction, at, CodePurpose.SignIn, null, PortalCodes.FlowOf(http), request.Code!, ct);
            if (check == CodeCheck.Right && await identities.SignInAsync(write.Transaction, at, ct) is { } id)
                (contactId, key) = (id, await sessions.StartAsync(write.Transaction, id, ct));
            await write.CommitAsync(ct);
        }
        if (check == CodeCheck.Locked)
            return Locked();
        if (contactId is not { } signedIn)
            return TypedResults.Problem(title: "Sign-in failed", statusCode: StatusCodes.Status401Unauthorized,
                detail: "The code is wrong or no longer valid. Check it, or ask for a new one.");
        sessions.SetCookie(http, key!);
        return TypedResults.Ok(await identities.ProfileAsync(signedIn, ct));
    }

    static async Task<NoContent> SignOutAsync(PortalSessions sessions, HttpContext http, CancellationToken ct)
    {
        await sessions.EndAsync(http, ct);
        return TypedResults.NoContent();
    }

    static async Task<Ok<PortalProfile>> MeAsync(PortalIdentities identities, HttpContext http, CancellationToken ct) =>
        TypedResults.Ok(await identities.ProfileAsync(Contact(http), ct));

    static async Task<Results<Accepted<PortalCodeSent>, ValidationProblem, ProblemHttpResult>> SendIdentityCodeAsync(
        PortalCodeRequest request, PortalCodes codes, HttpContext http, CancellationToken ct) =>
        await SendAsync(request, CodePurpose.Identity, Contact(http), codes, http, ct);

    static async Task<Results<Ok<PortalIdentityConfirmed>, ValidationProblem, ProblemHttpResult>> ConfirmIdentityAsync(
        PortalCodeAnswer request, PortalCodes codes, PortalIdentities identities, DeskNotifier notifier, DeskDb db, HttpContext http,
        CancellationToken ct)
    {
        if (Answer(request, codes) is not { } at)
            return Invalid(request, codes);
        var contactId = Contact(http);
        ContactChange<long?>? linked = null;
        CodeCheck check;
        await using (var write = await db.BeginWriteAsync(ct))
        {
            check = await codes.CheckAsync(write.Transaction, at, CodePurpose.Identity, contactId, null, request.Code!, ct);
            if (check == CodeCheck.Right)
                linked = await identities.ConfirmAsync(write.Transaction, contactId, at, ct);
            // A wrong try counts; a link that failed takes its code back with it.
            if (linked is null or ContactChange<long?>.Done)
                await write.CommitAsync(ct);
        }
        if (linked is ContactChange<long?>.Done { Value: { } merged })
            await notifier.ContactsMergedAsync(contactId, merged);
        return (check, linked) switch
        {
            (CodeCheck.Locked, _) => Locked(),
            (_, ContactChange<long?>.Done done) => TypedResults.Ok(new PortalIdentityConfirmed(
                new PortalIdentity(at.Channel, at.Address, true), done.Value, await identities.ProfileAsync(contactId, ct))),
            (_, ContactChange<long?>.Conflict conflict) => TypedResults.Problem(title: "Address not linked", detail: conflict.Message,
                statusCode: StatusCodes.Status409Conflict),
            (_, ContactChange<long?>.NotFound missing) => TypedResults.Problem(title: "Address not linked", detail: missing.Detail,
                statusCode: StatusCodes.Status409Conflict),
            _ => TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["code"] = ["The code is wrong or no longer valid. Check it, or ask for a new one."],
            }),
        };
    }

    static async Task<Ok<IReadOnlyList<PortalQuery>>> QueriesAsync(PortalQueries queries, HttpContext http, CancellationToken ct) =>
        TypedResults.Ok(await queries.ListAsync(Contact(http), ct));

    /// <summary>A new request; with an Idempotency-Key (the portal sends one per request it makes), a repeat answers as the first.</summary>
    static async Task<Results<Created<QueryReceipt>, ValidationProblem, ProblemHttpResult>> OpenAsync(
        PortalRequest request, [FromHeader(Name = "Idempotency-Key")] string? idempotencyKey, PortalRequests requests, HttpContext http,
        CancellationToken ct)
    {
        if (idempotencyKey is { Length: 0 or > 200 })
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["Idempotency-Key"] = ["Idempotency-Key must be 1 to 200 characters."] });
        return await requests.OpenAsync(Contact(http), request, idempotencyKey, ProblemLanguage.PrefersChinese(http.Request) ? "zh" : "en", ct) switch
        {
            PortalOpen.Opened opened => TypedResults.Created($"/api/portal/me/queries/{opened.Receipt.Reference}", opened.Receipt),
            PortalOpen.Invalid invalid => TypedResults.ValidationProblem(invalid.Errors),
            PortalOpen.KeyReused => TypedResults.Problem(title: "Idempotency-Key reused",
                detail: "This Idempotency-Key was already used for a different request.", statusCode: StatusCodes.Status409Conflict),
            var other => throw new InvalidOperationException($"Unexpected {other}"),
        };
    }

    static async Task<Ok<IReadOnlyList<PortalCatalogItem>>> CatalogAsync(PortalRequests requests, HttpContext http, CancellationToken ct) =>
        TypedResults.Ok(await requests.CatalogAsync(Contact(http), ct));

    static async Task<Results<Ok<PortalQueryDetail>, ProblemHttpResult>> QueryAsync(
        string reference, PortalQueries queries, HttpContext http, CancellationToken ct) =>
        await queries.GetAsync(Contact(http), reference, ct) is { } detail ? TypedResults.Ok(detail) : NotYours(reference);

    static async Task<Results<Created<PortalEntry>, ValidationProblem, ProblemHttpResult>> WriteAsync(
        string reference, PortalMessage request, PortalQueries queries, HttpContext http, CancellationToken ct)
    {
        if (TextRules.Problem(request.Text, "Text", Limits.TextLength) is { } problem)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["text"] = [problem] });
        return await queries.WriteAsync(Contact(http), reference, request.Text!, ct) switch
        {
            PortalWrite.Written written => TypedResults.Created($"/api/portal/me/queries/{reference}", written.Entry),
            PortalWrite.Closed => TypedResults.Problem(title: "Query closed", statusCode: StatusCodes.Status409Conflict,
                detail: $"{reference} is closed and takes no more messages."),
            _ => NotYours(reference),
        };
    }

    static async Task<Results<Accepted<PortalCodeSent>, ValidationProblem, ProblemHttpResult>> SendAsync(
        PortalCodeRequest request, CodePurpose purpose, long? contactId, PortalCodes codes, HttpContext http, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var to = codes.Parse(request.Address, out var problem);
        if (problem is not null)
            errors["address"] = [problem];
        if (request.Language is not (null or "en" or "zh"))
            errors["language"] = ["Language must be en or zh."];
        if (errors.Count > 0)
            return TypedResults.ValidationProblem(errors);
        var client = http.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        var flow = purpose == CodePurpose.SignIn ? codes.Flow(http) : null;
        switch (await codes.IssueAsync(to!, purpose, contactId, client, flow, request.Language ?? "en", ct))
        {
            case CodeIssue.NoChannel none:
                return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["address"] = [none.Problem] });
            case CodeIssue.NoWayToSend:
                return TypedResults.Problem(title: "No codes can be sent", statusCode: StatusCodes.Status503ServiceUnavailable,
                    detail: "This desk sends neither e-mail nor SMS, so it cannot send a sign-in code; reach the service desk another way.");
            case CodeIssue.TooMany many:
                http.Response.Headers.RetryAfter = RateLimits.Seconds(many.RetryAfter).ToString(CultureInfo.InvariantCulture);
                return TypedResults.Problem(title: "Too many codes", statusCode: StatusCodes.Status429TooManyRequests,
                    detail: "Too many codes were asked for this address or from here; try again after the time in Retry-After.");
            case CodeIssue.Sent sent:
                var minutes = (int)Math.Ceiling(sent.Life.TotalMinutes);
                return TypedResults.Accepted((string?)null, new PortalCodeSent(
                    $"If the address can receive it, a code is on its way. It works once, for {minutes} minute{(minutes == 1 ? "" : "s")}.", minutes));
            default:
                throw new InvalidOperationException("Unexpected code issue.");
        }
    }

    static PortalAddress? Answer(PortalCodeAnswer request, PortalCodes codes) =>
        PortalCodes.CodeProblem(request.Code) is null ? codes.Parse(request.Address, out _) : null;

    static ValidationProblem Invalid(PortalCodeAnswer request, PortalCodes codes)
    {
        var errors = new Dictionary<string, string[]>();
        codes.Parse(request.Address, out var problem);
        if (problem is not null)
            errors["address"] = [problem];
        if (PortalCodes.CodeProblem(request.Code) is { } code)
            errors["code"] = [code];
        return TypedResults.ValidationProblem(errors);
    }

    static ProblemHttpResult Locked() => TypedResults.Problem(title: "Code locked", statusCode: StatusCodes.Status429TooManyRequests,
        detail: "Too many wrong tries for this code; ask for a new code.");

    static ProblemHttpResult NotYours(string reference) => TypedResults.Problem(title: "Query not found", statusCode: StatusCodes.Status404NotFound,
        detail: $"You have no query {reference}.");

    internal static long Contact(HttpContext http) => (long)http.Items[typeof(PortalSessions)]!;

    internal static async ValueTask<object?> RequireSession(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (await http.RequestServices.GetRequiredService<PortalSessions>().ContactAsync(http, http.RequestAborted) is not { } contactId)
            return TypedResults.Problem(title: "Not signed in", statusCode: StatusCodes.Status401Unauthorized, detail: SignInFirst);
        http.Items[typeof(PortalSessions)] = contactId;
        return await next(context);
    }
}
