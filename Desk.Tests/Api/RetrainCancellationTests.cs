using Desk.Api.Audit;
using Desk.Api.Classification;
using Desk.Api.Data;
using Microsoft.Extensions.DependencyInjection;

namespace Desk.Tests.Api;

/// <summary>
/// Which cancel stops which retraining run: one recorded after the run read the latest (as another node records it
/// once the run holds the lock every node respects, before the run has begun here), whatever the clocks say; not one
/// recorded before. Each test has a desk of its own, since a cancel is the whole desk's.
/// </summary>
public sealed class RetrainCancellationTests
{
    [Fact]
    public async Task ACancelRecordedBeforeTheRunBegan_ButAfterItReadTheLatest_StopsIt_ThoughItsClockIsEarlier()
    {
        await using var desk = new DeskApplication();
        var cancellation = desk.Services.GetRequiredService<RetrainCancellation>();
        var after = await cancellation.LatestAsync(CancellationToken.None);

        // Another node's clock, an hour behind this one's.
        await RecordCancelAsync(desk, "supervisor", DateTimeOffset.UtcNow.AddHours(-1));
        using var run = cancellation.Begin(after, CancellationToken.None);
        Assert.False(run.Token.IsCancellationRequested);
        await cancellation.CatchUpAsync(CancellationToken.None);

        Assert.True(run.Token.IsCancellationRequested);
        Assert.Equal("supervisor", run.CancelledBy);
    }

    [Fact]
    public async Task ACancelRecordedBeforeTheRunReadTheLatest_DoesNotStopIt_ThoughItsClockIsLater()
    {
        await using var desk = new DeskApplication();
        var cancellation = desk.Services.GetRequiredService<RetrainCancellation>();
        await RecordCancelAsync(desk, "supervisor", DateTimeOffset.UtcNow.AddHours(1));
        var after = await cancellation.LatestAsync(CancellationToken.None);

        using var run = cancellation.Begin(after, CancellationToken.None);
        await cancellation.CatchUpAsync(CancellationToken.None);

        Assert.False(run.Token.IsCancellationRequested);
        Assert.Null(run.CancelledBy);
        Assert.True(cancellation.Going);
    }

    // As CancelAsync writes it on the node that took the request.
    static async Task RecordCancelAsync(DeskApplication desk, string actor, DateTimeOffset at)
    {
        await using var write = await desk.Services.GetRequiredService<DeskDb>().BeginWriteAsync(CancellationToken.None);
        await AuditLog.RecordAsync(write.Transaction, AuditKinds.ClassifierRetrainCancelled, actor, "classifier",
            "Retraining run stopped; its candidate is not kept.", at, CancellationToken.None);
        await write.CommitAsync(CancellationToken.None);
    }
}
