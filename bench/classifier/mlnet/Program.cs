// Measures ML.NET pipelines on the shared classifier datasets (issue 11 groundwork; see findings.md).
// Usage: dotnet run -c Release -- <datasets-dir> [dataset-name-filter] [pipeline-name-filters, comma-separated]
//    or: dotnet run -c Release -- <datasets-dir> <dataset-name-filter> tokens   (stock FeaturizeText's word tokens of 5 rows)
using System.Diagnostics;
using Desk.Bench.MlNet;
using Microsoft.ML;
using Microsoft.ML.Data;

var datasetsDir = args.Length > 0 ? args[0] : "../../../../shared/datasets";
var datasetFilter = args.Length > 1 ? args[1] : "";
var pipelineFilters = args.Length > 2 ? args[2].Split(',') : [""];

if (pipelineFilters is ["tokens"])
{
    var csvPath = Directory.GetFiles(datasetsDir, "*.csv", SearchOption.AllDirectories).First(f => Path.GetFileName(f).Contains(datasetFilter));
    TokenPeek.Print(DatasetCsv.Load(csvPath, "train"), 5);
    return;
}

Console.WriteLine("| dataset | pipeline | macro-F1 | accuracy | training s | predictions/s (engine) | predictions/s (batch) | model size | reload matches |");
Console.WriteLine("|---|---|---:|---:|---:|---:|---:|---:|---|");
var shuffle = new Random(20261123);
foreach (var csv in Directory.GetDirectories(datasetsDir).OrderBy(d => d)
             .Select(d => Path.Combine(d, Path.GetFileName(d) + ".csv"))
             .Where(f => File.Exists(f) && Path.GetFileName(f).Contains(datasetFilter)))
{
    // The CSVs are sorted by label and LoadFromEnumerable cannot shuffle: online trainers would see one class at a time.
    var train = DatasetCsv.Load(csv, "train").OrderBy(_ => shuffle.Next()).ToList();
    var test = DatasetCsv.Load(csv, "test");
    foreach (var pipeline in Pipelines.All.Where(p => pipelineFilters.Any(p.Name.Contains)))
    {
        var result = Measure(Path.GetFileNameWithoutExtension(csv), pipeline, train, test);
        Console.WriteLine(result);
    }
}

static string Measure(string dataset, Pipeline pipeline, List<Ticket> train, List<Ticket> test)
{
    var ml = new MLContext(seed: 1);
    var clock = Stopwatch.StartNew();
    var trainView = ml.Data.LoadFromEnumerable(pipeline.Prepare(train));
    var model = pipeline.Build(ml).Fit(trainView);
    var trainingSeconds = clock.Elapsed.TotalSeconds;

    var predicted = PredictBatch(ml, model, pipeline, test);
    var (macroF1, accuracy) = Scoring.Score(test.Select(t => t.Label).ToList(), predicted);

    var batchPerSecond = 0.0;
    for (var round = 0; round < 3; round++)
    {
        clock.Restart();
        PredictBatch(ml, model, pipeline, test);
        batchPerSecond = Math.Max(batchPerSecond, test.Count / clock.Elapsed.TotalSeconds);
    }

    var engine = ml.Model.CreatePredictionEngine<Ticket, Prediction>(model);
    foreach (var ticket in test.Take(200)) engine.Predict(pipeline.Prepare(ticket));
    var single = 0;
    clock.Restart();
    while (clock.Elapsed.TotalSeconds < 0.5)
        foreach (var ticket in test) { engine.Predict(pipeline.Prepare(ticket)); single++; }
    var enginePerSecond = single / clock.Elapsed.TotalSeconds;

    var path = Path.Combine(Path.GetTempPath(), $"mlnet-{dataset}-{pipeline.Name}.zip");
    ml.Model.Save(model, trainView.Schema, path);
    var size = new FileInfo(path).Length;
    var reloaded = ml.Model.Load(path, out _);
    var reloadedPredictions = PredictBatch(ml, reloaded, pipeline, test);
    var matches = reloadedPredictions.SequenceEqual(predicted);
    File.Delete(path);

    return $"| {dataset} | {pipeline.Name} | {macroF1:F3} | {accuracy:F3} | {trainingSeconds:F2} | {enginePerSecond:N0} | {batchPerSecond:N0} | {size / 1e6:F1} MB | {(matches ? "yes" : "NO")} |";
}

static List<string> PredictBatch(MLContext ml, ITransformer model, Pipeline pipeline, List<Ticket> test)
{
    var scored = model.Transform(ml.Data.LoadFromEnumerable(pipeline.Prepare(test)));
    return scored.GetColumn<string>(nameof(Prediction.PredictedLabel)).ToList();
}
