package trainwell.results;

import trainwell.core.Args;

/**
 * Count, mean and sample standard deviation of some values (NaN values are left out).
 *
 * <p>The standard deviation is the sample one, dividing by {@code n - 1} (Bessel's correction), as
 * Tablesaw, pandas and {@code torch.std} do by default: a handful of seeds is a sample of all seeds.
 * With fewer than two values it is NaN.
 */
public record Stats(int n, double mean, double std) {

    /** The statistics of the values that are not NaN. */
    public static Stats of(double... values) {
        Args.notNull("values", values);
        int n = 0;
        double sum = 0;
        for (double v : values) {
            if (!Double.isNaN(v)) {
                n++;
                sum += v;
            }
        }
        if (n == 0) {
            return new Stats(0, Double.NaN, Double.NaN);
        }
        double mean = sum / n;
        double squares = 0; // two passes: the one-pass formula loses digits when the std is small
        for (double v : values) {
            if (!Double.isNaN(v)) {
                squares += (v - mean) * (v - mean);
            }
        }
        return new Stats(n, mean, n < 2 ? Double.NaN : Math.sqrt(squares / (n - 1)));
    }

    /**
     * The {@code q}-quantile of the values that are not NaN (q = 0.5: the median, 0.95: the 95th
     * percentile), interpolated linearly between the two nearest sorted values, as {@code numpy.quantile}
     * and {@code torch.quantile} do by default: position q (n - 1) in the sorted values. NaN when every
     * value is NaN.
     *
     * @throws IllegalArgumentException when {@code q} is outside [0, 1] or {@code values} is null
     */
    public static double quantile(double[] values, double q) {
        Args.notNull("values", values);
        Args.check(q >= 0 && q <= 1, "q", "must be in [0, 1]", q);
        double[] sorted = java.util.Arrays.stream(values).filter(v -> !Double.isNaN(v)).sorted().toArray();
        if (sorted.length == 0) {
            return Double.NaN;
        }
        double position = q * (sorted.length - 1);
        int below = (int) Math.floor(position);
        int above = Math.min(below + 1, sorted.length - 1);
        return sorted[below] + (position - below) * (sorted[above] - sorted[below]);
    }
}
