using System.Security.Claims;
using Desk.Api.Identity;
using Desk.Api.Routing;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Desk.Api.Conversations;

/// <summary>The live queue: chats waiting for a person or held by one; agents take them and hand them back.</summary>
internal static class ConversationsApi
{
    public static RouteGroupBuilder MapConversations(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/conversations").WithTags("Conversations").RequireAuthorization(Policies.Staff);
        group.MapGet("/live", LiveAsync);
        group.MapPost("/{id:long}/take", TakeAsync);
        group.MapPost("/{id:long}/release", ReleaseAsync);
        return group;
    }

    /// <summary>Longest waiting first; only chats about queries of queues the caller may see.</summary>
    static async Task<Ok<IReadOnlyList<ConversationSummary>>> LiveAsync(
        ConversationStore conversations, QueueAccess access, ClaimsPrincipal user, CancellationToken ct) =>
        TypedResults.Ok(await conversations.LiveAsync(access.For(user).Queues?.ToArray(), ct));

    static async Task<Results<Ok<ConversationSummary>, ProblemHttpResult>> TakeAsync(
        long id, Handoffs handoffs, QueueAccess access, ClaimsPrincipal user, CancellationToken ct) =>
        Answer(id, await handoffs.TakeAsync(id, access.For(user), ct));

    static async Task<Results<Ok<ConversationSummary>, ProblemHttpResult>> ReleaseAsync(
        long id, Handoffs handoffs, QueueAccess access, ClaimsPrincipal user, CancellationToken ct) =>
        Answer(id, await handoffs.ReleaseAsync(id, access.For(user), user.IsInRole(Roles.Supervisor) || user.IsInRole(Roles.Admin), ct));

    static Results<Ok<ConversationSummary>, ProblemHttpResult> Answer(long id, HandoffResult result) => result switch
    {
        HandoffResult.Done(var conversation) => TypedResults.Ok(conversation),
        HandoffResult.Conflict(var message) => TypedResults.Problem(message, statusCode: StatusCodes.Status409Conflict,
            title: "Conversation held"),
        _ => TypedResults.Problem($"There is no conversation {id} you may see.", statusCode: StatusCodes.Status404NotFound,
            title: "Conversation not found"),
    };
}
