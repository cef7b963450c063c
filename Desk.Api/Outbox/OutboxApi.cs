using System.Security.Claims;
using Desk.Api.Identity;
using Desk.Api.Queries;
using Desk.Api.Realtime;
using Desk.Api.Routing;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Desk.Api.Outbox;

/// <summary>An agent's way out of a message that never reached its user: send it again.</summary>
internal static class OutboxApi
{
    public static RouteHandlerBuilder MapOutbox(this IEndpointRouteBuilder app) =>
        app.MapPost("/api/queries/{reference}/timeline/{entryId:long}/resend", ResendAsync)
            .WithTags("Queries").RequireAuthorization(Policies.Staff);

    /// <summary>
    /// Sends a failed message, or one of unknown delivery (the desk stopped while sending it: it may have arrived, and the
    /// agent decides), again from its first try. 409 for a message sent or still under way.
    /// </summary>
    static async Task<Results<Ok<Delivery>, ProblemHttpResult>> ResendAsync(
        string reference, long entryId, QueryStore queries, OutboxStore outbox, OutboxSender sender, DeskNotifier notifier,
        QueueAccess access, ClaimsPrincipal user, TimeProvider clock, CancellationToken ct)
    {
        var query = await queries.GetAsync(reference, ct);
        if (query is null || !access.For(user).MaySee(query.Queue))
            return NotFound($"There is no query {reference}.");
        switch (await outbox.ResendAsync(query.Id, entryId, clock.GetUtcNow(), ct))
        {
            case null:
                return NotFound($"Entry {entryId} of {reference} sent the user nothing.");
            case { Change: { } change }:
                sender.Wake();
                await notifier.DeliveryChangedAsync(change);
                return TypedResults.Ok(change.Delivery);
            case var (state, _):
                return TypedResults.Problem(title: "Not a message to send again", statusCode: StatusCodes.Status409Conflict,
                    detail: $"The message is {state}; only one given up (failed) or of unknown delivery is sent again.");
        }
    }

    static ProblemHttpResult NotFound(string detail) =>
        TypedResults.Problem(title: "Not found", detail: detail, statusCode: StatusCodes.Status404NotFound);
}
