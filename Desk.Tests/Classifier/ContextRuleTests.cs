using Desk.Classifier;

namespace Desk.Tests.Classifier;

public sealed class ContextRuleTests
{
    static readonly DeskQueryClassifier Classifier = new(TinyCorpus.Train());

    [Theory]
    [InlineData(QueryType.ServiceRequest)]
    [InlineData(QueryType.ChangeRequest)]
    public void Classify_WithACatalogPick_IsDecidedByTheCatalogNotTheModel(QueryType pick)
    {
        var result = Classifier.Classify("the printer is broken", new ClassificationContext { CatalogPick = pick });

        Assert.Equal(pick, result.Type);
        Assert.Equal(TypeDecider.Catalog, result.DecidedBy);
        Assert.Equal(1.0, result.Confidence);
        Assert.Null(result.ModelVersion);
    }

    [Fact]
    public void Classify_AboutAServiceWithADeclaredMajorOutage_IsADisasterByRule()
    {
        var result = Classifier.Classify("thanks, but is e-mail still down?", new ClassificationContext { MajorOutageService = "E-mail" });

        Assert.Equal(QueryType.Disaster, result.Type);
        Assert.Equal(TypeDecider.Rule, result.DecidedBy);
        Assert.Contains("major outage", result.Rule);
        Assert.Contains("E-mail", result.Rule);
    }

    [Fact]
    public void Classify_WordsThatOnlyAskForAPerson_AreAQuestionForTheDeskByRule_UnlessAMajorOutageDecides()
    {
        var asked = Classifier.Classify("talk to a person", new ClassificationContext { OnlyAskedForPerson = true, SlaBreached = true });
        var duringOutage = Classifier.Classify("talk to a person", new ClassificationContext { OnlyAskedForPerson = true, MajorOutageService = "E-mail" });

        Assert.Equal((QueryType.Consultation, TypeDecider.Rule), (asked.Type, asked.DecidedBy));
        Assert.Contains("asked for a person", asked.Rule);
        Assert.Equal(QueryType.Disaster, duringOutage.Type);
    }

    [Theory]
    [InlineData("the printer is broken again")]
    [InlineData("your support is slow, I am unhappy")]
    public void Classify_ANegativeExperienceWhileAnSlaIsBreached_IsAnIncidentByRule(string text)
    {
        var result = Classifier.Classify(text, new ClassificationContext { SlaBreached = true });

        Assert.Equal(QueryType.Incident, result.Type);
        Assert.Equal(TypeDecider.Rule, result.DecidedBy);
        Assert.Contains("SLA is breached", result.Rule);
        Assert.Equal(Classifier.ModelVersion, result.ModelVersion);
    }

    [Fact]
    public void Apply_AnUnclearNegativeExperienceWithNoSlaBreached_IsAComplaintByRule()
    {
        LabelScore[] ranked = [new(QueryType.Incident, 0.48), new(QueryType.Complaint, 0.40), new(QueryType.Consultation, 0.12)];

        var result = ContextRules.Apply(ranked, ClassificationContext.None, "v1");

        Assert.Equal(QueryType.Complaint, result.Type);
        Assert.Equal(TypeDecider.Rule, result.DecidedBy);
        Assert.Contains("no agreed SLA is breached", result.Rule);
    }

    [Fact]
    public void Apply_AClearFaultWithNoSlaBreached_StaysTheModelsIncident()
    {
        LabelScore[] ranked = [new(QueryType.Incident, 0.80), new(QueryType.Complaint, 0.12), new(QueryType.Consultation, 0.08)];

        var result = ContextRules.Apply(ranked, ClassificationContext.None, "v1");

        Assert.Equal(QueryType.Incident, result.Type);
        Assert.Equal(TypeDecider.Model, result.DecidedBy);
        Assert.Equal(0.80, result.Confidence);
    }

    [Fact]
    public void Apply_AClearComplaintWhileAnSlaIsBreached_IsAnIncidentByRule()
    {
        LabelScore[] ranked = [new(QueryType.Complaint, 0.75), new(QueryType.Incident, 0.15), new(QueryType.Compliment, 0.10)];

        var result = ContextRules.Apply(ranked, new ClassificationContext { SlaBreached = true }, "v1");

        Assert.Equal(QueryType.Incident, result.Type);
        Assert.Equal(TypeDecider.Rule, result.DecidedBy);
    }

    [Fact]
    public void Classify_WithNoRuleThatApplies_IsDecidedByTheModelWithVersionAndConfidence()
    {
        var result = Classifier.Classify("thank you so much, great help", new ClassificationContext { SlaBreached = true });

        Assert.Equal(QueryType.Compliment, result.Type);
        Assert.Equal(TypeDecider.Model, result.DecidedBy);
        Assert.Equal(Classifier.ModelVersion, result.ModelVersion);
        Assert.Equal(result.Ranked[0].Probability, result.Confidence);
        Assert.Null(result.Rule);
    }

    [Fact]
    public void Activate_SwapsTheModelForLaterCalls()
    {
        var classifier = new DeskQueryClassifier(TinyCorpus.Train(seed: 1));
        var next = TinyCorpus.Train(seed: 2);

        classifier.Activate(next);

        Assert.Same(next, classifier.Model);
        Assert.Equal(next.Version, classifier.Classify("how do I connect to the wifi?", ClassificationContext.None).ModelVersion);
    }
}
