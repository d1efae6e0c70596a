package trainwell.exercises;

/**
 * Thrown by a failed or unsolved check in strict mode (solution notebooks, CI), so that running the
 * notebook fails; its message is the check's friendly text.
 */
public final class ExerciseFailed extends AssertionError {

    private static final long serialVersionUID = 1L;

    private final transient CheckResult result;

    ExerciseFailed(CheckResult result) {
        super(result.toText());
        this.result = result;
    }

    /** The check that did not pass. */
    public CheckResult result() {
        return result;
    }
}
