package trainwell.tuning;

import trainwell.core.Args;
import trainwell.schedules.Schedule;

/**
 * The learning-rate range test's sweep (Smith 2017): the rate grows exponentially from {@code minLr} at
 * step 0 to {@code maxLr} at step {@code steps - 1}, and keeps growing at the same ratio after that.
 *
 * <p>Train one short run with this schedule (and a divergence factor, so that it stops once the loss
 * explodes), then read the loss against the rate with {@link RangeCurve}.
 */
public record RangeTest(double minLr, double maxLr, int steps) implements Schedule {

    /** Checks the arguments. */
    public RangeTest {
        Args.positive("minLr", minLr);
        Args.finite("maxLr", maxLr);
        Args.check(maxLr > minLr, "maxLr", "must be > minLr (" + minLr + ")", maxLr);
        Args.atLeast("steps", steps, 2);
    }

    /** A sweep from {@code minLr} to {@code maxLr} over {@code steps} steps. */
    public static RangeTest sweep(double minLr, double maxLr, int steps) {
        return new RangeTest(minLr, maxLr, steps);
    }

    /** The constant factor by which the rate grows at every step. */
    public double growthPerStep() {
        return Math.pow(maxLr / minLr, 1.0 / (steps - 1));
    }

    @Override
    public double at(int step) {
        Args.nonNegative("step", step);
        // Interpolate in log space: equal steps cover equal ratios, so every decade gets the same number of steps.
        return minLr * Math.pow(maxLr / minLr, (double) step / (steps - 1));
    }

    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT, "range test %.0e -> %.0e over %d steps", minLr, maxLr, steps);
    }
}
