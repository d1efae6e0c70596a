package trainwell.initialization;

/** The standard normal density and distribution function, in double precision. */
final class NormalMath {

    private NormalMath() {}

    /** Density of N(0, 1). */
    static double pdf(double z) {
        return Double.isInfinite(z) ? 0 : Math.exp(-0.5 * z * z) / Math.sqrt(2 * Math.PI);
    }

    /** Distribution function of N(0, 1): Phi(z) = (1 + erf(z / sqrt 2)) / 2. */
    static double cdf(double z) {
        double x = z / Math.sqrt(2);
        return x >= 0 ? 1 - 0.5 * erfc(x) : 0.5 * erfc(-x);
    }

    /** Complementary error function for x >= 0: Taylor series of erf below 3, asymptotic series above. */
    static double erfc(double x) {
        if (x < 3) {
            // erf(x) = 2/sqrt(pi) * sum_n (-1)^n x^(2n+1) / (n! (2n+1)); terms stay below e^9, so doubles keep ~1e-12.
            double term = x;
            double sum = x;
            for (int n = 1; n < 200 && Math.abs(term) > 1e-17; n++) {
                term *= -x * x / n;
                sum += term / (2 * n + 1);
            }
            return 1 - 2 / Math.sqrt(Math.PI) * sum;
        }
        if (x > 27) {
            return 0;
        }
        // erfc(x) ~ exp(-x^2)/(x sqrt(pi)) * (1 - 1/(2x^2) + 3/(2x^2)^2 - 15/(2x^2)^3 + 105/(2x^2)^4), rel. error < 1e-4 at x=3.
        double y = 1 / (2 * x * x);
        double series = 1 - y + 3 * y * y - 15 * y * y * y + 105 * y * y * y * y;
        return Math.exp(-x * x) / (x * Math.sqrt(Math.PI)) * series;
    }
}
