using System.ComponentModel.DataAnnotations;

namespace Desk.Api.Jobs;

internal sealed class JobsOptions
{
    public const string Section = "Jobs";

    /// <summary>
    /// How many jobs this node's Hangfire server runs at once. 0 runs no server on this node: it still registers the
    /// recurring jobs and serves the dashboard, and the other nodes run them.
    /// </summary>
    [Range(0, 20)]
    public int Workers { get; set; } = 2;
}
