using System.Data.Common;
using System.Net;
using System.Net.Http.Json;
using Dapper;
using Desk.Api.Data;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Desk.Tests.Api;

/// <summary>
/// Intake stores queries in batches (<see cref="GroupCommit"/>): one transaction for many requests, each in its own
/// savepoint. To put several requests in one batch on purpose, a test holds the writer back (<see cref="HoldWriterAsync"/>)
/// while they queue up.
/// </summary>
public sealed class GroupCommitTests(DeskApplication desk) : IClassFixture<DeskApplication>
{
    GroupCommit Batches => desk.Services.GetRequiredService<GroupCommit>();

    [Fact]
    public async Task ManyIntakesAtOnce_AreEachStoredOnceWithTheirOwnReference()
    {
        using var channel = await desk.WithApiKeyAsync("intake");
        var texts = Enumerable.Range(0, 64).Select(i => $"Batch {Guid.NewGuid():n}: the scanner on desk {i} jams").ToList();

        var receipts = await Task.WhenAll(texts.Select(t => channel.SubmitAsync(Requests.Query(t))));

        Assert.Equal(texts.Count, receipts.Select(r => r.Str("reference")).Distinct().Count());
        await using var db = await desk.OpenDbAsync();
        foreach (var (text, receipt) in texts.Zip(receipts))
            Assert.Equal(receipt.Str("reference"), await db.QuerySingleAsync<string>("select reference from queries where text = @text", new { text }));
    }

    [Fact]
    public async Task EachCreated_IsOnDiskWhenItIsAnswered()
    {
        using var channel = await desk.WithApiKeyAsync("intake");

        var found = await Task.WhenAll(Enumerable.Range(0, 32).Select(async i =>
        {
            var receipt = await channel.SubmitAsync(Requests.Query($"Answered {i}: the projector in room {i} flickers"));
            // A connection of its own, outside every pool: it sees only what was committed.
            await using var fresh = await FreshConnectionAsync();
            return await fresh.ExecuteScalarAsync<long>("select count(*) from queries where reference = @reference",
                new { reference = receipt.Str("reference") });
        }));

        Assert.All(found, n => Assert.Equal(1, n));
    }

    [Fact]
    public async Task OneIntakeTheDatabaseRefuses_FailsAloneAndTheRestOfItsBatchIsStored()
    {
        using var channel = await desk.WithApiKeyAsync("intake");
        var marker = $"refuse-{Guid.NewGuid():n}";
        await RefuseQueriesContainingAsync(marker);
        var batch = Guid.NewGuid().ToString("n");
        var texts = Enumerable.Range(0, 12).Select(i => i == 5 ? $"{marker}: my laptop will not boot" : $"Batch {batch} {i}: the wifi drops").ToList();
        var addresses = texts.Select((_, i) => $"{marker}-{i}@example.org").ToList();
        var batchesBefore = Batches.Batches;

        HttpResponseMessage[] responses;
        await using (var hold = await HoldWriterAsync(channel))
        {
            var posts = texts.Select((t, i) => channel.PostAsJsonAsync("/api/queries", Requests.Query(t, address: addresses[i]))).ToList();
            await WaitUntilAsync(() => Batches.Waiting >= hold.Queued + texts.Count, "the batch to queue up");
            await hold.ReleaseAsync();
            responses = await Task.WhenAll(posts);
        }

        Assert.Equal(HttpStatusCode.InternalServerError, responses[5].StatusCode);
        Assert.Equal("application/problem+json", responses[5].Content.Headers.ContentType?.MediaType);
        Assert.All(responses.Where((_, i) => i != 5), r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));
        Assert.Equal(DeskApplication.Engine == "sqlite" ? 1 : 2, Batches.Batches - batchesBefore); // the plug, then the twelve
        await using var db = await desk.OpenDbAsync();
        Assert.Equal(11, await db.ExecuteScalarAsync<long>("select count(*) from queries where text like @pattern", new { pattern = $"Batch {batch} %" }));
        // Nothing half-written: the refused one's new contact went back with it.
        Assert.Equal(0, await db.ExecuteScalarAsync<long>("select count(*) from contact_identities where address = @address", new { address = addresses[5] }));
        Assert.Equal(11, await db.ExecuteScalarAsync<long>("select count(*) from contact_identities where address like @pattern", new { pattern = $"{marker}-%" }));
    }

    [Fact]
    public async Task SameKeyTwiceInOneBatch_StoresOneQueryAndAnswersBothAlike()
    {
        using var channel = await desk.WithApiKeyAsync("intake");
        var key = $"batch-key-{Guid.NewGuid():n}";
        var text = $"Same key {key}: the printer prints blank pages";
        var query = Requests.Query(text, address: $"{key}@example.org");

        HttpResponseMessage[] responses;
        HttpResponseMessage reused;
        await using (var hold = await HoldWriterAsync(channel))
        {
            var posts = Enumerable.Range(0, 3).Select(_ => PostWithKeyAsync(channel, query, key)).ToList();
            await WaitUntilAsync(() => Batches.Waiting >= hold.Queued + 3, "the batch to queue up");
            var other = PostWithKeyAsync(channel, Requests.Query($"{text}, and something else", address: $"{key}@example.org"), key);
            await WaitUntilAsync(() => Batches.Waiting >= hold.Queued + 4, "the last one to queue up behind them");
            await hold.ReleaseAsync();
            responses = await Task.WhenAll(posts);
            reused = await other;
        }

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));
        var bodies = await Task.WhenAll(responses.Select(r => r.Content.ReadAsStringAsync()));
        Assert.Single(bodies.Distinct());
        Assert.Equal(HttpStatusCode.Conflict, reused.StatusCode);
        await using var db = await desk.OpenDbAsync();
        Assert.Equal(1, await db.ExecuteScalarAsync<long>("select count(*) from queries where text like @pattern", new { pattern = $"Same key {key}%" }));
    }

    [Fact]
    public async Task RequestsGoBeforeBackgroundWrites_WhichStillGetAShareOfEveryBatch()
    {
        using var channel = await desk.WithApiKeyAsync("intake");
        var limit = desk.Services.GetRequiredService<IOptions<DatabaseOptions>>().Value.GroupCommitLimit;
        var order = new System.Collections.Concurrent.ConcurrentQueue<WriteLane>();
        Task<int> Write(WriteLane lane) =>
            Batches.WriteAsync(_ => { order.Enqueue(lane); return Task.FromResult(0); }, _ => Task.CompletedTask, CancellationToken.None, lane);

        await using (var hold = await HoldWriterAsync(channel))
        {
            // A timer pass hands in its writes first, then the requests arrive: more than one batch of them.
            var background = Enumerable.Range(0, limit).Select(_ => Write(WriteLane.Background)).ToList();
            var requests = Enumerable.Range(0, limit + limit / 2).Select(_ => Write(WriteLane.Request)).ToList();
            await WaitUntilAsync(() => Batches.Waiting >= hold.Queued + background.Count + requests.Count, "the writes to queue up");
            await hold.ReleaseAsync();
            await Task.WhenAll(background.Concat(requests));
        }

        var stored = order.ToList();
        Assert.Equal(limit + limit + limit / 2, stored.Count);
        Assert.All(stored.Take(limit / 2), lane => Assert.Equal(WriteLane.Request, lane));
        // The requests fill the first batch, and the background writes still get their share of it, before the last requests.
        Assert.True(stored.IndexOf(WriteLane.Background) < stored.LastIndexOf(WriteLane.Request), "The background writes waited for every request.");
    }

    [Fact]
    public async Task AWriteAwaitingItsAfterCommitStep_IsAnsweredOnlyOnceThatStepHasRun_APlainOneBefore()
    {
        // Each after-commit step looks at its own caller's task: was it answered before the step ran?
        async Task<bool> AnsweredBeforeItsStep(Func<Func<DbTransaction, Task<int>>, Func<int, Task>, Task<int>> write)
        {
            var caller = new TaskCompletionSource<Task<int>>(TaskCreationOptions.RunContinuationsAsynchronously);
            var answered = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
            var written = write(_ => Task.FromResult(7), async _ => answered.SetResult((await caller.Task).IsCompleted));
            caller.SetResult(written);
            Assert.Equal(7, await written);
            return await answered.Task;
        }

        Assert.False(await AnsweredBeforeItsStep((w, after) => Batches.WriteAndAwaitAfterCommitAsync(w, after, CancellationToken.None)));
        Assert.True(await AnsweredBeforeItsStep((w, after) => Batches.WriteAsync(w, after, CancellationToken.None, WriteLane.Background)));
    }

    [Fact]
    public async Task AnIntakeCancelledWhileWaitingForItsBatch_LeavesNothing()
    {
        using var channel = await desk.WithApiKeyAsync("intake");
        var text = $"Cancelled {Guid.NewGuid():n}: the door badge does not work";
        var address = $"cancelled-{Guid.NewGuid():n}@example.org";

        await using (var hold = await HoldWriterAsync(channel))
        {
            using var cancel = new CancellationTokenSource();
            var post = channel.PostAsJsonAsync("/api/queries", Requests.Query(text, address: address), cancel.Token);
            await WaitUntilAsync(() => Batches.Waiting >= hold.Queued + 1, "the intake to queue up");
            await cancel.CancelAsync(); // the desk sees the request aborted
            await hold.ReleaseAsync();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => post.WaitAsync(TimeSpan.FromSeconds(30)));
        }
        await channel.SubmitAsync(Requests.Query("After the cancelled one: a plain question")); // the writer went past it

        await using var db = await desk.OpenDbAsync();
        Assert.Equal(0, await db.ExecuteScalarAsync<long>("select count(*) from queries where text = @text", new { text }));
        Assert.Equal(0, await db.ExecuteScalarAsync<long>("select count(*) from contact_identities where address = @address", new { address }));
    }

    /// <summary>
    /// Holds the writer back until released: a write transaction of the test's own that locks the reference counters.
    /// On SQLite the writer then waits for the write gate before it takes anything; on PostgreSQL it takes a first
    /// intake (the plug) and waits inside that batch for the counters. Either way what is submitted next queues up.
    /// </summary>
    async Task<HeldWriter> HoldWriterAsync(HttpClient channel)
    {
        var write = await desk.Services.GetRequiredService<DeskDb>().BeginWriteAsync(CancellationToken.None);
        await write.Connection.ExecuteAsync("update reference_counters set last_number = last_number", transaction: write.Transaction);
        var plug = channel.PostAsJsonAsync("/api/queries", Requests.Query("The plug: a query that goes first"));
        try
        {
            if (DeskApplication.Engine == "sqlite")
                await WaitUntilAsync(() => Batches.Waiting == 1, "the plug to queue up");
            else
                await WaitUntilAsync(async () =>
                {
                    await using var db = await desk.OpenDbAsync();
                    return await db.ExecuteScalarAsync<long>(
                        "select count(*) from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'") > 0;
                }, "the plug's batch to wait for the counters");
        }
        catch
        {
            await write.DisposeAsync();
            throw;
        }
        return new HeldWriter(write, plug, Batches.Waiting);
    }

    sealed class HeldWriter(WriteTransaction write, Task<HttpResponseMessage> plug, int queued) : IAsyncDisposable
    {
        /// <summary>Intakes already waiting when the hold began (the plug, on SQLite).</summary>
        public int Queued => queued;

        public async Task ReleaseAsync()
        {
            await write.CommitAsync(CancellationToken.None);
            await write.DisposeAsync();
            Assert.Equal(HttpStatusCode.Created, (await plug).StatusCode);
        }

        public ValueTask DisposeAsync() => write.DisposeAsync();
    }

    async Task RefuseQueriesContainingAsync(string marker)
    {
        await using var db = await desk.OpenDbAsync();
        if (DeskApplication.Engine == "sqlite")
            await db.ExecuteAsync($"""
                create trigger refuse_marked before insert on queries when new.text like '%{marker}%'
                begin select raise(abort, 'refused by the test'); end
                """);
        else
            await db.ExecuteAsync($"""
                create function refuse_marked() returns trigger language plpgsql as $$
                begin
                    if new.text like '%{marker}%' then raise exception 'refused by the test'; end if;
                    return new;
                end $$;
                create trigger refuse_marked before insert on queries for each row execute function refuse_marked();
                """);
    }

    async Task<DbConnection> FreshConnectionAsync()
    {
        var db = desk.Services.GetRequiredService<DeskDb>();
        var connection = db.Dialect.CreateConnection(db.ConnectionString + ";Pooling=false");
        await connection.OpenAsync();
        return connection;
    }

    static Task<HttpResponseMessage> PostWithKeyAsync(HttpClient client, object query, string key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/queries") { Content = JsonContent.Create(query) };
        request.Headers.Add("Idempotency-Key", key);
        return client.SendAsync(request);
    }

    static Task WaitUntilAsync(Func<bool> condition, string what) => WaitUntilAsync(() => Task.FromResult(condition()), what);

    static async Task WaitUntilAsync(Func<Task<bool>> condition, string what)
    {
        var until = DateTime.UtcNow.AddSeconds(30);
        while (!await condition())
        {
            if (DateTime.UtcNow > until)
                throw new TimeoutException($"Waited 30 s for {what}.");
            await Task.Delay(10);
        }
    }
}
