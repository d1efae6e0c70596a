package trainwell.models;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
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
     * Inverted dropout of {@code x} with drop probability {@code rate}: x times a mask that is 1 / (1 - rate)
     * where a uniform draw is at least {@code rate} and 0 elsewhere. Inside a run the draw comes from the
     * run's own sequence (see the class comment); outside, from the engine's generator as it stands. Only the
     * draw holds the lock.
     *
     * <p>Not libtorch's dropout: its {@code bernoulli_} draws element by element unless the CPU is an Intel
     * one (where it calls MKL); a uniform draw is vectorised. The mask does not require a gradient, so it is
     * built outside the autograd graph, and the one product that is recorded keeps a mask libtorch owns. (An
     * earlier version multiplied by the scale with DJL's {@code muli(Number)} after the mask: the backward
     * pass then read the scale from freed memory and produced NaN gradients; see {@link trainwell.core.Tensors}.)
     */
    static NDArray dropout(NDArray x, float rate) {
        NDArray uniform;
        RunRandomness run = CURRENT.get();
        if (run == null) {
            uniform = draw(x);
        } else {
            synchronized (LOCK) {
                Engine.getInstance().setRandomSeed((int) (run.nextSeed() >>> 32));
                uniform = draw(x);
            }
        }
        NDArray mask = uniform.gte(rate).toType(x.getDataType(), false).muli(1 / (1 - rate));
        uniform.close();
        return x.mul(mask);
    }

    private static NDArray draw(NDArray x) {
        return x.getManager().randomUniform(0, 1, x.getShape(), x.getDataType(), x.getDevice());
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
