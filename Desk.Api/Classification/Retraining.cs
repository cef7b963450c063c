using System.Globalization;
using Desk.Classifier;
using Desk.Classifier.Corpus;
using Desk.Classifier.Evaluation;
using Desk.Classifier.Model;
using Desk.Api.Scale;
using Microsoft.Extensions.Options;

namespace Desk.Api.Classification;

/// <summary>
/// One retraining run: seed corpus plus labelled examples → a candidate, judged against the active model on a
/// held-back slice neither has seen, promoted only when its macro-F1 is at least the active model's (and above 0), kept either way.
/// </summary>
internal sealed partial class Retraining(
    LabelledExampleStore examples, ClassifierModelStore models, DeskQueryClassifier classifier, ModelVersions versions,
    NodeLocks locks, NodeEvents nodes, RetrainCancellation cancellation, IOptionsMonitor<ClassifierTrainingOptions> options, TimeProvider clock, ILogger<Retraining> logger)
{
    public const string LockName = "classifier-retrain";

    // Training takes seconds to a few minutes (ClassifierTraining:MaxExamplesPerType bounds it); a node that dies mid-run blocks the others' retraining for at most this long.
    static readonly TimeSpan Lease = TimeSpan.FromMinutes(30);

    // This node's runs queue here, so only one of them at a time asks for the lock every node respects.
    readonly SemaphoreSlim running = new(1, 1);

    /// <summary>
    /// Runs once the run already going (if any) ends, or with <paramref name="wait"/> false returns null at once then.
    /// <paramref name="force"/> ignores MinNewExamples. A run cancelled (<see cref="RetrainCancellation"/>) reports <c>cancelled</c>
    /// and keeps nothing.
    /// </summary>
    public async Task<RetrainReport?> RunAsync(string actor, bool force, bool wait, CancellationToken ct)
    {
        if (!await running.WaitAsync(wait ? Timeout.InfiniteTimeSpan : TimeSpan.Zero, ct))
            return null;
        try
        {
            // A cancel recorded once this run holds the lock is this run's, though it has not begun yet; one recorded
            // while it waited behind another node's run was that run's.
            var after = await cancellation.LatestAsync(ct);
            var held = await locks.TakeAsync(LockName, Lease, wait: false, ct);
            if (held is null && wait)
            {
                held = await locks.TakeAsync(LockName, Lease, wait: true, ct);
                after = await cancellation.LatestAsync(ct);
            }
            if (held is null)
                return null;
            await using var acrossNodes = held;
            using var run = cancellation.Begin(after, ct);
            try
            {
                await cancellation.CatchUpAsync(run.Token);
                // Another node may have promoted a model a moment ago: judge candidates against the one active now.
                await versions.FollowAsync(run.Token);
                return await RunOnceAsync(actor, force, run.Token);
            }
            catch (OperationCanceledException) when (run.CancelledBy is { } by && !ct.IsCancellationRequested)
            {
                LogCancelled(by);
                return new RetrainReport("cancelled", $"Cancelled by {by}; nothing was kept.", classifier.ModelVersion, 0, 0, null, null, null, 0);
            }
        }
        finally
        {
            running.Release();
        }
    }

    async Task<RetrainReport> RunOnceAsync(string actor, bool force, CancellationToken ct)
    {
        var settings = options.CurrentValue;
        var baseline = classifier.Model;
        var active = await models.GetActiveAsync(ct);
        var (next, lastTrainedAfter) = await models.GetHighWaterAsync(ct);
        var all = await examples.ListAsync(ct);
        var newExamples = all.Count(e => e.Id > lastTrainedAfter);
        // One example per text, its latest label (a later reclassification corrects an earlier one); of each type the
        // newest MaxExamplesPerType, so that a flood of one type neither takes the model over nor makes a run take hours.
        var distinct = all.GroupBy(e => ExampleTexts.Key(e.Example.Text)).Select(g => g.Last()).ToList();
        var labelled = distinct.GroupBy(e => e.Example.Label)
            .SelectMany(g => g.OrderByDescending(e => e.Id).Take(settings.MaxExamplesPerType)).OrderBy(e => e.Id).ToList();
        var leftOut = distinct.Count - labelled.Count;
        if (!force && newExamples < settings.MinNewExamples)
            return Skipped($"{newExamples} new labelled examples since the last training; {settings.MinNewExamples} are needed.");

        // Only examples the active model was not trained after can judge it fairly: the seed corpus and older
        // examples may be in its training set, and scoring a model on its own training data flatters it.
        var unseen = labelled.Where(e => e.Id > (active?.LastExampleId ?? 0)).Select(e => e.Example).ToList();
        var heldBack = CrossValidation.HoldOut(unseen, settings.HoldBackFraction, settings.Seed).HeldBack;
        if (heldBack.Count == 0)
            return Skipped("No type has two labelled examples the active model has not seen, so a candidate cannot be judged.");
        var held = heldBack.Select(e => ExampleTexts.Key(e.Text)).ToHashSet();
        var seed = settings.SeedExamplesPerType is { } perType ? SeedCorpus.Sample(perType) : SeedCorpus.Load();
        var training = seed.Concat(labelled.Select(e => e.Example)).Where(e => !held.Contains(ExampleTexts.Key(e.Text))).ToList();

        var trainingOptions = DefaultModel.Options with { Name = $"site{next}", Seed = settings.Seed, Clock = clock };
        var candidate = await Task.Run(() => ModelTrainer.Train(training, trainingOptions, ct: ct), ct);
        var candidateF1 = ModelEvaluator.Evaluate(candidate, heldBack).MacroF1;
        var activeF1 = ModelEvaluator.Evaluate(baseline, heldBack).MacroF1;
        // A tie promotes the model with more to learn from, unless neither gets any held-back example right.
        var promote = candidateF1 > activeF1 || (candidateF1 == activeF1 && candidateF1 > 0);
        ct.ThrowIfCancellationRequested();
        var now = clock.GetUtcNow();
        var row = new ModelVersionRow
        {
            Id = next, Version = candidate.Version, TrainedAt = now, ExampleCount = training.Count,
            LastExampleId = all.Count > 0 ? all[^1].Id : 0, HeldBackCount = heldBack.Count,
            MacroF1 = candidateF1, BaselineVersion = baseline.Version, BaselineMacroF1 = activeF1,
            Status = promote ? ModelStatus.Active : ModelStatus.Rejected, CreatedBy = actor,
            ActivatedAt = promote ? now : null, ActivatedBy = promote ? actor : null,
        };
        var outcome = promote ? "promoted" : "rejected";
        // Past this point the run finishes: a cancel must not leave a model stored as active but not in use.
        await models.AddAsync(row, ModelVersions.Serialize(candidate), onlyIfNoneStored: false,
            string.Create(CultureInfo.InvariantCulture,
                $"{outcome}: macro-F1 {candidateF1:0.000} against {baseline.Version} {activeF1:0.000} on {heldBack.Count} held-back examples."),
            CancellationToken.None);
        if (promote)
        {
            classifier.Activate(candidate);
            await nodes.PublishAsync(NodeEvents.ModelActivated);
        }
        LogOutcome(candidate.Version, outcome, candidateF1, baseline.Version, activeF1, heldBack.Count, training.Count, leftOut);
        return new RetrainReport(outcome, null, classifier.ModelVersion, newExamples, heldBack.Count,
            candidateF1, activeF1, row.ToView(), leftOut);

        RetrainReport Skipped(string reason)
        {
            LogSkipped(reason);
            return new RetrainReport("skipped", reason, baseline.Version, newExamples, 0, null, null, null, leftOut);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Classifier candidate {Version} {Outcome}: macro-F1 {CandidateF1:0.000} against {ActiveVersion} {ActiveF1:0.000} on {HeldBack} held-back examples; trained on {Examples}, {LeftOut} older examples left out")]
    partial void LogOutcome(string version, string outcome, double candidateF1, string activeVersion, double activeF1, int heldBack, int examples,
        int leftOut);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Classifier retraining cancelled by {Actor}; the active model is unchanged")]
    partial void LogCancelled(string actor);

    [LoggerMessage(Level = LogLevel.Information, Message = "Classifier retraining skipped: {Reason}")]
    partial void LogSkipped(string reason);
}
