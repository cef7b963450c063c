using Desk.Bot;
using Microsoft.Extensions.Options;

namespace Desk.Tests.Bot;

public sealed class ServiceUrlPolicyTests
{
    [Theory]
    [InlineData("https://smba.trafficmanager.net/", "https://smba.trafficmanager.net/amer/", true)]
    [InlineData("https://smba.trafficmanager.net/", "https://SMBA.trafficmanager.net/emea", true)]
    [InlineData("https://smba.trafficmanager.net/amer/", "https://smba.trafficmanager.net/emea/", false)]
    [InlineData("https://smba.trafficmanager.net/amer", "https://smba.trafficmanager.net/americas/", false)]
    [InlineData("https://directline.botframework.com/", "https://directline.botframework.com.evil.example/", false)]
    [InlineData("https://directline.botframework.com/", "http://directline.botframework.com/", false)]
    [InlineData("https://directline.botframework.com/", "https://directline.botframework.com:8443/", false)]
    [InlineData("https://directline.botframework.com/", "https://directline.botframework.com:443/", true)]
    [InlineData("http://127.0.0.1:*", "http://127.0.0.1:5123/", true)]
    [InlineData("http://127.0.0.1:*", "http://127.0.0.1/", true)]
    [InlineData("http://127.0.0.1:*", "http://127.0.0.1.evil.example:5123/", false)]
    [InlineData("http://127.0.0.1:3978", "http://127.0.0.1:3979/", false)]
    [InlineData("http://localhost:*", "http://LOCALHOST:3978/directline", true)]
    [InlineData("http://[::1]:*", "http://[::1]:3978/", true)]
    [InlineData("http://127.0.0.1:*/bot/", "http://127.0.0.1:3978/bot/../admin/", false)]
    [InlineData("http://127.0.0.1:*", "http://user@127.0.0.1:3978/", false)]
    [InlineData("http://127.0.0.1:*", "http://127.0.0.1:3978/#frag", false)]
    public void AllowsOnlyServiceUrlsUnderAnAllowedPrefix(string allowed, string serviceUrl, bool expected)
    {
        var policy = new ServiceUrlPolicy(Options.Create(new BotOptions { AllowedServiceUrls = [allowed] }));

        Assert.Equal(expected, policy.TryAllow(serviceUrl, out _));
    }
}
