package trainwell.claims;

/**
 * Thrown by a claim that does not hold in strict mode (the test command, solved lessons), so that the
 * notebook fails and names the claim; its message is the claim's sentence with what was measured.
 */
public final class ClaimFailed extends AssertionError {

    private static final long serialVersionUID = 1L;

    private final transient ClaimResult result;

    ClaimFailed(ClaimResult result) {
        super(result.toText());
        this.result = result;
    }

    /** The claim that did not hold. */
    public ClaimResult result() {
        return result;
    }
}
