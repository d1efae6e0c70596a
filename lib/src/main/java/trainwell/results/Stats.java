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
}
