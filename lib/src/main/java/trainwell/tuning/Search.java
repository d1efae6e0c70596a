package trainwell.tuning;

import java.util.Random;
import trainwell.core.Args;

/** Helpers of hyper-parameter search: log-uniform samples, log-spaced grids, best-so-far curves. */
public final class Search {

    private Search() {}

    /**
     * Maps {@code u} in [0, 1] to [lo, hi] uniformly in the logarithm: u = 0.5 gives the geometric mean.
     * Scale-like hyper-parameters (learning rate, weight decay) are searched this way, so that 1e-4..1e-3
     * gets as many trials as 1e-3..1e-2.
     */
    public static double logUniform(double lo, double hi, double u) {
        checkRange(lo, hi);
        Args.inRange("u", u, 0, 1);
        return lo * Math.pow(hi / lo, u);
    }

    /** A random value log-uniform in [lo, hi). */
    public static double logUniform(Random random, double lo, double hi) {
        Args.notNull("random", random);
        return logUniform(lo, hi, random.nextDouble());
    }

    /** {@code n} values from lo to hi (both included), evenly spaced in the logarithm. */
    public static double[] logGrid(double lo, double hi, int n) {
        checkRange(lo, hi);
        Args.atLeast("n", n, 2);
        double[] grid = new double[n];
        for (int i = 0; i < n; i++) {
            grid[i] = lo * Math.pow(hi / lo, (double) i / (n - 1));
        }
        return grid;
    }

    /**
     * The best (lowest) value among the first i+1 trials, for each i: the curve a search is judged by. A
     * trial that failed (NaN, e.g. a diverged run) does not improve the best.
     */
    public static double[] bestSoFar(double[] losses) {
        Args.notNull("losses", losses);
        double[] best = new double[losses.length];
        double b = Double.NaN;
        for (int i = 0; i < losses.length; i++) {
            if (!Double.isNaN(losses[i]) && (Double.isNaN(b) || losses[i] < b)) {
                b = losses[i];
            }
            best[i] = b;
        }
        return best;
    }

    private static void checkRange(double lo, double hi) {
        Args.positive("lo", lo);
        Args.finite("hi", hi);
        Args.check(hi > lo, "hi", "must be > lo (" + lo + ")", hi);
    }
}
