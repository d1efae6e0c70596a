package trainwell.precision;

import trainwell.core.Args;

/**
 * A binary floating-point format, emulated in double precision: rounding to the nearest value the format
 * can hold (ties to even, as IEEE 754 and PyTorch's conversions do), overflow to infinity, gradual underflow
 * through subnormals to zero. For lessons on low precision when the engine cannot compute in it: round
 * every stored value after each operation and watch what is lost.
 *
 * <p>The formats (IEEE 754-2008; bfloat16: Google Brain's truncated float32):
 * <table>
 *   <caption>bits of each format</caption>
 *   <tr><th>format</th><th>exponent</th><th>mantissa</th><th>largest</th><th>smallest normal</th><th>smallest subnormal</th></tr>
 *   <tr><td>float32</td><td>8</td><td>23</td><td>3.4e38</td><td>1.2e-38</td><td>1.4e-45</td></tr>
 *   <tr><td>bfloat16</td><td>8</td><td>7</td><td>3.39e38</td><td>1.2e-38</td><td>9.2e-41</td></tr>
 *   <tr><td>float16</td><td>5</td><td>10</td><td>65504</td><td>6.1e-5</td><td>6.0e-8</td></tr>
 * </table>
 */
public enum FloatFormat {
    /** IEEE single precision: 8 exponent bits, 23 stored mantissa bits. */
    FLOAT32(23, -126, 127),
    /** bfloat16: float32's exponent range with 7 stored mantissa bits (about 2-3 significant digits). */
    BFLOAT16(7, -126, 127),
    /** IEEE half precision: 5 exponent bits, 10 stored mantissa bits, largest finite value 65504. */
    FLOAT16(10, -14, 15);

    private final int mantissaBits;
    private final int minExponent;
    private final int maxExponent;

    FloatFormat(int mantissaBits, int minExponent, int maxExponent) {
        this.mantissaBits = mantissaBits;
        this.minExponent = minExponent;
        this.maxExponent = maxExponent;
    }

    /** Stored mantissa bits (the leading 1 of a normal number is implicit). */
    public int mantissaBits() {
        return mantissaBits;
    }

    /** The largest finite value: (2 - 2^-m) 2^maxExponent. */
    public double max() {
        return (2 - Math.scalb(1.0, -mantissaBits)) * Math.scalb(1.0, maxExponent);
    }

    /** The smallest positive normal value, 2^minExponent. */
    public double minNormal() {
        return Math.scalb(1.0, minExponent);
    }

    /** The smallest positive value, a subnormal: 2^(minExponent - m). */
    public double minSubnormal() {
        return Math.scalb(1.0, minExponent - mantissaBits);
    }

    /** Machine epsilon: the gap between 1 and the next value, 2^-m. */
    public double epsilon() {
        return Math.scalb(1.0, -mantissaBits);
    }

    /**
     * The gap between {@code x} and the next larger value of this format in magnitude (its unit in the last
     * place): an update smaller than half of it leaves x unchanged.
     */
    public double ulp(double x) {
        Args.finite("x", x);
        return Math.scalb(1.0, exponentOf(x) - mantissaBits);
    }

    /** {@code x} rounded to the nearest value of this format (ties to even); beyond the range, +-infinity. */
    public double round(double x) {
        if (Double.isNaN(x) || Double.isInfinite(x) || x == 0) {
            return x;
        }
        double quantum = Math.scalb(1.0, exponentOf(x) - mantissaBits);
        double r = Math.rint(x / quantum) * quantum;   // x / quantum is exact: a power of two
        if (Math.abs(r) > max()) {
            return Math.copySign(Double.POSITIVE_INFINITY, x);
        }
        return r;
    }

    /** Every value rounded, in place; returns the array. */
    public double[] roundAll(double[] values) {
        Args.notNull("values", values);
        for (int i = 0; i < values.length; i++) {
            values[i] = round(values[i]);
        }
        return values;
    }

    /** The binade exponent of x in this format, never below the subnormal range's. */
    private int exponentOf(double x) {
        return Math.max(Math.getExponent(x), minExponent);
    }
}
