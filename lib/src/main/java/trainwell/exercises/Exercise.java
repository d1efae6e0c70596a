package trainwell.exercises;

/**
 * Placeholders a learner's copy of a notebook leaves where an answer goes. A check that meets one
 * says "not solved yet" instead of failing, so an unsolved notebook still runs from top to bottom.
 *
 * <pre>{@code
 * double peakLr = Exercise.TODO;                           // a number
 * int warmupSteps = Exercise.TODO_INT;                     // a whole number
 * Schedule mine = step -> { throw Exercise.notSolved(); }; // a function
 * }</pre>
 */
public final class Exercise {

    /**
     * Bits of {@link #TODO}: a quiet NaN with a payload of its own. Arithmetic on a NaN keeps the payload
     * of its NaN operand on common CPUs, so {@code 2 * TODO} still reads as unsolved, while a NaN that
     * a learner's code computes (0.0 / 0.0) has the ordinary bits and is reported as a wrong answer.
     */
    private static final long TODO_BITS = 0x7ff8_7d0d_0000_0000L;

    /** The placeholder for a number answer. */
    public static final double TODO = Double.longBitsToDouble(TODO_BITS);

    /** The placeholder for a whole-number answer (the smallest int, which no exercise expects). */
    public static final int TODO_INT = Integer.MIN_VALUE;

    private Exercise() {}

    /** The exception a placeholder function throws: {@code throw Exercise.notSolved();}. */
    public static NotSolved notSolved() {
        return new NotSolved();
    }

    /** True for {@link #TODO}, for values computed from it, and for {@link #TODO_INT}. */
    public static boolean isTodo(double value) {
        // the sign bit is masked out (-TODO is still TODO), and so are the low bits that no check needs
        return (Double.doubleToRawLongBits(value) & 0x7fff_ffff_0000_0000L) == TODO_BITS
                || value == TODO_INT;
    }

    /** Thrown by a learner's function that is still a placeholder. */
    public static final class NotSolved extends RuntimeException {
        private static final long serialVersionUID = 1L;

        NotSolved() {
            super("not solved yet", null, false, false);
        }
    }
}
