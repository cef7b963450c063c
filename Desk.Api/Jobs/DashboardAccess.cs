using Desk.Api.Identity;
using Hangfire.Dashboard;

namespace Desk.Api.Jobs;

/// <summary>
/// Who sees Hangfire's dashboard, by the desk's own sign-in: admins run it, supervisors watch it, nobody else gets in
/// (Hangfire answers 401 to the anonymous and 403 to the signed-in). An API key carries scopes, never a staff role.
/// </summary>
internal sealed class DashboardAccess : IDashboardAuthorizationFilter
{
    public bool Authorize(DashboardContext context)
    {
        var user = context.GetHttpContext().User;
        return user.IsInRole(Roles.Admin) || user.IsInRole(Roles.Supervisor);
    }

    /// <summary>Supervisors see no buttons, and Hangfire refuses the actions behind them.</summary>
    public static bool IsReadOnly(DashboardContext context) => !context.GetHttpContext().User.IsInRole(Roles.Admin);
}
