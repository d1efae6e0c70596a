package trainwell.models;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.nn.norm.Dropout;
import java.util.function.Supplier;

/**
 * Gives every training run randomness of its own, so that runs side by side on several threads draw the
 * same numbers as they would alone.
 *
 * <p>The engine (PyTorch) has one random generator per process: weight initialization and dropout masks
 * draw from it. Two runs on two threads would interleave their draws, and a run's numbers would depend on
 * its neighbour. So: a run's model is built under {@link #LOCK} right after the generator is seeded with
 * the run's seed ({@link #seeded}: the same weights as a run alone, as before), and while the run trains
 * ({@link #open}), each dropout mask is drawn under the lock right after seeding the generator with the
 * next number of the run's own sequence (SplitMix64 from the run's seed). Outside a run, dropout draws
 * from the generator as it stands, as PyTorch does.
 */
public final class RunRandomness implements AutoCloseable {

    /** Held while the engine's global generator is seeded and drawn from. */
    public static final Object LOCK = new Object();

    private static final ThreadLocal<RunRandomness> CURRENT = new ThreadLocal<>();

    private final RunRandomness previous;
    private long state;
    private boolean closed;

    private RunRandomness(long seed, RunRandomness previous) {
        this.state = seed;
        this.previous = previous;
    }

    /** Seeds the engine's generator with {@code seed} and runs {@code body} (e.g. builds a model), holding the lock. */
    public static <T> T seeded(long seed, Supplier<T> body) {
        synchronized (LOCK) {
            Engine.getInstance().setRandomSeed((int) seed);
            return body.get();
        }
    }

    /** Starts the calling thread's run randomness from {@code seed}; close it when the run ends. */
    public static RunRandomness open(long seed) {
        RunRandomness r = new RunRandomness(seed, CURRENT.get());
        CURRENT.set(r);
        return r;
    }

    /** True while the calling thread is inside {@link #open}. */
    public static boolean active() {
        return CURRENT.get() != null;
    }

    /** The next seed of this run's sequence (SplitMix64). */
    long nextSeed() {
        state += 0x9E3779B97F4A7C15L;
        long z = state;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /**
     * Inverted dropout of {@code x} with drop probability {@code rate} (libtorch's): inside a run, its mask
     * drawn from the run's own sequence (see the class comment); outside, from the engine's generator as it
     * stands.
     */
    static NDArray dropout(NDArray x, float rate) {
        RunRandomness run = CURRENT.get();
        if (run == null) {
            return Dropout.dropout(x, rate, true).head();
        }
        synchronized (LOCK) {
            Engine.getInstance().setRandomSeed((int) (run.nextSeed() >>> 32));
            return Dropout.dropout(x, rate, true).head();
        }
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            if (previous == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(previous);
            }
        }
    }
}
