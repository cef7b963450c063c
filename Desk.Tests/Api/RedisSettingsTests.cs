using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Options;

namespace Desk.Tests.Api;

/// <summary>A node refuses to start on Redis settings it cannot use, rather than run apart from the others.</summary>
public sealed class RedisSettingsTests
{
    [Theory]
    [InlineData("Redis:Configuration", "127.0.0.1:6379,nonsense=1", "Keyword 'nonsense' is not supported")]
    [InlineData("Redis:Configuration", ",", "names no server")]
    [InlineData("Redis:Prefix", "Desk Prod", "Prefix")]
    public void AnUnusableRedisSetting_StopsTheStart_SayingWhy(string key, string value, string problem)
    {
        using var desk = new Configured(key, value);

        var refused = Assert.Throws<OptionsValidationException>(() => desk.CreateClient());

        Assert.Contains(problem, refused.Message);
    }

    sealed class Configured(string key, string value) : DeskApplication
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting(key, value);
        }
    }
}
