package trainwell.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import java.nio.ByteBuffer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import tech.tablesaw.api.Table;
import trainwell.initialization.InitScheme;
import trainwell.initialization.LayerStatistics;
import trainwell.training.loss.LabelSmoothingCrossEntropy;

/**
 * The model's gradients do not depend on a garbage collection between forward and backward pass: every
 * constant factor a gradient flows through (attention's 1/sqrt(d_k), the embedding scale, DeepNorm's alpha,
 * label smoothing's weights) must live in memory libtorch owns. With DJL's x.mul(Number) these gradients were
 * read from freed memory (see trainwell.core.Tensors).
 */
class GradientsSurviveGarbageCollectionTest {

    private static void collectGarbageAndReuseMemory() {
        System.gc();
        try {
            Thread.sleep(5);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (int i = 0; i < 2000; i++) {
            ByteBuffer.allocateDirect(4).putFloat(0, 1e-3f);
        }
    }

    private static Table gradients(TransformerConfig config, double smoothing, boolean collect) {
        Engine.getInstance().setRandomSeed(7);
        int[][] ids = {{3, 4, 5, 6, 7, 8}, {8, 9, 10, 11, 3, 4}};
        try (NDManager manager = NDManager.newBaseManager()) {
            TransformerLM model = Transformers.languageModel(config, manager);
            Table t = LayerStatistics.measure(model, manager, ps -> {
                NDManager m = ps.getManager();
                NDArray in = m.create(ids).get(":, 0:5");
                NDArray out = m.create(ids).get(":, 1:6");
                NDArray logits = model.logits(ps, in, null, true);
                NDArray loss = smoothing > 0
                        ? LabelSmoothingCrossEntropy.withSmoothing(smoothing).evaluate(new NDList(out), new NDList(logits))
                        : TokenLoss.crossEntropy(logits, out, 0);
                if (collect) {
                    collectGarbageAndReuseMemory();
                }
                return loss;
            });
            return t.where(t.stringColumn("kind").isEqualTo(LayerStatistics.GRADIENT));
        }
    }

    private static void assertSameGradients(TransformerConfig config, double smoothing) {
        Table calm = gradients(config, smoothing, false);
        Table collected = gradients(config, smoothing, true);
        assertEquals(calm.rowCount(), collected.rowCount());
        for (int i = 0; i < calm.rowCount(); i++) {
            double a = calm.doubleColumn("std").get(i);
            double b = collected.doubleColumn("std").get(i);
            String name = calm.stringColumn("layer").get(i);
            assertTrue(a > 0 || name.contains("beta") || name.contains("bias"), name + " has no gradient");
            assertEquals(a, b, 1e-6 * Math.max(a, 1e-12), name + ": gradient std " + a + " without, " + b
                    + " with a garbage collection between forward and backward pass");
        }
    }

    private static TransformerConfig config() {
        return TransformerConfig.tiny().withVocab(12).withMaxLength(16).withDModel(16).withHeads(2).withFfnWidth(32)
                .withLayers(3).withDropout(0);
    }

    @ParameterizedTest
    @EnumSource(NormPlacement.class)
    void everyPlacement(NormPlacement placement) {
        TransformerConfig c = config().withNorm(placement);
        assertSameGradients(placement == NormPlacement.DEEP_NORM ? c.withInit(InitScheme.deepNorm()) : c, 0);
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.1})
    void scaledEmbeddingsAndLabelSmoothing(double smoothing) {
        assertSameGradients(config().withScaledEmbeddings(true), smoothing);
    }
}
