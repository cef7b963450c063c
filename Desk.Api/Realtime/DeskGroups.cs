namespace Desk.Api.Realtime;

/// <summary>The one place group names are made.</summary>
internal static class DeskGroups
{
    public const string Supervisors = "supervisors";

    /// <summary>The live boards (<c>/board</c>): they get <c>BoardChanged</c> only, never the queries themselves.</summary>
    public const string Board = "board";

    public static string Queue(string queue) => $"queue:{queue}";

    /// <summary>The consoles that have one query open: presence and typing (<see cref="QueryViewing"/>).</summary>
    public static string Viewers(string reference) => $"viewers:{reference}";
}
