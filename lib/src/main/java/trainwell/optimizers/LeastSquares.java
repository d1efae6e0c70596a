package trainwell.optimizers;

import java.util.Random;
import trainwell.core.Args;

/**
 * A synthetic least-squares problem with N examples: features x_i in R^d whose scales spread the curvature
 * over a chosen condition number, targets y_i = x_i . w* + noise, and the loss
 * f(w) = (1/N) sum_i (x_i . w - y_i)^2 / 2. Small enough that the exact minimum is computed, so every
 * optimizer can be measured by its <em>excess</em> loss f(w) - min f, which is 0 at the optimum.
 */
public final class LeastSquares {

    private final double[][] x;
    private final double[] y;
    private final double[][] hessian;
    private final double[] optimum;
    private final double optimalLoss;

    private LeastSquares(double[][] x, double[] y) {
        this.x = x;
        this.y = y;
        int d = x[0].length;
        this.hessian = new double[d][d];
        for (double[] row : x) {
            for (int j = 0; j < d; j++) {
                for (int k = 0; k < d; k++) {
                    hessian[j][k] += row[j] * row[k] / x.length;
                }
            }
        }
        this.optimum = solveNormalEquations();
        this.optimalLoss = loss(optimum);
    }

    /**
     * N Gaussian examples with d features; feature j has variance conditionNumber^(-j/(d-1)), so the
     * Hessian's eigenvalues spread over about {@code conditionNumber}; w* has unit entries and the targets
     * carry Gaussian noise of standard deviation {@code noise}. The seed fixes everything.
     */
    public static LeastSquares synthetic(int examples, int features, double conditionNumber, double noise, long seed) {
        Args.atLeast("examples", examples, 2);
        Args.atLeast("features", features, 1);
        Args.check(examples >= features, "examples", "must be >= features (" + features + ")", examples);
        Args.check(Double.isFinite(conditionNumber) && conditionNumber >= 1, "conditionNumber",
                "must be finite and >= 1", conditionNumber);
        Args.nonNegative("noise", noise);
        Random random = new Random(seed);
        double[] scale = new double[features];
        for (int j = 0; j < features; j++) {
            double exponent = features == 1 ? 0 : j / (double) (features - 1);
            scale[j] = Math.pow(conditionNumber, -exponent / 2);
        }
        double[][] x = new double[examples][features];
        double[] y = new double[examples];
        for (int i = 0; i < examples; i++) {
            double target = 0;
            for (int j = 0; j < features; j++) {
                x[i][j] = scale[j] * random.nextGaussian();
                target += x[i][j];
            }
            y[i] = target + noise * random.nextGaussian();
        }
        return new LeastSquares(x, y);
    }

    /** The number of examples N. */
    public int examples() {
        return x.length;
    }

    /** The number of features d (the length of w). */
    public int features() {
        return x[0].length;
    }

    /** The loss over all examples, (1/N) sum (x_i . w - y_i)^2 / 2. */
    public double loss(double[] w) {
        checkLength(w);
        double sum = 0;
        for (int i = 0; i < x.length; i++) {
            double r = residual(w, i);
            sum += r * r;
        }
        return sum / (2 * x.length);
    }

    /** The smallest loss any w can reach (at the least-squares solution). */
    public double optimalLoss() {
        return optimalLoss;
    }

    /**
     * loss(w) - optimalLoss(), computed exactly as (w - w*)^T H (w - w*) / 2 with H = X^T X / N (a quadratic has
     * no other terms), which costs d^2 instead of N d and has no cancellation near the optimum.
     */
    public double excessLoss(double[] w) {
        checkLength(w);
        int d = w.length;
        double sum = 0;
        for (int j = 0; j < d; j++) {
            double dj = w[j] - optimum[j];
            double row = 0;
            for (int k = 0; k < d; k++) {
                row += hessian[j][k] * (w[k] - optimum[k]);
            }
            sum += dj * row;
        }
        return Math.max(0, sum / 2);
    }

    /** The least-squares solution w* (a copy). */
    public double[] optimum() {
        return optimum.clone();
    }

    /**
     * The mean gradient over the examples {@code rows[from] .. rows[to - 1]} (a mini-batch, or all of them),
     * written into {@code out}.
     */
    public void gradient(double[] w, int[] rows, int from, int to, double[] out) {
        checkLength(w);
        checkLength(out);
        Args.notNull("rows", rows);
        Args.check(from >= 0 && from < to && to <= rows.length, "from/to",
                "must satisfy 0 <= from < to <= rows.length (" + rows.length + ")", from + "/" + to);
        java.util.Arrays.fill(out, 0);
        for (int k = from; k < to; k++) {
            int i = rows[k];
            double r = residual(w, i);
            for (int j = 0; j < out.length; j++) {
                out[j] += r * x[i][j];
            }
        }
        int n = to - from;
        for (int j = 0; j < out.length; j++) {
            out[j] /= n;
        }
    }

    /** The largest eigenvalue of the Hessian (1/N) X^T X, by power iteration: full-batch GD is stable below 2 / it. */
    public double largestCurvature() {
        int d = features();
        double[] v = new double[d];
        java.util.Arrays.fill(v, 1 / Math.sqrt(d));
        double lambda = 0;
        for (int it = 0; it < 200; it++) {
            double[] hv = hessianTimes(v);
            double norm = 0;
            for (double h : hv) {
                norm += h * h;
            }
            norm = Math.sqrt(norm);
            lambda = norm;
            for (int j = 0; j < d; j++) {
                v[j] = hv[j] / norm;
            }
        }
        return lambda;
    }

    private double[] hessianTimes(double[] v) {
        int d = features();
        double[] out = new double[d];
        for (int j = 0; j < d; j++) {
            for (int k = 0; k < d; k++) {
                out[j] += hessian[j][k] * v[k];
            }
        }
        return out;
    }

    private double residual(double[] w, int i) {
        double dot = 0;
        for (int j = 0; j < w.length; j++) {
            dot += x[i][j] * w[j];
        }
        return dot - y[i];
    }

    private void checkLength(double[] w) {
        Args.notNull("w", w);
        Args.check(w.length == features(), "w", "must have " + features() + " entries", w.length + " entries");
    }

    /** Solves (X^T X / N) w = X^T y / N by Gaussian elimination with partial pivoting (d is small). */
    private double[] solveNormalEquations() {
        int d = features();
        double[][] a = new double[d][d + 1];
        for (int j = 0; j < d; j++) {
            System.arraycopy(hessian[j], 0, a[j], 0, d);
        }
        for (int i = 0; i < x.length; i++) {
            for (int j = 0; j < d; j++) {
                a[j][d] += x[i][j] * y[i] / x.length;
            }
        }
        for (int col = 0; col < d; col++) {
            int pivot = col;
            for (int r = col + 1; r < d; r++) {
                if (Math.abs(a[r][col]) > Math.abs(a[pivot][col])) {
                    pivot = r;
                }
            }
            double[] tmp = a[col];
            a[col] = a[pivot];
            a[pivot] = tmp;
            for (int r = col + 1; r < d; r++) {
                double f = a[r][col] / a[col][col];
                for (int k = col; k <= d; k++) {
                    a[r][k] -= f * a[col][k];
                }
            }
        }
        double[] w = new double[d];
        for (int r = d - 1; r >= 0; r--) {
            double s = a[r][d];
            for (int k = r + 1; k < d; k++) {
                s -= a[r][k] * w[k];
            }
            w[r] = s / a[r][r];
        }
        return w;
    }
}
