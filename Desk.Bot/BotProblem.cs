using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Logging;

namespace Desk.Bot;

internal static class BotProblem
{
    public static ProblemHttpResult Refuse(ILogger logger, int status, string title, string detail)
    {
        logger.ActivityRefused(status, title);
        return TypedResults.Problem(detail, statusCode: status, title: title);
    }
}
