using System.Diagnostics;
using Desk.Api.Queries;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Desk.Api.Telemetry;

/// <summary>
/// Times <c>POST /api/queries</c> around its handler, tagged with the channel and the type it was given, or with
/// <c>error.type</c> when it was refused. Outside the handler, so the intake's own code knows nothing of it. A body the
/// built-in validation refuses (its filter runs before every other) never reaches it: that shows in
/// <c>http.server.request.duration</c> as a 400.
/// </summary>
internal sealed class IntakeTiming(DeskMetrics metrics) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var started = Stopwatch.GetTimestamp();
        var channel = context.Arguments.OfType<SubmitQuery>().FirstOrDefault()?.Channel is { } given && Channels.IsKnown(given) ? given : DeskMetrics.Tags.Other;
        object? result;
        try
        {
            result = await next(context);
        }
        catch (Exception e)
        {
            Record(started, channel, type: null, error: e.GetType().FullName);
            throw;
        }
        var answer = result is INestedHttpResult nested ? nested.Result : result;
        if (answer is Created<QueryReceipt> { Value: { } receipt })
            Record(started, channel, receipt.Type, error: null);
        else
            Record(started, channel, type: null, error: answer switch
            {
                ValidationProblem => "validation",
                ProblemHttpResult { StatusCode: StatusCodes.Status409Conflict } => "idempotency_conflict",
                IStatusCodeHttpResult { StatusCode: { } status } => status.ToString(),
                _ => DeskMetrics.Tags.Other,
            });
        return result;
    }

    void Record(long started, string channel, string? type, string? error)
    {
        var tags = new TagList { { DeskMetrics.Tags.Channel, channel } };
        if (type is not null)
            tags.Add(DeskMetrics.Tags.Type, type);
        if (error is not null)
            tags.Add(DeskMetrics.Tags.Error, error);
        metrics.IntakeDuration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds, tags);
    }
}
