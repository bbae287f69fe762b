using MathNet.Numerics.LinearAlgebra;

namespace Touchpoint.Core.Analytics.Drivers;

/// <summary>
/// Johnson's relative weights (Johnson 2000): how much of the explained variance R^2 of an outcome
/// each of several correlated predictors carries. With R the predictors' correlation matrix and r the
/// predictors' correlations with the outcome:
/// <code>
///   R = Q D Q'                 (eigendecomposition)
///   Lambda = Q D^(1/2) Q'      (the predictors regressed on their closest orthogonal counterparts Z)
///   beta   = Lambda^-1 r       (the outcome regressed on Z; Z is orthonormal, so beta are correlations)
///   epsilon_j = sum_k Lambda_jk^2 beta_k^2     and     sum_j epsilon_j = sum_k beta_k^2 = R^2
/// </code>
/// Eigenvalues below a tolerance are treated as zero (a pseudo-inverse), so predictors that are exact
/// combinations of others (every channel's indicator, say) share their weight instead of failing.
/// For uncorrelated predictors epsilon_j = r_j^2.
/// </summary>
public static class RelativeWeights
{
    public sealed record Result(double RSquared, IReadOnlyList<double> Weights);

    public static Result FromCorrelations(Matrix<double> predictorCorrelations, Vector<double> outcomeCorrelations)
    {
        var p = outcomeCorrelations.Count;
        if (p == 0)
        {
            return new Result(0, []);
        }

        var evd = predictorCorrelations.Evd(Symmetricity.Symmetric);
        var q = evd.EigenVectors;
        var values = evd.EigenValues.Real();
        var tolerance = 1e-10 * Math.Max(1, values.Maximum());
        var root = Matrix<double>.Build.DiagonalOfDiagonalVector(values.Map(v => v > tolerance ? Math.Sqrt(v) : 0));
        var inverseRoot = Matrix<double>.Build.DiagonalOfDiagonalVector(values.Map(v => v > tolerance ? 1 / Math.Sqrt(v) : 0));
        var lambda = q * root * q.Transpose();
        var beta = q * inverseRoot * q.Transpose() * outcomeCorrelations;
        var weights = new double[p];
        for (var j = 0; j < p; j++)
        {
            for (var k = 0; k < p; k++)
            {
                weights[j] += lambda[j, k] * lambda[j, k] * beta[k] * beta[k];
            }
        }

        return new Result(weights.Sum(), weights);
    }
}
