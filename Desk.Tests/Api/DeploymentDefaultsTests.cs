using System.Net;
using Desk.Bot;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace Desk.Tests.Api;

/// <summary>What a desk started outside Development gives away, and what it refuses, before anyone configures it.</summary>
public sealed class DeploymentDefaultsTests(DeskApplication desk) : IClassFixture<DeskApplication>
{
    [Fact]
    public async Task Health_ToAnonymous_SaysOnlyHealthyOrUnhealthy()
    {
        using var anonymous = desk.Anonymous();

        var health = await (await anonymous.GetAsync("/health")).JsonAsync();

        Assert.Equal("Healthy", health.Str("status"));
        Assert.Single(health.EnumerateObject());
    }

    [Fact]
    public async Task Health_ToStaff_NamesEachCheck()
    {
        using var agent = await desk.SignInAsync("agent");

        var health = await (await agent.GetAsync("/health")).JsonAsync();

        Assert.Contains("migrations applied", health.GetProperty("checks").GetProperty("database").Str("description"));
    }

    [Theory]
    [InlineData("/api/queues")]
    [InlineData("/api/auth/me")]
    [InlineData("/api/queries?limit=5")]
    public async Task ApiAnswers_CannotBeSniffedFramedOrCached(string path)
    {
        using var agent = await desk.SignInAsync("agent");

        var response = await agent.GetAsync(path);

        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Contains("default-src 'none'", response.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        Assert.True(response.Headers.CacheControl?.NoStore, $"{path}: Cache-Control is '{response.Headers.CacheControl}'");
    }

    [Fact]
    public async Task Console_SendsAPolicyWithoutInlineScript_AndRefusesFraming()
    {
        using var anonymous = desk.Anonymous();

        var response = await anonymous.GetAsync("/console");

        var policy = response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("frame-ancestors 'none'", policy);
        Assert.DoesNotContain("unsafe-inline", policy);
        Assert.DoesNotContain("script-src", policy); // scripts fall back to default-src 'self'
        Assert.Contains("default-src 'self'", policy);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
    }

    [Theory]
    [InlineData("http://127.0.0.1:5080/", false, true)]
    [InlineData("http://localhost:5080/api/admin/", false, true)]
    [InlineData("https://smba.trafficmanager.net/emea/", true, true)]
    public void BotConnectors_AllowLocalhostOnlyInDevelopment(string serviceUrl, bool outsideDevelopment, bool inDevelopment)
    {
        Assert.Equal(outsideDevelopment, Policy("appsettings.json").TryAllow(serviceUrl, out _));
        Assert.Equal(inDevelopment, Policy("appsettings.json", "appsettings.Development.json").TryAllow(serviceUrl, out _));
    }

    static ServiceUrlPolicy Policy(params string[] files)
    {
        var builder = new ConfigurationBuilder();
        foreach (var file in files)
            builder.AddJsonFile(Path.Combine(Live.Repo.Root, "Desk.Api", file));
        var options = builder.Build().GetSection("Bot").Get<BotOptions>()!;
        return new ServiceUrlPolicy(Options.Create(options));
    }
}
