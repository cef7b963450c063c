using Desk.Tests.Live;
using Xunit.Abstractions;
using Xunit.Sdk;

[assembly: TestCollectionOrderer("Desk.Tests.LongestFirst", "Desk.Tests")]

namespace Desk.Tests;

/// <summary>
/// Starts the longest collections first. The live collection's classes run one after another (one shared desk on
/// Kestrel, browsers against it) for about four minutes; queued last, it ran alone on one of the two cores while the
/// other stood idle. Next come the other classes under Desk.Tests.Live, which start browsers, nodes and processes, and
/// the classification classes, which train models: queued last, they were the tail of the run.
/// </summary>
public sealed class LongestFirst : ITestCollectionOrderer
{
    public IEnumerable<ITestCollection> OrderTestCollections(IEnumerable<ITestCollection> testCollections) =>
        testCollections
            .OrderBy(c => c.DisplayName == LiveCollection.Name ? 0 : IsLong(c) ? 1 : 2)
            .ThenBy(c => c.UniqueID);

    static bool IsLong(ITestCollection collection) =>
        collection.DisplayName.Contains($"{typeof(LiveDesk).Namespace}.", StringComparison.Ordinal)
        || collection.DisplayName.Contains(".Classification", StringComparison.Ordinal);
}
