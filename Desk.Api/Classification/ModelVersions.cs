using Desk.Classifier;
using Desk.Classifier.Model;
using Desk.Api.Scale;

namespace Desk.Api.Classification;

/// <summary>
/// Which stored model types queries: restored at start-up, switched by promotion and rollback on any node. The row marked
/// active decides; each node's classifier follows it when told (<see cref="NodeEvents.ModelActivated"/>).
/// </summary>
internal sealed partial class ModelVersions(
    ClassifierModelStore store, DeskQueryClassifier classifier, NodeEvents nodes, TimeProvider clock, ILogger<ModelVersions> logger)
{
    public const string SystemActor = "system";

    /// <summary>
    /// Activates the stored active model; on a first start records the model in use as the first version. When the stored
    /// active model cannot be loaded (a format before ML.NET, or damaged), the model in use is recorded as a new active
    /// version, so the database again says which model types queries.
    /// </summary>
    public async Task RestoreAsync(CancellationToken ct)
    {
        nodes.Subscribe(NodeEvents.ModelActivated, FollowAsync);
        if (await store.GetActiveAsync(ct) is { } active)
        {
            // A restart: the model file holds the active version already (a version names its content), and loading the
            // stored copy again would only cost start-up time.
            if (active.Version == classifier.ModelVersion || await UseStoredAsync(active.Version, ct) is not { } problem)
                return;
            if (await store.GetAsync(classifier.ModelVersion, ct) is null)
                await RecordInUseAsync(onlyIfNoneStored: false, ct);
            else
                await store.ActivateAsync(classifier.ModelVersion, SystemActor, clock.GetUtcNow(), ct);
            LogReplacedUnreadable(active.Version, problem, classifier.ModelVersion);
            return;
        }
        await RecordInUseAsync(onlyIfNoneStored: true, ct);
        LogRecordedFirst(classifier.ModelVersion);
    }

    async Task RecordInUseAsync(bool onlyIfNoneStored, CancellationToken ct)
    {
        var model = classifier.Model;
        var now = clock.GetUtcNow();
        await store.AddAsync(new ModelVersionRow
        {
            Version = model.Version, TrainedAt = model.Metadata.Training.CreatedAt, ExampleCount = model.Metadata.Training.ExampleCount,
            Status = ModelStatus.Active, CreatedBy = SystemActor, ActivatedAt = now, ActivatedBy = SystemActor,
        }, Serialize(model), onlyIfNoneStored, trained: null, ct);
    }

    /// <summary>Switches to the stored active model when another node promoted or rolled back to it.</summary>
    public async Task FollowAsync(CancellationToken ct)
    {
        if (await store.GetActiveAsync(ct) is { } active && active.Version != classifier.ModelVersion)
            await UseStoredAsync(active.Version, ct);
    }

    /// <summary>Loads and activates a stored model; the problem when it cannot be loaded (the desk keeps the model it has).</summary>
    async Task<string?> UseStoredAsync(string version, CancellationToken ct)
    {
        try
        {
            classifier.Activate(await LoadAsync(version, ct) ?? throw new ModelFormatException("its row has no model"));
            LogRestored(version);
            return null;
        }
        catch (ModelFormatException e)
        {
            // The desk still types queries with the model it has; an admin can activate another version.
            LogRestoreFailed(e, version, classifier.ModelVersion);
            return e.Message;
        }
    }

    public async Task<ActivationResult> ActivateAsync(string version, string actor, CancellationToken ct)
    {
        TextClassifierModel? model;
        try
        {
            model = await LoadAsync(version, ct);
        }
        catch (ModelFormatException e)
        {
            return new ActivationResult.Unreadable(e.Message);
        }
        if (model is null || !await store.ActivateAsync(version, actor, clock.GetUtcNow(), ct))
            return new ActivationResult.NotFound();
        classifier.Activate(model);
        LogActivated(version, actor);
        await nodes.PublishAsync(NodeEvents.ModelActivated);
        return new ActivationResult.Activated((await store.GetAsync(version, ct))!.ToView());
    }

    async Task<TextClassifierModel?> LoadAsync(string version, CancellationToken ct)
    {
        if (await store.GetModelBytesAsync(version, ct) is not { } bytes)
            return null;
        using var stream = new MemoryStream(bytes, writable: false);
        return TextClassifierModel.Load(stream);
    }

    public static byte[] Serialize(TextClassifierModel model)
    {
        using var stream = new MemoryStream();
        model.Save(stream);
        return stream.ToArray();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Classifier model {Version} loaded as the active version")]
    partial void LogRestored(string version);

    [LoggerMessage(Level = LogLevel.Error, Message = "Stored active classifier model {Version} cannot be loaded; typing with {Fallback} until another is activated")]
    partial void LogRestoreFailed(Exception exception, string version, string fallback);

    [LoggerMessage(Level = LogLevel.Information, Message = "First start: classifier model {Version} recorded as the first, active version")]
    partial void LogRecordedFirst(string version);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Stored active classifier model {Stored} cannot be loaded ({Problem}); {InUse}, the model in use, is now the active version")]
    partial void LogReplacedUnreadable(string stored, string problem, string inUse);

    [LoggerMessage(Level = LogLevel.Information, Message = "Classifier model {Version} activated by {Actor}")]
    partial void LogActivated(string version, string actor);
}

internal abstract record ActivationResult
{
    public sealed record Activated(ModelVersionView Model) : ActivationResult;

    public sealed record NotFound : ActivationResult;

    public sealed record Unreadable(string Problem) : ActivationResult;
}
