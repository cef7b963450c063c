using System.Data.Common;
using Dapper;
using Desk.Api.Data;

namespace Desk.Api.Sms;

/// <summary>The inbound messages seen (by MessageSid) and the numbers that opted out.</summary>
internal sealed class SmsStore(DeskDb db)
{
    /// <summary>Records an inbound message; false when its MessageSid was seen before (Twilio delivered it again).</summary>
    public async Task<bool> FirstSightAsync(DbTransaction tx, string messageSid, string address, DateTimeOffset now, CancellationToken ct) =>
        await tx.Connection!.ExecuteAsync(new CommandDefinition(db.Dialect.InsertIgnoringConflict("sms_received",
            "message_sid, address, received_at", "@messageSid, @address, @now", "message_sid"),
            new { messageSid, address, now }, tx, cancellationToken: ct)) == 1;

    public Task LinkAsync(DbTransaction tx, string messageSid, long queryId, CancellationToken ct) =>
        tx.Connection!.ExecuteAsync(new CommandDefinition(
            "update sms_received set query_id = @queryId where message_sid = @messageSid", new { messageSid, queryId }, tx, cancellationToken: ct));

    public async Task OptOutAsync(DbTransaction? tx, string address, string keyword, DateTimeOffset now, CancellationToken ct)
    {
        var sql = db.Dialect.InsertIgnoringConflict("sms_opt_outs", "address, keyword, opted_out_at", "@address, @keyword, @now", "address");
        if (tx is not null)
        {
            await tx.Connection!.ExecuteAsync(new CommandDefinition(sql, new { address, keyword, now }, tx, cancellationToken: ct));
            return;
        }
        await using var connection = await db.OpenAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition(sql, new { address, keyword, now }, cancellationToken: ct));
    }

    public Task OptInAsync(DbTransaction tx, string address, CancellationToken ct) =>
        tx.Connection!.ExecuteAsync(new CommandDefinition(
            "delete from sms_opt_outs where address = @address", new { address }, tx, cancellationToken: ct));

    public async Task<bool> OptedOutAsync(DbTransaction tx, string address, CancellationToken ct) =>
        await tx.Connection!.ExecuteScalarAsync<int>(new CommandDefinition(
            "select count(*) from sms_opt_outs where address = @address", new { address }, tx, cancellationToken: ct)) > 0;

    public async Task<bool> OptedOutAsync(string address, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        return await connection.ExecuteScalarAsync<int>(new CommandDefinition(
            "select count(*) from sms_opt_outs where address = @address", new { address }, cancellationToken: ct)) > 0;
    }
}
