using System.Numerics;
using System.Runtime.InteropServices;

namespace Desk.Classifier.Model;

/// <summary>SIMD dot products and updates over the optimiser's dense vectors.</summary>
internal static class VectorMath
{
    public static double Dot(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        var va = MemoryMarshal.Cast<double, Vector<double>>(a);
        var vb = MemoryMarshal.Cast<double, Vector<double>>(b[..a.Length]);
        var sum = Vector<double>.Zero;
        for (var i = 0; i < va.Length; i++) sum += va[i] * vb[i];
        var total = Vector.Sum(sum);
        for (var i = va.Length * Vector<double>.Count; i < a.Length; i++) total += a[i] * b[i];
        return total;
    }

    public static double Norm(ReadOnlySpan<double> a) => Math.Sqrt(Dot(a, a));

    /// <summary>y += a·x.</summary>
    public static void Axpy(double a, ReadOnlySpan<double> x, Span<double> y)
    {
        var vx = MemoryMarshal.Cast<double, Vector<double>>(x);
        var vy = MemoryMarshal.Cast<double, Vector<double>>(y[..x.Length]);
        var va = new Vector<double>(a);
        for (var i = 0; i < vx.Length; i++) vy[i] += va * vx[i];
        for (var i = vx.Length * Vector<double>.Count; i < x.Length; i++) y[i] += a * x[i];
    }

    /// <summary>into = x + a·d.</summary>
    public static void Step(ReadOnlySpan<double> x, double a, ReadOnlySpan<double> d, Span<double> into)
    {
        x.CopyTo(into);
        Axpy(a, d, into);
    }

    /// <summary>into = a − b.</summary>
    public static void Subtract(ReadOnlySpan<double> a, ReadOnlySpan<double> b, Span<double> into)
    {
        for (var i = 0; i < a.Length; i++) into[i] = a[i] - b[i];
    }

    public static void Scale(Span<double> x, double a)
    {
        for (var i = 0; i < x.Length; i++) x[i] *= a;
    }
}
