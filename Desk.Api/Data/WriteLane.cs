namespace Desk.Api.Data;

/// <summary>Which writes a <see cref="GroupCommit"/> batch takes first.</summary>
internal enum WriteLane
{
    /// <summary>A request waits for it (an intake): taken first.</summary>
    Request,

    /// <summary>Nobody waits on it but a background pass (the SLA timers): takes what room the requests leave, and a share.</summary>
    Background,
}
