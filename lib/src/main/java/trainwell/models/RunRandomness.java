package trainwell.models;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.function.Supplier;

/**
 * Gives every training run randomness of its own, so that runs side by side on several threads draw the
 * same numbers as they would alone.
 *
 * <p>The engine (PyTorch) has one random generator per process: weight initialization and dropout masks
 * draw from it. Two runs on two threads would interleave their draws, and a run's numbers would depend on
 * its neighbour. So: a run's model is built under {@link #LOCK} right after the generator is seeded with
 * the run's seed ({@link #seeded}: the same weights as a run alone, as before), and while the run trains
 * ({@link #open}), each dropout mask is drawn in Java from the run's own sequence (SplitMix64 from the
 * run's seed), without the engine's generator and without the lock. Outside a run, dropout draws from the
 * engine's generator as it stands, as PyTorch does.
 */
public final class RunRandomness implements AutoCloseable {

    /** Held while the engine's global generator is seeded and drawn from. */
    public static final Object LOCK = new Object();

    private static final ThreadLocal<RunRandomness> CURRENT = new ThreadLocal<>();

    /** Each thread's buffer that masks are drawn into before libtorch copies them ({@link #mask}). */
    private static final ThreadLocal<ByteBuffer> MASK_BUFFER = new ThreadLocal<>();

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

    /** SplitMix64's step between two outputs. */
    private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

    /** The next seed of this run's sequence (SplitMix64). */
    long nextSeed() {
        state += GOLDEN_GAMMA;
        return mix(state);
    }

    /** SplitMix64's output function: the 64 random bits for one state. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /**
     * Inverted dropout of {@code x} with drop probability {@code rate}: x times a mask that is 1 / (1 - rate)
     * where a uniform draw is at least {@code rate} and 0 elsewhere. Inside a run the mask comes from the
     * run's own sequence ({@link #mask}); outside, from the engine's generator as it stands.
     *
     * <p>Not libtorch's dropout: its {@code bernoulli_} draws element by element unless the CPU is an Intel
     * one (where it calls MKL). The mask does not require a gradient, so it is built outside the autograd
     * graph, and the one product that is recorded keeps a mask libtorch owns. (An earlier version multiplied
     * by the scale with DJL's {@code muli(Number)} after the mask: the backward pass then read the scale
     * from freed memory and produced NaN gradients; see {@link trainwell.core.Tensors}.)
     */
    static NDArray dropout(NDArray x, float rate) {
        RunRandomness run = CURRENT.get();
        NDArray mask;
        if (run == null) {
            NDArray uniform = x.getManager().randomUniform(0, 1, x.getShape(), x.getDataType(), x.getDevice());
            mask = uniform.gte(rate).toType(x.getDataType(), false).muli(1 / (1 - rate));
            uniform.close();
        } else {
            mask = run.mask(x, rate);
        }
        return x.mul(mask);
    }

    /**
     * A dropout mask shaped like {@code x}, drawn from this run's sequence: 1 / (1 - rate) where a uniform
     * draw (24 random bits, so a float in [0, 1) on a grid of 2^-24, like a float32 uniform draw) is at
     * least {@code rate}, and 0 elsewhere. Each mask starts a fresh SplitMix64 stream from the run's next
     * seed, so a run's masks depend only on its seed and on how many masks it drew before.
     *
     * <p>Why in Java: drawing the mask through the engine took five native calls (seed the generator,
     * uniform, compare, convert, scale) under a lock shared by every run of the process. Measured on the
     * capstone's naive model (4 layers, d_model 32, dropout 0.1, 13 masks a step), two runs side by side:
     * 25 ms a step with dropout, 17-19 ms without, so the masks cost about a quarter of the step. Here a
     * mask costs two native calls (wrap the Java buffer, copy it into memory libtorch owns), and no lock.
     */
    NDArray mask(NDArray x, float rate) {
        int n = Math.toIntExact(x.getShape().size());
        float keep = 1 / (1 - rate);
        ByteBuffer bytes = maskBuffer(4 * n);
        FloatBuffer values = bytes.asFloatBuffer();
        long stream = nextSeed();
        for (int i = 0; i < n; i += 2) {
            stream += GOLDEN_GAMMA;
            long z = mix(stream);
            values.put(i, (z >>> 40) * 0x1.0p-24f >= rate ? keep : 0f);
            if (i + 1 < n) {
                values.put(i + 1, ((z >>> 16) & 0xFFFFFFL) * 0x1.0p-24f >= rate ? keep : 0f);
            }
        }
        // The wrapped buffer is this thread's: copy it into a tensor libtorch owns before the graph can keep it
        // (and before the next mask overwrites it).
        try (NDArray wrapped = x.getManager().create(bytes, x.getShape(), DataType.FLOAT32)) {
            return x.getDataType() == DataType.FLOAT32 ? wrapped.duplicate() : wrapped.toType(x.getDataType(), true);
        }
    }

    /** The calling thread's buffer for masks, cleared to {@code size} bytes (grown when too small). */
    private static ByteBuffer maskBuffer(int size) {
        ByteBuffer b = MASK_BUFFER.get();
        if (b == null || b.capacity() < size) {
            // One buffer per thread, reused: a direct buffer per mask was freed only by the garbage collector,
            // and lesson 04's kernel grew to 1.4 GB of them before the JVM forced collections.
            b = ByteBuffer.allocateDirect(Math.max(size, 1 << 16)).order(ByteOrder.nativeOrder());
            MASK_BUFFER.set(b);
        }
        b.clear().limit(size);
        return b;
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
