using Microsoft.AspNetCore.Hosting;

namespace Desk.Tests.Api;

/// <summary>The desk with a few settings of the test's own, on a database of its own or one that outlives it.</summary>
internal sealed class ConfiguredDesk : DeskApplication
{
    readonly (string Key, string Value)[] settings;

    public ConfiguredDesk(params (string Key, string Value)[] settings) => this.settings = settings;

    public ConfiguredDesk(TestDatabase database, params (string Key, string Value)[] settings)
        : base(database) => this.settings = settings;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        foreach (var (key, value) in settings)
            builder.UseSetting(key, value);
    }
}

/// <summary>A desk whose retraining runs learn from the whole seed corpus, so that a run lasts seconds: long enough to race.</summary>
internal sealed class WholeSeedDesk : DeskApplication
{
    protected override int? SeedExamplesPerType => null;
}
