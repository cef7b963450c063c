using static Desk.Classifier.Model.VectorMath;

namespace Desk.Classifier.Model;

/// <summary>
/// Limited-memory BFGS (Nocedal and Wright, algorithm 7.4) with a backtracking Armijo line search.
/// Deterministic: no randomness, and the objective's sums do not depend on thread scheduling.
/// </summary>
internal static class Lbfgs
{
    public sealed record Result(int Iterations, int Evaluations, double Loss);

    public static Result Minimize(
        Func<double[], double[], double> objective, double[] x, int maxIterations, double tolerance,
        Action<int, double>? onIteration = null, int memory = 10)
    {
        var n = x.Length;
        var gradient = new double[n];
        var direction = new double[n];
        var candidate = new double[n];
        var candidateGradient = new double[n];
        var s = new double[memory][];
        var y = new double[memory][];
        var rho = new double[memory];
        var alpha = new double[memory];
        var stored = 0;
        var newest = -1;

        var loss = objective(x, gradient);
        var evaluations = 1;
        var iteration = 0;
        var recentLosses = new Queue<double>();
        while (iteration < maxIterations && Norm(gradient) > 1e-12)
        {
            // Two-loop recursion: direction = −H·g from the last `stored` curvature pairs.
            for (var i = 0; i < n; i++) direction[i] = -gradient[i];
            for (var m = 0; m < stored; m++)
            {
                var j = (newest - m + memory) % memory;
                alpha[j] = rho[j] * Dot(s[j], direction);
                Axpy(-alpha[j], y[j], direction);
            }
            var gamma = stored > 0 ? Dot(s[newest], y[newest]) / Dot(y[newest], y[newest]) : 1 / Math.Max(Norm(gradient), 1e-12);
            Scale(direction, gamma);
            for (var m = stored - 1; m >= 0; m--)
            {
                var j = (newest - m + memory) % memory;
                var beta = rho[j] * Dot(y[j], direction);
                Axpy(alpha[j] - beta, s[j], direction);
            }

            var slope = Dot(gradient, direction);
            if (slope >= 0)
            {
                // Curvature pairs went stale; restart from steepest descent.
                stored = 0;
                var scale = -1 / Math.Max(Norm(gradient), 1e-12);
                for (var i = 0; i < n; i++) direction[i] = scale * gradient[i];
                slope = Dot(gradient, direction);
            }

            var step = 1.0;
            double candidateLoss;
            while (true)
            {
                Step(x, step, direction, candidate);
                candidateLoss = objective(candidate, candidateGradient);
                evaluations++;
                if (candidateLoss <= loss + 1e-4 * step * slope || step < 1e-10) break;
                step *= 0.5;
            }
            if (candidateLoss > loss) break;

            newest = (newest + 1) % memory;
            s[newest] ??= new double[n];
            y[newest] ??= new double[n];
            Subtract(candidate, x, s[newest]);
            Subtract(candidateGradient, gradient, y[newest]);
            var sy = Dot(s[newest], y[newest]);
            if (sy > 1e-12)
            {
                rho[newest] = 1 / sy;
                stored = Math.Min(stored + 1, memory);
            }
            else
            {
                // Too little curvature to trust; drop the pair (its slot held the oldest, now gone).
                newest = (newest - 1 + memory) % memory;
                stored = Math.Min(stored, memory - 1);
            }

            var improvement = loss - candidateLoss;
            Array.Copy(candidate, x, n);
            Array.Copy(candidateGradient, gradient, n);
            loss = candidateLoss;
            iteration++;
            onIteration?.Invoke(iteration, loss);
            // Converged when five iterations together gain less than a relative `tolerance`.
            recentLosses.Enqueue(loss);
            if (recentLosses.Count > 5 && (recentLosses.Dequeue() - loss) <= tolerance * Math.Max(loss, 1e-12)) break;
            if (improvement <= 0) break;
        }
        return new Result(iteration, evaluations, loss);
    }
}
