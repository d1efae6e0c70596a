package trainwell.training;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;

/**
 * A gradient collector that several threads may hold at once. DJL's PyTorch collector allows one in the
 * whole process (a static flag: "Only one can be collecting at a time"), although what it switches on,
 * PyTorch's gradient mode, is per thread. This one switches the calling thread's gradient mode on, runs
 * the same backward call, and switches the mode off again when closed; the gradients are the same.
 *
 * <p>PyTorch's gradient mode starts on in every new thread; DJL switches it off only on the thread that
 * loads the engine. A run on another thread calls {@link #offOnThisThread()} first, or its optimizer's
 * in-place updates fail ("a leaf Variable that requires grad is being used in an in-place operation").
 */
final class ThreadGradients implements GradientCollector {

    ThreadGradients() {
        JniUtils.setGradMode(true);
    }

    /**
     * Prepares the calling thread for a run as DJL prepares the thread that loads the engine: gradient mode
     * off, and the engine's intra-op thread count (ai.djl.pytorch.num_threads) applied to this thread too.
     * OpenMP keeps the thread count per thread: a new thread would otherwise start a team of one thread per
     * core for every large op, and two runs side by side would each spin two threads on two cores.
     */
    static void offOnThisThread() {
        Engine.getInstance();   // loads the native library first
        JniUtils.setGradMode(false);
        String threads = System.getProperty("ai.djl.pytorch.num_threads");
        if (threads != null) {
            try {
                int n = Integer.parseInt(threads.trim());
                if (n > 0) {
                    JniUtils.setNumThreads(n);
                }
            } catch (NumberFormatException e) {
                // DJL ignores an unreadable value as well
            }
        }
    }

    @Override
    public void backward(NDArray target) {
        try (NDArray ones = target.getManager().ones(target.getShape(), target.getDataType())) {
            JniUtils.backward((PtNDArray) target, (PtNDArray) ones, false, false);
        }
    }

    @Override
    public void zeroGradients() {
        throw new UnsupportedOperationException("the training loop manages gradients itself");
    }

    @Override
    public void close() {
        JniUtils.setGradMode(false);
    }
}
