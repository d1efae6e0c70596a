package trainwell.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class TransformerLMTest extends WithManager {

    private static TransformerLM model;

    @BeforeAll
    static void open() {
        Engine.getInstance().setRandomSeed(3);
        model = Transformers.languageModel(Tiny.config(), manager);
    }

    private static float[] logitsAtPositions(int[] ids, int upTo) {
        try (NDManager m = manager.newSubManager()) {
            NDArray logits = model.logits(Tiny.store(m), m.create(new int[][] {ids}), null, false);
            return logits.get(":, 0:" + upTo + ", :").toFloatArray();
        }
    }

    @Test
    void changingAFutureTokenDoesNotChangeEarlierOutputs() {
        int[] a = {3, 4, 5, 6, 7, 8, 9, 10};
        int[] b = a.clone();
        b[5] = 11;
        assertArrayEquals(logitsAtPositions(a, 5), logitsAtPositions(b, 5), 1e-5f);
    }

    @Test
    void changingAPastTokenChangesLaterOutputs() {
        int[] a = {3, 4, 5, 6, 7, 8};
        int[] b = a.clone();
        b[0] = 11;
        float[] la = logitsAtPositions(a, 6);
        float[] lb = logitsAtPositions(b, 6);
        int v = 12;
        double diff = 0;
        for (int i = 5 * v; i < 6 * v; i++) {
            diff += Math.abs(la[i] - lb[i]);
        }
        assertTrue(diff > 1e-4, "last position must see the first token, diff " + diff);
    }

    @Test
    void logitsHaveBatchTimeVocabShape() {
        try (NDManager m = manager.newSubManager()) {
            NDArray ids = m.create(new int[][] {{3, 4, 5}, {6, 7, 8}});
            assertEquals(new Shape(2, 3, 12), model.logits(Tiny.store(m), ids, null, false).getShape());
        }
    }

    @Test
    void tiedModelHasNoHeadParameter() {
        assertTrue(model.namedParameters().keySet().stream().noneMatch(n -> n.startsWith("head")));
        assertTrue(model.namedParameters().containsKey("decoder.layer1.selfAttention.qkv.weight"));
    }

    @Test
    void generateStopsAtMaxNewTokens() {
        assertEquals(5, model.generate(manager, new int[] {3, 4}, 5, -1).length);
    }

    @Test
    void generateStopsBeforeEos() {
        int first = model.generate(manager, new int[] {3, 4}, 1, -1)[0];
        assertEquals(0, model.generate(manager, new int[] {3, 4}, 5, first).length);
    }

    @Test
    void generateRunsPastMaxLengthBySlidingTheContext() {
        assertEquals(20, model.generate(manager, new int[] {3}, 20, -1).length);
    }

    @Test
    void trainingStepLeavesNoArraysOnTheModelManager() {
        int before = manager.getManagedArrays().size();
        try (NDManager m = manager.newSubManager(); GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            NDArray ids = m.create(new int[][] {{3, 4, 5, 6}});
            NDArray logits = model.logits(Tiny.store(m), ids.get(":, 0:3"), null, true);
            collector.backward(TokenLoss.crossEntropy(logits, ids.get(":, 1:"), 0));
            for (Parameter p : model.namedParameters().values()) {
                try (NDArray g = p.getArray().getGradient()) {
                    g.subi(g);
                }
            }
        }
        assertEquals(before, manager.getManagedArrays().size());
    }

    @Test
    void djlForwardGivesTheSameLogitsAsTheTypedMethod() {
        try (NDManager m = manager.newSubManager()) {
            NDArray ids = m.create(new int[][] {{3, 4, 5}});
            float[] typed = model.logits(Tiny.store(m), ids, null, false).toFloatArray();
            float[] djl = model.forward(Tiny.store(m), new NDList(ids), false).head().toFloatArray();
            assertArrayEquals(typed, djl);
        }
    }

    @Test
    void inferenceLeavesNoArraysOnTheModelManager() {
        int before = manager.getManagedArrays().size();
        model.generate(manager, new int[] {3, 4, 5}, 4, -1);
        try (NDManager m = manager.newSubManager()) {
            model.logits(Tiny.store(m), m.create(new int[][] {{3, 4}}), null, false);
        }
        assertEquals(before, manager.getManagedArrays().size());
    }
}
