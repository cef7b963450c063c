using Npgsql;

namespace Desk.Api.Data;

/// <summary>
/// PostgreSQL's text holds no NUL (U+0000), which JSON, forms and hub messages can carry; the other engines store it.
/// The desk refuses it where it reads its input (TextRules.IsStorable); a path that still lets one through gets a 400
/// that says so, not a 500, and its transaction rolls back whole.
/// </summary>
internal static class UnstorableText
{
    public const string Detail = "A text in this request holds a NUL character (U+0000), which cannot be stored: remove it.";

    public static bool Is(Exception? e)
    {
        for (; e is not null; e = e.InnerException)
            if (e is PostgresException { SqlState: PostgresErrorCodes.CharacterNotInRepertoire })
                return true;
        return false;
    }
}
