using Desk.Classifier;
using Desk.Classifier.Corpus;
using Desk.Classifier.Evaluation;
using Desk.Classifier.Model;
using static Desk.Classifier.QueryType;

namespace Desk.Tests.Classifier;

public sealed class ModelEvaluatorTests
{
    [Fact]
    public void Score_OfAHandBuiltCase_GivesTheKnownPrecisionRecallAndF1()
    {
        QueryType[] gold = [Incident, Incident, Incident, Complaint, Complaint];
        QueryType[] predicted = [Incident, Incident, Complaint, Complaint, Incident];

        var report = ModelEvaluator.Score(gold, predicted);

        var incident = report.PerClass.Single(m => m.Label == Incident);
        Assert.Equal(2.0 / 3, incident.Precision, 9);
        Assert.Equal(2.0 / 3, incident.Recall, 9);
        Assert.Equal(2.0 / 3, incident.F1, 9);
        Assert.Equal(3, incident.Support);
        var complaint = report.PerClass.Single(m => m.Label == Complaint);
        Assert.Equal(0.5, complaint.Precision, 9);
        Assert.Equal(0.5, complaint.Recall, 9);
        Assert.Equal((2.0 / 3 + 0.5) / 2, report.MacroF1, 9);
        Assert.Equal(0.6, report.Accuracy, 9);
        Assert.Equal(1, report.ConfusionMatrix[0, 1]);
        Assert.Equal(1, report.ConfusionMatrix[1, 0]);
    }

    [Fact]
    public void Score_MacroF1_CountsOnlyGoldLabelsPresent()
    {
        var report = ModelEvaluator.Score([Incident, Incident, Complaint], [Incident, SecurityEvent, Complaint]);

        // incident: P 1, R 1/2, F1 2/3; complaint: F1 1; security_event is only predicted, so it is not averaged.
        Assert.Equal((2.0 / 3 + 1) / 2, report.MacroF1, 9);
        Assert.Equal([Incident, Complaint, SecurityEvent], report.Labels);
        Assert.Contains("macro-F1: 0.8333", report.Format());
    }

    [Fact]
    public void Evaluate_OnTheTrainingExamples_IsNearlyPerfect()
    {
        var report = ModelEvaluator.Evaluate(TinyCorpus.Train(), TinyCorpus.Examples);

        Assert.True(report.Accuracy >= 0.9, $"accuracy {report.Accuracy}");
    }

    [Fact]
    public void CrossValidation_DealsStratifiedFoldsTheSameWayForTheSameSeed()
    {
        var examples = TinyCorpus.Examples;

        var first = CrossValidation.AssignFolds(examples, 3, seed: 9);
        var again = CrossValidation.AssignFolds(examples, 3, seed: 9);

        Assert.Equal(first, again);
        foreach (var label in examples.Select(e => e.Label).Distinct())
        {
            var sizes = Enumerable.Range(0, 3).Select(f => examples.Where((e, i) => e.Label == label && first[i] == f).Count()).ToArray();
            Assert.True(sizes.Max() - sizes.Min() <= 1, $"{label}: {string.Join(",", sizes)}");
        }
    }

    [Fact]
    public void HoldOut_TakesAStratifiedDisjointSliceTheSameWayForTheSameSeed()
    {
        var examples = TinyCorpus.Examples;

        var (train, heldBack) = CrossValidation.HoldOut(examples, 0.4, seed: 4);
        var again = CrossValidation.HoldOut(examples, 0.4, seed: 4);

        Assert.Equal(heldBack, again.HeldBack);
        Assert.Equal(examples.Count, train.Count + heldBack.Count);
        Assert.Empty(train.Intersect(heldBack));
        foreach (var group in examples.GroupBy(e => e.Label))
            Assert.Equal((int)Math.Round(0.4 * group.Count()), heldBack.Count(e => e.Label == group.Key));
    }

    [Fact]
    public void CrossValidation_Run_ReportsEachFold()
    {
        var report = CrossValidation.Run(TinyCorpus.Examples, 2, new TrainingOptions { Seed = 3 });

        Assert.Equal(2, report.Folds.Count);
        Assert.Equal(TinyCorpus.Examples.Count, report.Folds.Sum(f => f.Count));
        Assert.InRange(report.MeanMacroF1, 0, 1);
    }

    [Fact]
    public void Evaluate_WithNoExamples_IsRefused()
    {
        Assert.Throws<ArgumentException>(() => ModelEvaluator.Evaluate(TinyCorpus.Train(), Array.Empty<LabelledText>()));
    }
}
