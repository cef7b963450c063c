using Dapper;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;

namespace Desk.Tests.Api;

public sealed class ApiKeyPrefixTests(DeskApplication desk) : IClassFixture<DeskApplication>
{
    [Fact]
    public async Task NewKeys_HaveA16CharacterHexPrefix()
    {
        using var admin = await desk.SignInAsync("admin");

        var issued = await (await admin.PostAsJsonAsync("/api/admin/api-keys", new { name = "wide", scopes = new[] { "intake" } })).JsonAsync();

        var prefix = issued.GetProperty("info").Str("prefix");
        Assert.Matches("^[0-9a-f]{16}$", prefix);
        Assert.Matches($"^sdk_{prefix}_[0-9a-f]{{64}}$", issued.Str("key"));
    }

    [Fact]
    public async Task KeysWithTheOld8CharacterPrefix_StillWork()
    {
        var prefix = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));
        var key = $"sdk_{prefix}_{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32))}";
        await using (var connection = await desk.OpenDbAsync())
        {
            await connection.ExecuteAsync("""
                insert into api_keys (name, prefix, key_hash, scopes, created_by, created_at)
                values ('from before', @prefix, @hash, 'queries:read', 'admin', @createdAt)
                """, new { prefix, hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key))),
                createdAt = new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero) });
        }
        using var old = desk.Anonymous();
        old.DefaultRequestHeaders.Add("X-Api-Key", key);

        Assert.Equal(HttpStatusCode.OK, (await old.GetAsync("/api/queues")).StatusCode);
    }
}
