namespace Desk.Api.Realtime;

/// <summary>The one place group names are made.</summary>
internal static class DeskGroups
{
    public const string Supervisors = "supervisors";

    public static string Queue(string queue) => $"queue:{queue}";
}
