using Microsoft.Extensions.Options;

namespace Desk.Api.Sla;

/// <summary>The agreed time frame for a priority, as absolute deadlines from when the query was taken.</summary>
internal sealed class DeadlinePolicy(IOptionsMonitor<SlaOptions> options)
{
    public (DateTimeOffset FirstResponse, DateTimeOffset Resolution) For(string priority, DateTimeOffset takenAt)
    {
        var target = options.CurrentValue.Policies[priority];
        return (takenAt + target.FirstResponse, takenAt + target.Resolution);
    }
}
