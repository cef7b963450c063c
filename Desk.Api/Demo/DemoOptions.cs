using System.ComponentModel.DataAnnotations;

namespace Desk.Api.Demo;

/// <summary>Demo accounts and a live-looking desk for a newcomer's first run (on in Development).</summary>
internal sealed class DemoOptions
{
    public const string Section = "Demo";

    public bool Enabled { get; set; }

    [Range(0, 5000)]
    public int Queries { get; set; } = 300;
}
