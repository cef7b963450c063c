using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Transforms.Text;

namespace Desk.Bench.MlNet;

/// <summary>Prints the word tokens stock FeaturizeText makes of a few rows (how it treats Chinese, which has no spaces).</summary>
public static class TokenPeek
{
    public static void Print(List<Ticket> tickets, int count)
    {
        var ml = new MLContext(seed: 1);
        var options = new TextFeaturizingEstimator.Options { OutputTokensColumnName = "Tokens" };
        var view = ml.Transforms.Text.FeaturizeText("Features", options, nameof(Ticket.Text))
            .Fit(ml.Data.LoadFromEnumerable(tickets))
            .Transform(ml.Data.LoadFromEnumerable(tickets.Take(count)));
        foreach (var tokens in view.GetColumn<string[]>("Tokens"))
            Console.WriteLine(string.Join(" | ", tokens));
    }
}
