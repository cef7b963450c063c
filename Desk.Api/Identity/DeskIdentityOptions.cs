using System.ComponentModel.DataAnnotations;

namespace Desk.Api.Identity;

/// <summary>Section "Identity": the first admin's password, sign-in lockout and the rate limits on sign-in and API keys.</summary>
internal sealed class DeskIdentityOptions : IValidatableObject
{
    public const string Section = "Identity";

    /// <summary>The first admin's password; when empty, one is generated and written to <see cref="BootstrapPasswordFile"/>.</summary>
    public string? BootstrapAdminPassword { get; set; }

    [Required]
    public string BootstrapPasswordFile { get; set; } = "data/bootstrap-admin-password";

    /// <summary>Wrong passwords in a row an account may take before each further one locks it.</summary>
    [Range(1, 100)]
    public int FreeSignInAttempts { get; set; } = 5;

    /// <summary>The first lock; each further failure doubles it, up to <see cref="MaxLockout"/>.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan FirstLockout { get; set; } = TimeSpan.FromSeconds(30);

    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan MaxLockout { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Sign-in attempts one client address may make per <see cref="SignInWindow"/>, right or wrong.</summary>
    [Range(1, 1_000_000)]
    public int SignInPermits { get; set; } = 30;

    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan SignInWindow { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Requests one API key may make per <see cref="ApiKeyPeriod"/> on average (token bucket).</summary>
    [Range(1, 1_000_000)]
    public int ApiKeyPermits { get; set; } = 200;

    [Range(typeof(TimeSpan), "00:00:00.001", "1.00:00:00")]
    public TimeSpan ApiKeyPeriod { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The most requests one API key may make at once, after a quiet spell.</summary>
    [Range(1, 1_000_000)]
    public int ApiKeyBurst { get; set; } = 400;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (MaxLockout < FirstLockout)
            yield return new ValidationResult("MaxLockout must not be shorter than FirstLockout.", [nameof(MaxLockout)]);
        if (ApiKeyBurst < ApiKeyPermits)
            yield return new ValidationResult("ApiKeyBurst must be at least ApiKeyPermits.", [nameof(ApiKeyBurst)]);
    }

    /// <summary>How long the failure that makes <paramref name="failures"/> in a row locks the account; zero while free.</summary>
    public TimeSpan LockoutAfter(int failures)
    {
        var over = failures - FreeSignInAttempts;
        if (over <= 0)
            return TimeSpan.Zero;
        var ticks = FirstLockout.Ticks * Math.Pow(2, Math.Min(over - 1, 30));
        return ticks >= MaxLockout.Ticks ? MaxLockout : TimeSpan.FromTicks((long)ticks);
    }
}
