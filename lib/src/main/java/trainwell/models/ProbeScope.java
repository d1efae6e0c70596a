package trainwell.models;

/**
 * What the thread-confined probes ({@link AttentionProbe}, {@link ActivationSizes}) share: a recorder installed in a
 * thread-local slot only while one forward pass runs on this thread, and the previous one (a probe inside a probe)
 * restored afterwards, also when the pass throws.
 */
final class ProbeScope {

    private ProbeScope() {}

    /** Runs {@code pass} with {@code recorder} in {@code slot} on this thread, then restores the slot. */
    static <T> void run(ThreadLocal<T> slot, T recorder, Runnable pass) {
        T previous = slot.get();
        slot.set(recorder);
        try {
            pass.run();
        } finally {
            if (previous == null) {
                slot.remove();
            } else {
                slot.set(previous);
            }
        }
    }
}
