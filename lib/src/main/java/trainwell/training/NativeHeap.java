package trainwell.training;

import com.sun.jna.Function;
import com.sun.jna.Platform;

/**
 * Keeps freed native memory in the process instead of handing it back to the operating system after
 * every training step (Linux with glibc; elsewhere nothing happens).
 *
 * <p>Why: the loop frees a whole step's tensors at once when the step's sub-manager closes (about 10 MB
 * for the benchmark model). glibc then trims the top of its heap, and the next step faults the same
 * pages back in, zero-filled: about 2,500 page faults and 2-3 ms of a 48 ms step on the benchmark.
 * PyTorch in Python frees tensors one by one as they die, so it rarely hits this. Keeping the memory
 * changes no number the model computes; resident memory simply stays at the step's peak (it stays flat,
 * see bin/soak). Turn it off with {@code -Dtrainwell.nativeHeap.keep=false}.
 */
public final class NativeHeap {

    // mallopt parameters from glibc's malloc.h.
    private static final int M_TRIM_THRESHOLD = -1;
    private static final int M_TOP_PAD = -2;
    private static final int M_MMAP_THRESHOLD = -3;
    private static final int MB = 1 << 20;

    private static volatile Boolean kept;

    private NativeHeap() {}

    /**
     * Asks glibc once per process to keep up to 512 MB of freed memory, to grow its heap 64 MB at a time
     * and to serve blocks up to 32 MB from the heap; true if that was done (now or before).
     */
    public static boolean keepFreedMemory() {
        Boolean done = kept;
        if (done == null) {
            synchronized (NativeHeap.class) {
                done = kept;
                if (done == null) {
                    done = tune();
                    kept = done;
                }
            }
        }
        return done;
    }

    private static boolean tune() {
        if (!Boolean.parseBoolean(System.getProperty("trainwell.nativeHeap.keep", "true")) || !Platform.isLinux()
                || Platform.isAndroid()) {
            return false;
        }
        try {
            Function mallopt = Function.getFunction("c", "mallopt");
            // mallopt returns 1 on success; a libc without it (musl) throws UnsatisfiedLinkError below.
            return mallopt.invokeInt(new Object[] {M_TRIM_THRESHOLD, 512 * MB}) == 1
                    & mallopt.invokeInt(new Object[] {M_TOP_PAD, 64 * MB}) == 1
                    & mallopt.invokeInt(new Object[] {M_MMAP_THRESHOLD, 32 * MB}) == 1;
        } catch (UnsatisfiedLinkError | RuntimeException e) {
            return false; // an optimisation only: training works the same without it
        }
    }
}
