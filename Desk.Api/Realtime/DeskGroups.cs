namespace Desk.Api.Realtime;

/// <summary>The one place group names are made.</summary>
internal static class DeskGroups
{
    public const string Supervisors = "supervisors";

    /// <summary>
    /// Every staff connection outside the supervisors' group: what concerns all queues (an outage) goes here once,
    /// where a send to every queue group would reach an agent once per queue they joined.
    /// </summary>
    public const string Staff = "staff";

    /// <summary>The live boards (<c>/board</c>): they get <c>BoardChanged</c> only, never the queries themselves.</summary>
    public const string Board = "board";

    /// <summary>A contact's portal connections (<see cref="Portal.PortalHub"/>): what the portal shows them of their own queries.</summary>
    public static string Contact(long contactId) => $"contact:{contactId}";

    public static string Queue(string queue) => $"queue:{queue}";

    /// <summary>
    /// The consoles that opened one query while it was in one queue: presence and typing (<see cref="QueryViewing"/>).
    /// A query moved to another queue has a new group, so those who may not see it there hear no more of it.
    /// </summary>
    public static string Viewers(string reference, string queue) => $"viewers:{queue}:{reference}";
}
