using System.ComponentModel.DataAnnotations;

namespace Desk.Api.Classification;

/// <summary>How often the classifier retrains, how a candidate is judged, and how big an import may be.</summary>
internal sealed class ClassifierTrainingOptions
{
    public const string Section = "ClassifierTraining";

    [Range(typeof(TimeSpan), "00:01:00", "90.00:00:00")]
    public TimeSpan Interval { get; set; } = TimeSpan.FromDays(1);

    /// <summary>The share of each type's unseen labelled examples kept out of training to judge the candidate on.</summary>
    [Range(0.05, 0.5)]
    public double HoldBackFraction { get; set; } = 0.2;

    /// <summary>The scheduled run trains only when at least this many examples arrived since the last candidate.</summary>
    [Range(1, 10_000_000)]
    public int MinNewExamples { get; set; } = 50;

    /// <summary>Drives the held-back slice and training, so a run on the same data gives the same verdict.</summary>
    public int Seed { get; set; } = 42;

    /// <summary>A run learns from at most the newest this many labelled examples of each type, besides the seed corpus.</summary>
    [Range(1, 1_000_000)]
    public int MaxExamplesPerType { get; set; } = 5_000;

    /// <summary>
    /// A run learns from at most this many seed corpus examples of each type, an even spread (unset: the whole corpus):
    /// for a desk whose own examples should outweigh the seed, and for tests that check the run, not the model.
    /// </summary>
    [Range(1, 1_000_000)]
    public int? SeedExamplesPerType { get; set; }

    [Range(1024, 1L << 30)]
    public long MaxImportBytes { get; set; } = 50L << 20;

    /// <summary>The most rows one import may hold; a longer file is refused whole.</summary>
    [Range(1, 10_000_000)]
    public int MaxImportRows { get; set; } = 100_000;
}
