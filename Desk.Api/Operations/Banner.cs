using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;
using Desk.Api.Demo;

namespace Desk.Api.Operations;

/// <summary>Tells whoever started the desk where to point a browser, a channel and a bot.</summary>
internal static class Banner
{
    public static void Print(WebApplication app)
    {
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault();
        if (address is null)
            return;
        address = address.Replace("://[::]", "://localhost").Replace("://0.0.0.0", "://localhost").Replace("://+", "://localhost");
        var lines = new List<string>
        {
            "",
            "ServiceDesk is running.",
            $"  Agent console : {address}/console",
            $"  API docs      : {address}/api/docs   (OpenAPI: {address}/openapi/v1.json)",
            $"  Bot endpoint  : {address}/api/messages   (Bot Framework protocol; API key with scope 'bot')",
            $"  Health        : {address}/health",
            $"  Jobs          : {address}/jobs   (Hangfire dashboard: admins; supervisors read-only)",
        };
        if (app.Services.GetRequiredService<IOptions<DemoOptions>>().Value.Enabled)
        {
            lines.Add("  Demo sign-in  : " + string.Join(", ", DemoSeeder.Accounts.Select(a => $"{a.Username} / {a.Password}")));
        }
        Console.WriteLine(string.Join(Environment.NewLine, lines) + Environment.NewLine);
    }
}
