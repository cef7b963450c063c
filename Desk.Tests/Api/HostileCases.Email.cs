namespace Desk.Tests.Api;

internal static partial class HostileCases
{
    // E-mail attachments: odd references and ids are 404 (or 404 for a route that does not match), never a 500.
    static IEnumerable<(string Name, HostileCase Case)> EmailRows()
    {
        foreach (var reference in new[] { "INC-999999", "..%2F..%2Fadmin", "INC-" + new string('9', 300), "%E2%80%8B" })
        {
            yield return Named($"attachments of {reference}", new HostileCase("agent", "GET", $"/api/queries/{reference}/attachments", 404, null));
            yield return Named($"attachment 1 of {reference}", new HostileCase("agent", "GET", $"/api/queries/{reference}/attachments/1", 404, null));
        }
        foreach (var id in new[] { "abc", "-1", "99999999999999999999", "1.5", "%E2%80%8B" })
            yield return Named($"attachment {id}", new HostileCase("agent", "GET", $"/api/queries/{{ref}}/attachments/{id}", 404, null));
    }
}
