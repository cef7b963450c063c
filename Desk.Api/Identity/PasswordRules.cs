using Desk.Api.Queries;

namespace Desk.Api.Identity;

/// <summary>
/// Length is what makes a password hard to guess; no composition rules (NIST SP 800-63B), but, as it asks, no repeated
/// or sequential characters ("aaaaaaaaaaaa", "123456789012") and nothing built on the words guessed first.
/// </summary>
internal static class PasswordRules
{
    public const int MinLength = 12;
    public const int MaxLength = 200;

    const int FewestDistinct = 5;

    // What guessing tries first, and this product's own name; a password that is one of these padded with digits or
    // symbols ("Password2026!") is one of them.
    static readonly string[] Guessed = ["password", "passwort", "qwerty", "qwertyuiop", "letmein", "welcome", "admin", "administrator",
        "servicedesk", "helpdesk", "changeme", "iloveyou", "abc"];

    /// <summary>Why the password is refused, or null when it is acceptable.</summary>
    public static string? Problem(string? password, string username) => password switch
    {
        null or { Length: < MinLength } => $"A password needs at least {MinLength} characters.",
        { Length: > MaxLength } => $"A password may have at most {MaxLength} characters.",
        _ when string.IsNullOrWhiteSpace(password) => "A password cannot be only spaces.",
        _ when !TextRules.IsStorable(password) => "A password cannot hold control characters or broken UTF-16.",
        _ when password.Contains(username, StringComparison.OrdinalIgnoreCase) => "A password cannot contain the username.",
        _ when password.Distinct().Count() < FewestDistinct || Sequential(password)
            => "A password cannot be a run of repeated or consecutive characters; a few words you will remember are better.",
        _ when Guessed.Contains(password.Trim().Trim("0123456789!@#$%^&*()-_=+.,?~ ".ToCharArray()).ToLowerInvariant().Replace(" ", ""))
            => "That password is one of the first that guessing tries; choose another.",
        _ => null,
    };

    /// <summary>Each character one after the other ("123456789012", "abcdefghijkl"), up or down.</summary>
    static bool Sequential(string password)
    {
        var step = password[1] - password[0];
        if (step is not (1 or -1 or 0))
            return false;
        for (var i = 2; i < password.Length; i++)
            if (password[i] - password[i - 1] != step && !(char.IsAsciiDigit(password[i]) && password[i] - password[i - 1] == -9 * step))
                return false;
        return true;
    }

    /// <summary><see cref="Problem"/>, and a new password must differ from the one it replaces.</summary>
    public static string? ChangeProblem(string? password, string? current, string username) =>
        Problem(password, username) ?? (password == current ? "The new password must differ from the current one." : null);
}
