using Desk.Api.Data;
using Desk.Api.Demo;
using Desk.Api.Identity;

namespace Desk.Api.Operations;

/// <summary>What runs once before the desk takes traffic: schema, first accounts, demo data.</summary>
internal sealed partial class Startup(
    Migrator migrator, StaffStore staff, DemoSeeder demo, IConfiguration configuration, ILogger<Startup> logger)
{
    public async Task RunAsync(CancellationToken ct)
    {
        await migrator.MigrateAsync(ct);
        await demo.SeedAccountsAsync(ct);
        if (!await staff.AnyAsync(ct))
        {
            var password = configuration["Identity:BootstrapAdminPassword"];
            if (string.IsNullOrEmpty(password))
            {
                password = Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(12));
                LogBootstrapAdmin(password);
            }
            await staff.AddAsync("admin", "Administrator", Roles.Admin, password, ct);
        }
        await demo.SeedQueriesAsync(ct);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "First start: created staff account 'admin' with password {Password}. Change it.")]
    partial void LogBootstrapAdmin(string password);
}
