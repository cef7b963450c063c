using System.Net;
using Desk.Tests.Bot;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Desk.Tests.Api;

/// <summary>A desk on an empty database without demo accounts, so that the first start makes the admin; its logs are kept.</summary>
public class FirstStartDesk : DeskApplication
{
    internal RecordedLogs Logs { get; } = new();

    public string PasswordFile => Path.Combine(Folder, "secrets", "bootstrap-admin-password");

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Demo:Enabled", "false");
        builder.UseSetting("Identity:BootstrapPasswordFile", PasswordFile);
        builder.ConfigureLogging(logging => logging.AddProvider(Logs));
    }
}

public sealed class ConfiguredFirstStartDesk : FirstStartDesk
{
    public const string Password = "configured-admin-pass-7";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Identity:BootstrapAdminPassword", Password);
    }
}

public sealed class BootstrapAdminTests
{
    [Fact]
    public async Task GeneratedPassword_GoesToAFileOnlyTheOwnerCanRead_NeverToTheLog()
    {
        await using var desk = new FirstStartDesk();
        _ = desk.Services;

        var password = (await File.ReadAllTextAsync(desk.PasswordFile)).Trim();

        Assert.True(password.Length >= 24);
        if (!OperatingSystem.IsWindows())
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(desk.PasswordFile));
        Assert.DoesNotContain(desk.Logs.Lines, line => line.Contains(password, StringComparison.Ordinal));
        Assert.Contains(desk.Logs.Lines, line => line.Contains(desk.PasswordFile, StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.OK, (await desk.SignInRawAsync("admin", password)).StatusCode);
    }

    [Fact]
    public async Task ConfiguredPassword_IsUsed_WithoutAFileOrALogLine()
    {
        await using var desk = new ConfiguredFirstStartDesk();
        _ = desk.Services;

        Assert.False(File.Exists(desk.PasswordFile));
        Assert.DoesNotContain(desk.Logs.Lines, line => line.Contains(ConfiguredFirstStartDesk.Password, StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.OK, (await desk.SignInRawAsync("admin", ConfiguredFirstStartDesk.Password)).StatusCode);
    }
}
