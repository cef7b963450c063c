using Microsoft.Extensions.Options;

namespace Desk.Tests.Bot;

public sealed class BotOptionsTests
{
    [Theory]
    [InlineData("")]
    [InlineData("not a url")]
    [InlineData("https://smba.trafficmanager.net/?x=1")]
    [InlineData("https://*.botframework.com/")]
    [InlineData("http://127.0.0.1:*|ftp://127.0.0.1:*")]
    public async Task Start_WithoutUsableAllowedServiceUrls_Fails(string allowed)
    {
        await using var app = BotTestHost.Build(allowed.Split('|', StringSplitOptions.RemoveEmptyEntries), out _, out _);

        await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync());
    }
}
