namespace Desk.Bench.MlNet;

public sealed class Ticket
{
    public string Text { get; set; } = "";
    public string Label { get; set; } = "";
}

public sealed class Prediction
{
    public string PredictedLabel { get; set; } = "";
}
