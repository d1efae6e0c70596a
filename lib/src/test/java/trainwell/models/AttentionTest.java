package trainwell.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class AttentionTest extends WithManager {


    @BeforeAll
    static void open() {
        Engine.getInstance().setRandomSeed(11);
    }

    private static NDArray random(NDManager m, long... shape) {
        return m.randomNormal(new Shape(shape));
    }

    @Test
    void attentionRowsSumToOne() {
        try (NDManager m = manager.newSubManager()) {
            NDArray w = Attention.weights(random(m, 2, 3, 5, 4), random(m, 2, 3, 7, 4), null);
            float[] sums = w.sum(new int[] {-1}).toFloatArray();
            for (float s : sums) {
                assertEquals(1f, s, 1e-5f);
            }
        }
    }

    @Test
    void paddedKeysGetZeroWeight() {
        try (NDManager m = manager.newSubManager()) {
            NDArray real = m.create(new float[][] {{1, 1, 1, 0, 0}, {1, 1, 1, 1, 1}});
            NDArray w = Attention.weights(random(m, 2, 2, 5, 4), random(m, 2, 2, 5, 4), Masks.padding(real));
            float[] first = w.get(0).toFloatArray(); // (2 heads, 5 queries, 5 keys)
            for (int i = 0; i < first.length; i++) {
                int key = i % 5;
                if (key >= 3) {
                    assertEquals(0f, first[i], 1e-7f);
                }
            }
            assertTrue(w.get(1).min().getFloat() > 0, "the unpadded row attends everywhere");
        }
    }

    @Test
    void causalMaskGivesFutureKeysZeroWeight() {
        try (NDManager m = manager.newSubManager()) {
            int t = 6;
            float[] w = Attention.weights(random(m, 1, 1, t, 4), random(m, 1, 1, t, 4), Masks.causal(m, t)).toFloatArray();
            for (int i = 0; i < t; i++) {
                for (int j = 0; j < t; j++) {
                    if (j > i) {
                        assertEquals(0f, w[i * t + j], 1e-7f);
                    } else {
                        assertTrue(w[i * t + j] > 0);
                    }
                }
            }
        }
    }

    @Test
    void causalMaskIsUpperTriangleBlocked() {
        try (NDManager m = manager.newSubManager()) {
            assertArrayEquals(new float[] {0, Masks.BLOCKED, 0, 0}, Masks.causal(m, 2).toFloatArray());
        }
    }

    @Test
    void maskFromJavaArrayMatchesCausal() {
        try (NDManager m = manager.newSubManager()) {
            boolean[][] allowed = {{true, false, false}, {true, true, false}, {true, true, true}};
            assertArrayEquals(Masks.causal(m, 3).toFloatArray(), Masks.fromAllowed(m, allowed).toFloatArray());
        }
    }

    @Test
    void realTokensMarksPadsWithZero() {
        try (NDManager m = manager.newSubManager()) {
            int[][] ids = Masks.padRight(new int[][] {{5, 6, 7}, {8}}, 0);
            assertArrayEquals(new float[] {1, 1, 1, 1, 0, 0}, Masks.realTokens(m, ids, 0).toFloatArray());
        }
    }

    @Test
    void multiHeadAttentionKeepsTheInputShape() {
        MultiHeadAttention mha = new MultiHeadAttention(16, 4, 0, true, true);
        mha.initialize(manager, DataType.FLOAT32, new Shape(1, 1, 16));
        try (NDManager m = manager.newSubManager()) {
            NDArray y = mha.apply(Tiny.store(m), random(m, 3, 5, 16), null, null, false);
            assertEquals(new Shape(3, 5, 16), y.getShape());
        }
    }

    @Test
    void recordedWeightsHaveBatchHeadQueryKeyShapeAndRowsSumToOne() {
        MultiHeadAttention mha = new MultiHeadAttention(16, 4, 0, false, true);
        mha.initialize(manager, DataType.FLOAT32, new Shape(1, 1, 16));
        mha.recordWeights(true);
        try (NDManager m = manager.newSubManager()) {
            mha.apply(Tiny.store(m), random(m, 2, 3, 16), random(m, 2, 5, 16), null, false);
        }
        float[][][][] w = mha.lastWeights();
        assertEquals(2, w.length);
        assertEquals(4, w[0].length);
        assertEquals(3, w[0][0].length);
        assertEquals(5, w[0][0][0].length);
        double sum = 0;
        for (float v : w[1][3][2]) {
            sum += v;
        }
        assertEquals(1, sum, 1e-5);
        mha.recordWeights(false);
        assertNull(mha.lastWeights());
    }

    @Test
    void modelReportsAttentionWeightsOfEveryBlockByName() {
        try (NDManager owner = manager.newSubManager()) {
            Seq2SeqTransformer model = Transformers.encoderDecoder(Tiny.config(), owner);
            model.recordAttention(true);
            try (NDManager m = owner.newSubManager()) {
                NDArray src = m.create(new int[][] {{3, 4, 5, 6}});
                NDArray tgt = m.create(new int[][] {{1, 3, 4}});
                model.logits(Tiny.store(m), src, null, tgt, null, false);
            }
            Map<String, float[][][][]> weights = model.attentionWeights();
            assertEquals(6, weights.size());
            float[][][][] cross = weights.get("decoder.layer1.crossAttention");
            assertEquals(3, cross[0][0].length);
            assertEquals(4, cross[0][0][0].length);
        }
    }
}
