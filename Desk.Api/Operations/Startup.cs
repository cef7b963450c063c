using System.Security.Cryptography;
using Desk.Api.Data;
using Desk.Api.Demo;
using Desk.Api.Identity;
using Desk.Api.Routing;
using Microsoft.Extensions.Options;

namespace Desk.Api.Operations;

/// <summary>What runs once before the desk takes traffic: schema, first accounts, demo data.</summary>
internal sealed partial class Startup(
    Migrator migrator, AgentQueues agentQueues, StaffStore staff, DemoSeeder demo, IOptions<DeskIdentityOptions> identity, ILogger<Startup> logger)
{
    public async Task RunAsync(CancellationToken ct)
    {
        await migrator.MigrateAsync(ct);
        await agentQueues.LoadAsync(ct);
        await demo.SeedAccountsAsync(ct);
        if (!await staff.AnyAsync(ct))
        {
            var password = identity.Value.BootstrapAdminPassword;
            if (string.IsNullOrEmpty(password))
            {
                password = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
                var file = await WritePasswordFileAsync(identity.Value.BootstrapPasswordFile, password, ct);
                LogBootstrapAdminFile(file);
            }
            else
            {
                LogBootstrapAdminConfigured();
            }
            await staff.AddAsync("admin", "Administrator", Roles.Admin, password, ct);
        }
        await demo.SeedQueriesAsync(ct);
    }

    /// <summary>The password goes to a file only the desk's user can read, never to the log, which many people can.</summary>
    static async Task<string> WritePasswordFileAsync(string path, string password, CancellationToken ct)
    {
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        // A file left from an earlier database may have other permissions; a new file gets ours from its first byte.
        File.Delete(full);
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        await using var stream = new FileStream(full, options);
        await using var writer = new StreamWriter(stream);
        await writer.WriteLineAsync(password.AsMemory(), ct);
        return full;
    }

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "First start: created staff account 'admin'; its password is in {File}, readable only by this user. Sign in, change it, delete the file.")]
    partial void LogBootstrapAdminFile(string file);

    [LoggerMessage(Level = LogLevel.Information, Message = "First start: created staff account 'admin' with the password from Identity:BootstrapAdminPassword.")]
    partial void LogBootstrapAdminConfigured();
}
