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

    /// <summary>Activates the stored active model; on a first start records the model in use as the first version.</summary>
    public async Task RestoreAsync(CancellationToken ct)
    {
        nodes.Subscribe(NodeEvents.ModelActivated, FollowAsync);
        if (await store.GetActiveAsync(ct) is { } active)
        {
            await UseStoredAsync(active.Version, ct);
            return;
        }
        var model = classifier.Model;
        var now = clock.GetUtcNow();
        await store.AddAsync(new ModelVersionRow
        {
            Version = model.Version, TrainedAt = model.Metadata.Training.CreatedAt, ExampleCount = model.Metadata.Training.ExampleCount,
            Status = ModelStatus.Active, CreatedBy = SystemActor, ActivatedAt = now, ActivatedBy = SystemActor,
        }, Serialize(model), onlyIfNoneStored: true, ct);
        LogRecordedFirst(model.Version);
    }

    /// <summary>Switches to the stored active model when another node promoted or rolled back to it.</summary>
    public async Task FollowAsync(CancellationToken ct)
    {
        if (await store.GetActiveAsync(ct) is { } active && active.Version != classifier.ModelVersion)
            await UseStoredAsync(active.Version, ct);
    }

    async Task UseStoredAsync(string version, CancellationToken ct)
    {
        try
        {
            classifier.Activate(await LoadAsync(version, ct) ?? throw new ModelFormatException("its row has no model"));
            LogRestored(version);
        }
        catch (ModelFormatException e)
        {
            // The desk still types queries with the model it has; an admin can activate another version.
            LogRestoreFailed(e, version, classifier.ModelVersion);
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

    [LoggerMessage(Level = LogLevel.Information, Message = "Classifier model {Version} activated by {Actor}")]
    partial void LogActivated(string version, string actor);
}

internal abstract record ActivationResult
{
    public sealed record Activated(ModelVersionView Model) : ActivationResult;

    public sealed record NotFound : ActivationResult;

    public sealed record Unreadable(string Problem) : ActivationResult;
}
