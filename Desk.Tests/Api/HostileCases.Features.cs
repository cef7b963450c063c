namespace Desk.Tests.Api;

/// <summary>The hostile-input table's rows for one feature each: SLA, experience, surveys, the bot's measures, moments, the board, the scorecard.</summary>
internal static partial class HostileCases
{
    static IEnumerable<(string Name, HostileCase Case)> FeatureRows()
    {
        // SLA policies and calendars: wrong types, names and durations.
        const string Policy = """{"type":"*","priority":"P3","serviceLevel":"*","firstResponse":"04:00:00","nextResponse":"08:00:00","resolution":"3.00:00:00","calendar":"24x7"}""";
        foreach (var (label, body) in new[]
                 {
                     ("unknown type", Policy.Replace("\"type\":\"*\"", "\"type\":\"everything\"")),
                     ("priority P9", Policy.Replace("P3", "P9")),
                     ("negative target", Policy.Replace("\"04:00:00\"", "\"-04:00:00\"")),
                     ("target not a duration", Policy.Replace("\"04:00:00\"", "\"soon\"")),
                     ("huge target", Policy.Replace("\"3.00:00:00\"", "\"9999.00:00:00\"")),
                     ("target under a second", Policy.Replace("\"04:00:00\"", "\"00:00:00.0000001\"")),
                     ("target with a fraction of a second", Policy.Replace("\"04:00:00\"", "\"04:00:00.5\"")),
                     ("no calendar", Policy.Replace("\"24x7\"", "\"nowhere\"")),
                     ("service level with spaces", Policy.Replace("\"serviceLevel\":\"*\"", "\"serviceLevel\":\"very gold\"")),
                     ("move to an unknown queue", Policy.Replace("}", ",\"escalation\":{\"moveTo\":\"the-moon\"}}")),
                 })
            yield return Named(label, new HostileCase("supervisor", "PUT", "/api/sla/policies", 400, Text(body, Json)));
        foreach (var (label, name, body) in new[]
                 {
                     ("zone", "x", """{"timeZone":"Mars/Olympus","holidays":[]}"""),
                     ("window backwards", "x", """{"timeZone":"Etc/UTC","windows":{"mon":["18:00-09:00"]},"holidays":[]}"""),
                     ("window text", "x", """{"timeZone":"Etc/UTC","windows":{"mon":["all day"]},"holidays":[]}"""),
                     ("no windows at all", "x", """{"timeZone":"Etc/UTC","windows":{"mon":[]},"holidays":[]}"""),
                     ("windows that overlap", "x", """{"timeZone":"Etc/UTC","windows":{"mon":["09:00-12:00","11:00-17:00"]},"holidays":[]}"""),
                     ("a window twice", "x", """{"timeZone":"Etc/UTC","windows":{"tue":["09:00-17:00","09:00-17:00"]},"holidays":[]}"""),
                     ("a window after one to midnight", "x", """{"timeZone":"Etc/UTC","windows":{"fri":["20:00-24:00","22:00-23:00"]},"holidays":[]}"""),
                     ("holiday", "x", """{"timeZone":"Etc/UTC","holidays":["tomorrow"]}"""),
                     ("name", "Not%20A%20Token", """{"timeZone":"Etc/UTC","holidays":[]}"""),
                 })
            yield return Named(label, new HostileCase("supervisor", "PUT", $"/api/sla/calendars/{name}", 400, Text(body, Json)));

        // Experience metrics and the improvement register: dates, dimensions, statuses and cursors that are not.
        foreach (var query in new[] { "by=mood", "by=", "by=%00", "from=yesterday", "to=2026-02-30", "from=2026-11-30&to=2026-11-01",
                     "from=2024-01-01&to=2026-01-01", "to=9999-12-31", "from=9999-12-25&to=9999-12-31" })
            yield return Named(query, new HostileCase("supervisor", "GET", "/api/experience?" + query, 400, null));
        foreach (var query in new[] { "status=sleeping", "status=%00", "limit=0", "limit=201", "limit=x", "after=abc", "after=0" })
            yield return Named(query, new HostileCase("agent", "GET", "/api/improvements?" + query, 400, null));
        foreach (var id in new[] { "abc", "999999", "-1", "99999999999999999999", "%E2%80%8B" })
        {
            yield return Named(id, new HostileCase("agent", "GET", $"/api/improvements/{id}", 404, null));
            yield return Named(id, new HostileCase("supervisor", "PATCH", $"/api/improvements/{id}", 404, Text("""{"status":"accepted"}""", Json)));
        }
        // Survey links: tokens of the wrong shape, or of the right shape given to no survey, lead nowhere.
        foreach (var token in new[] { "abc", "..%2F..%2Fadmin", new string('A', 42), new string('A', 44), NoToken, new string('~', 43) })
        {
            yield return Named(token, new HostileCase("anonymous", "GET", $"/api/surveys/{token}", 404, null));
            yield return Named(token, new HostileCase("anonymous", "POST", $"/api/surveys/{token}", 404, Text(Answer, Json)));
        }
        foreach (var reference in new[] { "INC-999999", "..%2F..%2Fadmin" })
        {
            yield return Named(reference, new HostileCase("agent", "GET", $"/api/queries/{reference}/survey", 404, null));
            yield return Named(reference, new HostileCase("agent", "POST", $"/api/queries/{reference}/survey/skip", 404, Text(Skip, Json)));
        }

        // The bot's measures: dates that are not dates, ranges backwards or too long, channels that are not tokens.
        foreach (var query in new[] { "from=yesterday", "from=2026-13-01", "to=2026-02-30", "from=2026-11-30&to=2026-11-01",
                     "from=2025-01-01&to=2026-01-01", "to=9999-12-31", "from=9999-12-25&to=9999-12-31", "channel=Web%20Chat", "channel=%00", "channel=" + new string('c', 40) })
            yield return Named(query, new HostileCase("supervisor", "GET", "/api/bot/measures?" + query, 400, null));

        // The team's moments of truth: days that are not, or whose bounds fall off the calendar.
        foreach (var query in new[] { "day=14/03/2025", "day=2025-02-30", "day=9999-12-31", "day=0001-01-01", "day=%00" })
            yield return Named(query, new HostileCase("agent", "GET", "/api/moments?" + query, 400, null));

        // The board: how many feed lines, only.
        foreach (var query in new[] { "feed=0", "feed=201", "feed=-1", "feed=abc", "feed=%00", "feed=99999999999", "feed=1e3" })
            yield return Named(query, new HostileCase("supervisor", "GET", "/api/board?" + query, 400, null));
        // The SLA scorecard: dates that are not dates, ranges backwards, too long or off the calendar, groupings and formats it has not.
        foreach (var query in new[] { "from=yesterday", "from=2026-13-01", "to=2026-02-30", "from=2026-11-01T00:00:00Z", "from=2026-11-30&to=2026-11-01",
                     "from=2025-01-01&to=2026-01-02", "from=0001-01-01", "to=9999-12-31&from=9999-12-30", "by=assignee", "by=Priority", "by=%00",
                     "by=type;drop%20table%20queries", "by=" + new string('b', 500), "format=xml", "format=CSV", "format=%00" })
            yield return Named(query, new HostileCase("supervisor", "GET", "/api/sla/scorecard?" + query, 400, null));
    }
}
