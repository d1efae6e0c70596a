package trainwell.core;

/**
 * Argument checks shared by the whole library. Each throws {@link IllegalArgumentException} with a
 * message that names the argument and the value it was given, e.g. {@code "lr must be > 0, got -0.1"}.
 */
public final class Args {

    private Args() {}

    /** A finite number (not NaN, not infinite). */
    public static double finite(String name, double value) {
        if (!Double.isFinite(value)) {
            throw fail(name, "must be a finite number", value);
        }
        return value;
    }

    /** A finite number greater than zero. */
    public static double positive(String name, double value) {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw fail(name, "must be > 0", value);
        }
        return value;
    }

    /** A finite number greater than or equal to zero. */
    public static double nonNegative(String name, double value) {
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw fail(name, "must be >= 0", value);
        }
        return value;
    }

    /** A finite number in the closed interval [lo, hi]. */
    public static double inRange(String name, double value, double lo, double hi) {
        if (!(value >= lo && value <= hi)) {
            throw fail(name, "must be in [" + lo + ", " + hi + "]", value);
        }
        return value;
    }

    /** A finite number in the half-open interval [lo, hi). */
    public static double inRangeExclusive(String name, double value, double lo, double hi) {
        if (!(value >= lo && value < hi)) {
            throw fail(name, "must be in [" + lo + ", " + hi + ")", value);
        }
        return value;
    }

    /** An integer greater than zero. */
    public static int positive(String name, int value) {
        if (value <= 0) {
            throw fail(name, "must be > 0", value);
        }
        return value;
    }

    /** An integer greater than or equal to zero. */
    public static int nonNegative(String name, int value) {
        if (value < 0) {
            throw fail(name, "must be >= 0", value);
        }
        return value;
    }

    /** An integer at least {@code min}. */
    public static int atLeast(String name, int value, int min) {
        if (value < min) {
            throw fail(name, "must be >= " + min, value);
        }
        return value;
    }

    /** A non-null reference. */
    public static <T> T notNull(String name, T value) {
        if (value == null) {
            throw new IllegalArgumentException(name + " must not be null");
        }
        return value;
    }

    /** A condition on an argument; {@code rule} says what was expected, e.g. "must not exceed steps (100)". */
    public static void check(boolean ok, String name, String rule, Object value) {
        if (!ok) {
            throw fail(name, rule, value);
        }
    }

    private static IllegalArgumentException fail(String name, String rule, Object value) {
        return new IllegalArgumentException(name + " " + rule + ", got " + value);
    }
}
