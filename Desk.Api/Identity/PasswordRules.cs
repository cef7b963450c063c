using Desk.Api.Queries;

namespace Desk.Api.Identity;

/// <summary>Length is what makes a password hard to guess; no composition rules (NIST SP 800-63B).</summary>
internal static class PasswordRules
{
    public const int MinLength = 12;
    public const int MaxLength = 200;

    /// <summary>Why the password is refused, or null when it is acceptable.</summary>
    public static string? Problem(string? password, string username) => password switch
    {
        null or { Length: < MinLength } => $"A password needs at least {MinLength} characters.",
        { Length: > MaxLength } => $"A password may have at most {MaxLength} characters.",
        _ when string.IsNullOrWhiteSpace(password) => "A password cannot be only spaces.",
        _ when !TextRules.IsStorable(password) => "A password cannot hold control characters or broken UTF-16.",
        _ when password.Contains(username, StringComparison.OrdinalIgnoreCase) => "A password cannot contain the username.",
        _ => null,
    };
}
