package trainwell.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class Seq2SeqTransformerTest extends WithManager {

    private static final int PAD = 0;
    private static final int BOS = 1;
    private static Seq2SeqTransformer model;

    @BeforeAll
    static void open() {
        Engine.getInstance().setRandomSeed(5);
        model = Transformers.encoderDecoder(Tiny.config(), manager);
    }

    private static float[] logits(int[][] src, int[][] tgt) {
        try (NDManager m = manager.newSubManager()) {
            NDArray real = Masks.realTokens(m, src, PAD);
            return model.logits(Tiny.store(m), m.create(src), real, m.create(tgt), null, false).toFloatArray();
        }
    }

    @Test
    void sourcePadIdsDoNotChangeTheOutput() {
        int[][] tgt = {{BOS, 3, 4}};
        float[] a = logits(new int[][] {{3, 4, 5, PAD, PAD}}, tgt);
        try (NDManager m = manager.newSubManager()) {
            // Same real tokens, different ids at the padded positions, same 1/0 mask.
            int[][] other = {{3, 4, 5, 9, 11}};
            NDArray real = Masks.realTokens(m, new int[][] {{3, 4, 5, PAD, PAD}}, PAD);
            float[] b = model.logits(Tiny.store(m), m.create(other), real, m.create(tgt), null, false).toFloatArray();
            assertArrayEquals(a, b, 1e-5f);
        }
    }

    @Test
    void futureTargetTokensDoNotChangeEarlierLogits() {
        int[][] src = {{3, 4, 5}};
        float[] a = logits(src, new int[][] {{BOS, 3, 4, 5}});
        float[] b = logits(src, new int[][] {{BOS, 3, 9, 10}});
        for (int i = 0; i < 2 * 12; i++) {
            assertEquals(a[i], b[i], 1e-5f);
        }
    }

    @Test
    void greedyDecodeReturnsOneRowPerSourceOfAtMostMaxSteps() {
        int[][] out = model.greedyDecode(manager, new int[][] {{3, 4, 5}, {6, 7}}, PAD, BOS, -1, 4);
        assertEquals(2, out.length);
        assertEquals(4, out[0].length);
        assertEquals(4, out[1].length);
    }

    @Test
    void greedyDecodeStopsAtEos() {
        int[][] src = {{3, 4, 5}};
        int first = model.greedyDecode(manager, src, PAD, BOS, -1, 1)[0][0];
        assertEquals(0, model.greedyDecode(manager, src, PAD, BOS, first, 6)[0].length);
    }

    @Test
    void greedyDecodeNeverExceedsMaxLength() {
        int[][] out = model.greedyDecode(manager, new int[][] {{3}}, PAD, BOS, -1, 100);
        assertEquals(Tiny.config().maxLength(), out[0].length);
    }

    @Test
    void greedyDecodeLeavesNoArraysOnTheModelManager() {
        int before = manager.getManagedArrays().size();
        model.greedyDecode(manager, new int[][] {{3, 4, 5}}, PAD, BOS, -1, 3);
        assertEquals(before, manager.getManagedArrays().size());
    }

    @Test
    void untiedModelHasAHeadAndSeparateProjectionsAreNamedQueryKeyValue() {
        try (NDManager owner = manager.newSubManager()) {
            Seq2SeqTransformer m = Transformers.encoderDecoder(
                    Tiny.config().withTiedEmbeddings(false).withFusedQkv(false).withPositions(Positions.LEARNED), owner);
            var names = m.namedParameters().keySet();
            assertTrue(names.contains("head.weight"));
            assertTrue(names.contains("encoder.layer0.selfAttention.query.weight"));
            assertTrue(names.contains("decoder.layer0.crossAttention.value.weight"));
            assertTrue(names.contains("sourceEmbedding.position.weight"));
            assertEquals(3, m.greedyDecode(owner, new int[][] {{3, 4}}, PAD, BOS, -1, 3)[0].length);
        }
    }

    @Test
    void fusedAndSeparateProjectionsHaveTheSameParameterCount() {
        try (NDManager owner = manager.newSubManager()) {
            long separate = Transformers.encoderDecoder(Tiny.config().withFusedQkv(false), owner).parameterCount();
            assertEquals(model.parameterCount(), separate);
        }
    }
}
