package trainwell.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The attention probe measures what {@link Attention#weights} computes, by hand on tiny cases: uniform attention over
 * n keys has entropy log(n), and the largest logit is the largest allowed q.k / sqrt(d_h).
 */
class AttentionProbeTest extends WithManager {

    private static List<AttentionProbe.Stats> probe(NDArray q, NDArray k, NDArray mask) {
        return AttentionProbe.during(() -> Attention.weights(q, k, mask));
    }

    @Test
    void uniformAttentionOverTKeysHasEntropyLogT() {
        try (NDManager m = manager.newSubManager()) {
            // Zero queries give equal logits for every key: uniform weights over all 5 keys.
            List<AttentionProbe.Stats> s = probe(m.zeros(new Shape(2, 3, 4, 8)), m.randomNormal(new Shape(2, 3, 5, 8)), null);
            assertEquals(1, s.size());
            assertEquals(Math.log(5), s.get(0).entropy(), 1e-5);
            assertEquals(0, s.get(0).maxLogit(), 0.0);
        }
    }

    @Test
    void underACausalMaskQueryIHasEntropyLogOfIPlusOne() {
        try (NDManager m = manager.newSubManager()) {
            int t = 4;
            AttentionProbe.Stats s = probe(m.zeros(new Shape(1, 2, t, 8)), m.randomNormal(new Shape(1, 2, t, 8)),
                    Masks.causal(m, t)).get(0);
            double expected = (Math.log(1) + Math.log(2) + Math.log(3) + Math.log(4)) / 4;
            assertEquals(expected, s.entropy(), 1e-5);
        }
    }

    @Test
    void maxLogitIsTheLargestAllowedScaledDotProduct() {
        try (NDManager m = manager.newSubManager()) {
            // d_h = 2. q0.k0 = 2, q0.k1 = 9 (blocked by the causal mask), q1.k0 = 3, q1.k1 = 1.
            NDArray q = m.create(new float[] {1, 0, 0, 1}, new Shape(1, 1, 2, 2));
            NDArray k = m.create(new float[] {2, 3, 9, 1}, new Shape(1, 1, 2, 2));
            AttentionProbe.Stats s = probe(q, k, Masks.causal(m, 2)).get(0);
            assertEquals(3 / Math.sqrt(2), s.maxLogit(), 1e-6);
            // Row 0 sees one key (entropy 0); row 1 sees logits 3/sqrt2 and 1/sqrt2.
            double p = 1 / (1 + Math.exp(-2 / Math.sqrt(2)));
            double row1 = -(p * Math.log(p) + (1 - p) * Math.log(1 - p));
            assertEquals(row1 / 2, s.entropy(), 1e-6);
            assertEquals(9 / Math.sqrt(2), probe(q, k, null).get(0).maxLogit(), 1e-6, "without the mask, q0.k1 counts");
        }
    }

    @Test
    void aQueryRowWithNoAllowedKeyDoesNotCount() {
        try (NDManager m = manager.newSubManager()) {
            NDArray mask = Masks.fromAllowed(m, new boolean[][] {{false, false, false}, {true, true, true}});
            AttentionProbe.Stats s = probe(m.zeros(new Shape(1, 1, 2, 4)), m.randomNormal(new Shape(1, 1, 3, 4)), mask).get(0);
            assertEquals(Math.log(3), s.entropy(), 1e-5, "only row 1, uniform over 3 keys");
        }
    }

    @Test
    void theProbeChangesNothingAndCountsOneCallPerLayer() {
        try (NDManager m = manager.newSubManager()) {
            TransformerLM lm = Transformers.languageModel(Tiny.config().withDecoderLayers(3), m);
            NDArray ids = m.create(new int[][] {{1, 2, 3, 4, 5}, {5, 4, 3, 2, 1}});
            float[] plain = lm.logits(Tiny.store(m), ids, null, false).toFloatArray();
            float[][] probed = new float[1][];
            List<AttentionProbe.Stats> s = AttentionProbe.during(() -> probed[0] = lm.logits(Tiny.store(m), ids, null, false).toFloatArray());
            assertEquals(3, s.size());
            assertArrayEquals(plain, probed[0]);
            for (AttentionProbe.Stats layer : s) {
                assertTrue(layer.entropy() > 0 && layer.entropy() < Math.log(5), layer.toString());
            }
        }
    }

    @Test
    void aPassOnAnotherThreadIsNotRecorded() throws InterruptedException {
        try (NDManager m = manager.newSubManager()) {
            NDArray q = m.randomNormal(new Shape(1, 1, 3, 4));
            Thread other = new Thread(() -> Attention.weights(q, q, null));
            List<AttentionProbe.Stats> s = AttentionProbe.during(() -> {
                other.start();
                try {
                    other.join();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            assertEquals(List.of(), s);
            assertEquals(false, AttentionProbe.listening());
        }
    }
}
