using Desk.Classifier.Model;

namespace Desk.Tests.Classifier;

public sealed class LbfgsTests
{
    [Fact]
    public void Minimize_AnIllConditionedQuadratic_FindsItsMinimum()
    {
        // f(x) = Σ cᵢ (xᵢ − i)², curvatures 1 to 1000: minimum 0 at xᵢ = i.
        double Objective(double[] x, double[] gradient)
        {
            var value = 0.0;
            for (var i = 0; i < x.Length; i++)
            {
                var curvature = Math.Pow(10, 3.0 * i / (x.Length - 1));
                value += curvature * (x[i] - i) * (x[i] - i);
                gradient[i] = 2 * curvature * (x[i] - i);
            }
            return value;
        }
        var x = new double[20];

        var result = Lbfgs.Minimize(Objective, x, maxIterations: 500, tolerance: 1e-12);

        Assert.True(result.Loss < 1e-8, $"loss {result.Loss} after {result.Iterations} iterations");
        for (var i = 0; i < x.Length; i++) Assert.Equal(i, x[i], 3);
    }
}
