using System.Diagnostics.Metrics;

namespace Desk.Api.Telemetry;

/// <summary>
/// The desk's own instruments, all on one meter and named after the OpenTelemetry semantic conventions: lowercase
/// dotted names in the <c>desk.</c> namespace, units in UCUM (<c>s</c>, <c>{query}</c>), durations as histograms in
/// seconds, attributes of low cardinality. The README's "Metrics" section lists them. Recording costs next to nothing
/// while no exporter listens.
/// </summary>
internal sealed class DeskMetrics
{
    public const string MeterName = "ServiceDesk";

    // Seconds, for work that takes milliseconds (intake, pushes); the semantic conventions' HTTP boundaries, finer below 5 ms.
    static readonly double[] Quick = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 10];

    // Seconds, for a classification (tens of microseconds to a few milliseconds).
    static readonly double[] Instant = [0.00001, 0.000025, 0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.1];

    // Seconds, for a timer that should fire within a second of its moment and at worst waits for a sweep.
    static readonly double[] Late = [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60, 300];

    /// <summary>The attributes, each of a handful of values.</summary>
    public static class Tags
    {
        public const string Channel = "desk.query.channel";
        public const string Type = "desk.query.type";
        public const string Error = "error.type"; // the semantic conventions' own, set only when the operation failed
        public const string DecidedBy = "desk.classifier.decided_by";
        public const string Push = "desk.push.event";
        public const string SlaMetric = "desk.sla.metric";
        public const string SlaEvent = "desk.sla.event";
        public const string Queue = "desk.queue.name";
        public const string SlaState = "desk.sla.state";
        public const string OutboxState = "desk.outbox.state";

        /// <summary>The semantic conventions' value for anything outside a known set, so no caller can grow the series.</summary>
        public const string Other = "_OTHER";
    }

    readonly Meter meter;

    public DeskMetrics(IMeterFactory meters)
    {
        meter = meters.Create(MeterName);
        IntakeQueries = meter.CreateCounter<long>("desk.intake.queries", "{query}",
            "Queries taken in, by any channel (API, portal, e-mail, SMS, chat, surveys)");
        IntakeDuration = meter.CreateDuration("desk.intake.duration",
            "Time to answer a query submitted through the API, from the handler's start to its answer", Quick);
        ClassifierDuration = meter.CreateDuration("desk.classifier.duration", "Time to classify one query's text", Instant);
        PushLag = meter.CreateDuration("desk.push.lag",
            "Time from a commit to its push being handed to the hub (the push queue's wait)", Quick);
        PushesDropped = meter.CreateCounter<long>("desk.push.dropped", "{push}", "Pushes dropped because the push queue was full");
        TimerLag = meter.CreateDuration("desk.sla.timer.lag",
            "Time from an SLA moment (a warning share or a deadline) to its event being recorded and pushed", Late);
    }

    public Counter<long> IntakeQueries { get; }

    /// <summary>Counts a query taken in; a channel outside the known set is counted as <c>_OTHER</c>.</summary>
    public void TakenIn(string channel, string type) => IntakeQueries.Add(1,
        new KeyValuePair<string, object?>(Tags.Channel, Queries.Channels.IsKnown(channel) ? channel : Tags.Other),
        new KeyValuePair<string, object?>(Tags.Type, type));

    public Histogram<double> IntakeDuration { get; }

    public Histogram<double> ClassifierDuration { get; }

    public Histogram<double> PushLag { get; }

    public Counter<long> PushesDropped { get; }

    public Histogram<double> TimerLag { get; }

    /// <summary>Open queries per queue and SLA state, read from the board's counts (never a count over the table).</summary>
    public void ObserveQueueLengths(Func<IEnumerable<Measurement<long>>> observe) =>
        meter.CreateObservableUpDownCounter("desk.queue.length", observe, "{query}", "Open queries in each queue, by SLA state");

    public void ObservePushQueue(Func<long> observe) =>
        meter.CreateObservableUpDownCounter("desk.push.queue.length", observe, "{push}", "Pushes committed and waiting for the hub");

    public void ObserveOutboxBacklog(Func<IEnumerable<Measurement<long>>> observe) =>
        meter.CreateObservableUpDownCounter("desk.outbox.backlog", observe, "{message}",
            "Messages to users not yet delivered: waiting (pending or retrying) or being sent");
}

file static class MeterExtensions
{
    /// <summary>A duration: a histogram in seconds, with its bucket boundaries given as advice (the SDK uses them unless a view says otherwise).</summary>
    public static Histogram<double> CreateDuration(this Meter meter, string name, string description, double[] boundaries) =>
        meter.CreateHistogram(name, "s", description, tags: null, advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = boundaries });
}
