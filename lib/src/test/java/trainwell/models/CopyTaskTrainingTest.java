package trainwell.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import java.util.Collection;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** A tiny encoder-decoder must be able to memorise a few copy examples: the whole stack learns end to end. */
class CopyTaskTrainingTest {

    private static final int PAD = 0;
    private static final int BOS = 1;
    private static final int EOS = 2;

    /** One Adam step on one batch; returns the loss. Everything but the parameters lives in a per-step sub-manager. */
    private static float step(NDManager manager, Seq2SeqTransformer model, Collection<Parameter> params, Optimizer adam,
            int[][] src, int[][] tgtIn, int[][] tgtOut) {
        try (NDManager m = manager.newSubManager(); GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            ParameterStore ps = new ParameterStore(m, false);
            NDArray logits = model.logits(ps, m.create(src), Masks.realTokens(m, src, PAD), m.create(tgtIn),
                    Masks.realTokens(m, tgtIn, PAD), true);
            NDArray loss = TokenLoss.crossEntropy(logits, m.create(tgtOut), PAD);
            collector.backward(loss);
            for (Parameter p : params) {
                try (NDArray g = p.getArray().getGradient()) {
                    adam.update(p.getId(), p.getArray(), g);
                    g.subi(g); // DJL on PyTorch accumulates gradients: zero them for the next step.
                }
            }
            return loss.getFloat();
        }
    }

    @Test
    void tinyEncoderDecoderOverfitsAFewCopyExamples() {
        // On a busy 2-core machine, two OpenMP threads per op wait for each other: measured 275 ms/step
        // with 2 intra-op threads against 11 ms/step with 1 for this model. Use one thread here, then restore.
        Engine.getInstance(); // loads the native library
        int threads = JniUtils.getNumThreads();
        JniUtils.setNumThreads(1);
        try {
            overfitCopyExamples();
        } finally {
            JniUtils.setNumThreads(threads);
        }
    }

    private static void overfitCopyExamples() {
        Engine.getInstance().setRandomSeed(42);
        Random random = new Random(42);
        int n = 8;
        int len = 5;
        int[][] src = new int[n][len];
        int[][] tgtIn = new int[n][len + 1];
        int[][] tgtOut = new int[n][len + 1];
        for (int i = 0; i < n; i++) {
            tgtIn[i][0] = BOS;
            for (int j = 0; j < len; j++) {
                src[i][j] = 3 + random.nextInt(9);
                tgtIn[i][j + 1] = src[i][j];
                tgtOut[i][j] = src[i][j];
            }
            tgtOut[i][len] = EOS;
        }
        TransformerConfig config = Tiny.config().withLayers(1).withMaxLength(8);
        long start = System.nanoTime();
        int steps = 0;
        float loss = Float.NaN;
        try (NDManager manager = NDManager.newBaseManager()) {
            Seq2SeqTransformer model = Transformers.encoderDecoder(config, manager);
            Optimizer adam = Optimizer.adam().optLearningRateTracker(Tracker.fixed(1e-2f)).build();
            Collection<Parameter> params = model.namedParameters().values();
            while (steps < 400 && !(loss < 0.02f)) {
                loss = step(manager, model, params, adam, src, tgtIn, tgtOut);
                steps++;
            }
            int[][] decoded = model.greedyDecode(manager, src, PAD, BOS, EOS, len + 2);
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("copy task: loss %.4f after %d steps, %.1f s (%.1f ms/step)%n", loss, steps, seconds,
                    1000 * seconds / steps);
            assertTrue(loss < 0.05f, "loss " + loss + " after " + steps + " steps");
            assertEquals(n, decoded.length);
            for (int i = 0; i < n; i++) {
                assertArrayEquals(src[i], decoded[i], "row " + i);
            }
            assertTrue(seconds < 20, "took " + seconds + " s");
        }
    }
}
