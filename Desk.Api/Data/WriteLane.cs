namespace Desk.Api.Data;

/// <summary>Which writes a <see cref="GroupCommit"/> batch takes first.</summary>
internal enum WriteLane
{
    /// <summary>A request waits for it (an intake): taken first.</summary>
    Request,

    /// <summary>Nobody waits on it but a background pass (the SLA timers): taken as <see cref="LaneCosts"/> gives it room.</summary>
    Background,
}
