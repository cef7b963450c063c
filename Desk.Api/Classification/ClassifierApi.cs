using System.Security.Claims;
using Desk.Api.Identity;
using Desk.Api.Queries;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Desk.Api.Classification;

/// <summary>The classifier's learning loop: import labelled history, retrain, list versions, roll back.</summary>
internal static class ClassifierApi
{
    public static RouteGroupBuilder MapClassifier(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/classifier").WithTags("Classifier");
        group.MapPost("/examples/import", ImportAsync).RequireAuthorization(Policies.Supervisor)
            .Accepts<string>("text/csv", "multipart/form-data")
            .WithMetadata(new BodySizeLimit(() => app.ServiceProvider.GetRequiredService<IOptions<ClassifierTrainingOptions>>().Value.MaxImportBytes));
        group.MapGet("/imports", ListImportsAsync).RequireAuthorization(Policies.Supervisor);
        group.MapDelete("/imports/{number:long}", RemoveImportAsync).RequireAuthorization(Policies.Supervisor);
        group.MapPost("/retrain", RetrainAsync).RequireAuthorization(Policies.Supervisor);
        group.MapDelete("/retrain", CancelAsync).RequireAuthorization(Policies.Supervisor);
        group.MapGet("/models", ListAsync).RequireAuthorization(Policies.Staff);
        group.MapGet("/models/active", ActiveAsync).RequireAuthorization(Policies.Staff);
        group.MapPost("/models/{version}/activate", ActivateAsync).RequireAuthorization(Policies.Admin);
        return group;
    }

    static async Task<Results<Ok<ImportReceipt>, ValidationProblem, ProblemHttpResult>> ImportAsync(
        HttpRequest request, ExampleImport import, IOptions<ClassifierTrainingOptions> options, ClaimsPrincipal user, CancellationToken ct)
    {
        var limit = options.Value.MaxImportBytes;
        if (request.ContentLength > limit)
            return TooLarge(limit);
        try
        {
            var (csv, source, missing) = await ImportBody.ReadAsync(request, limit, ct);
            if (missing is not null)
                return missing;
            if (csv is null)
                return TooLarge(limit);
            return await import.ImportAsync(csv, source, user.Identity!.Name!, ct) switch
            {
                ImportResult.Imported(var receipt) => TypedResults.Ok(receipt),
                ImportResult.Rejected(var problems) => TypedResults.ValidationProblem(
                    new Dictionary<string, string[]> { ["file"] = [.. problems] },
                    detail: $"'{source}' was rejected whole; nothing was imported.", title: "Malformed labelled CSV"),
                var other => throw new InvalidOperationException($"Unexpected {other}"),
            };
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return TooLarge(limit);
        }
        catch (InvalidDataException e)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["file"] = [e.Message] }, title: "Unreadable upload");
        }
        catch (IOException)
        {
            // A multipart body that does not follow its own boundary, or ends early.
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["file"] = ["The upload is not a readable multipart/form-data body."] },
                title: "Unreadable upload");
        }
    }

    static async Task<Ok<ClassifierImportView[]>> ListImportsAsync(LabelledExampleStore examples, CancellationToken ct) =>
        TypedResults.Ok((await examples.ListImportsAsync(ct)).ToArray());

    /// <summary>Takes an import back: its examples are deleted, so the next retraining run learns without them.</summary>
    static async Task<Results<Ok<ClassifierImportView>, ProblemHttpResult>> RemoveImportAsync(
        long number, LabelledExampleStore examples, TimeProvider clock, ClaimsPrincipal user, CancellationToken ct) =>
        await examples.RemoveImportAsync(number, user.Identity!.Name!, clock.GetUtcNow(), ct) is { } import
            ? TypedResults.Ok(import)
            : TypedResults.Problem(title: "No such import", detail: $"No import {number} is recorded; GET /api/classifier/imports lists them.",
                statusCode: StatusCodes.Status404NotFound);

    /// <summary>
    /// Trains a candidate now; 409 while a run (this one's, a scheduled one, another node's) is going. The run goes on if the
    /// caller stops waiting (its candidate is listed in GET /models); DELETE /retrain stops it.
    /// </summary>
    static async Task<Results<Ok<RetrainReport>, ProblemHttpResult>> RetrainAsync(
        Retraining retraining, IHostApplicationLifetime lifetime, ClaimsPrincipal user) =>
        await retraining.RunAsync(user.Identity!.Name!, force: true, wait: false, lifetime.ApplicationStopping) is { } report
            ? TypedResults.Ok(report)
            : TypedResults.Problem(title: "Retraining is running", statusCode: StatusCodes.Status409Conflict,
                detail: "A retraining run is going; its candidate shows in GET /api/classifier/models when it ends. Ask again then.");

    /// <summary>Stops the retraining run going on any node; its candidate is not kept.</summary>
    static async Task<Results<Accepted, ProblemHttpResult>> CancelAsync(RetrainCancellation cancellation, ClaimsPrincipal user, CancellationToken ct) =>
        await cancellation.CancelAsync(user.Identity!.Name!, ct)
            ? TypedResults.Accepted((string?)null)
            : TypedResults.Problem(title: "No retraining run is going", statusCode: StatusCodes.Status404NotFound,
                detail: "There is no run to stop; POST /api/classifier/retrain starts one.");

    static async Task<Ok<ModelVersionView[]>> ListAsync(ClassifierModelStore models, CancellationToken ct) =>
        TypedResults.Ok((await models.ListAsync(ct)).Select(m => m.ToView()).ToArray());

    static async Task<Results<Ok<ModelVersionView>, ProblemHttpResult>> ActiveAsync(ClassifierModelStore models, CancellationToken ct) =>
        await models.GetActiveAsync(ct) is { } active
            ? TypedResults.Ok(active.ToView())
            : TypedResults.Problem(title: "No active model", detail: "No classifier model is recorded as active.", statusCode: StatusCodes.Status404NotFound);

    static async Task<Results<Ok<ModelVersionView>, ValidationProblem, ProblemHttpResult>> ActivateAsync(
        string version, ModelVersions versions, ClaimsPrincipal user, CancellationToken ct)
    {
        if (version.Length > 200 || !version.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["version"] = ["A model version is ASCII letters, digits, '-', '_' and '.', as GET /api/classifier/models lists them."],
            });
        return await versions.ActivateAsync(version, user.Identity!.Name!, ct) switch
        {
            ActivationResult.Activated(var model) => TypedResults.Ok(model),
            ActivationResult.NotFound => TypedResults.Problem(title: "No such model version",
                detail: $"No classifier model {version} is stored.", statusCode: StatusCodes.Status404NotFound),
            ActivationResult.Unreadable(var problem) => TypedResults.Problem(title: "Stored model cannot be loaded",
                detail: problem, statusCode: StatusCodes.Status409Conflict),
            var other => throw new InvalidOperationException($"Unexpected {other}"),
        };
    }

    static ProblemHttpResult TooLarge(long limit) => TypedResults.Problem(title: "Import too large",
        detail: $"The file is over {limit / 1024} KiB (ClassifierTraining:MaxImportBytes).", statusCode: StatusCodes.Status413PayloadTooLarge);
}
