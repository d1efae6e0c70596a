package trainwell.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** {@link ActivationSizes}: what it names, that its logits size is mean |logits|, and that it changes nothing. */
class ActivationSizesTest extends WithManager {

    private static final int[][] IDS = {{1, 5, 7, 2, 9}, {3, 3, 11, 0, 4}};

    private static double meanAbs(float[] v) {
        double s = 0;
        for (float x : v) {
            s += Math.abs(x);
        }
        return s / v.length;
    }

    @Test
    void reportsTheEmbeddingEachSublayerAndTheLogitsWithoutChangingThem() {
        try (NDManager m = manager.newSubManager()) {
            TransformerLM lm = Transformers.languageModel(Tiny.config(), m);
            float[] plain = lm.logits(Tiny.store(m), m.create(IDS), null, false).toFloatArray();
            AtomicReference<NDArray> logits = new AtomicReference<>();
            Map<String, Double> sizes = ActivationSizes.during(
                    () -> logits.set(lm.logits(Tiny.store(m), m.create(IDS), null, false)));
            assertEquals(List.of("embedding", "decoder.layer0.attention", "decoder.layer0.ffn",
                    "decoder.layer1.attention", "decoder.layer1.ffn", "logits"), List.copyOf(sizes.keySet()));
            float[] probed = logits.get().toFloatArray();
            assertArrayEquals(plain, probed, 0f);
            assertEquals(meanAbs(probed), sizes.get("logits"), 1e-6);
            sizes.values().forEach(v -> assertTrue(v > 0, sizes.toString()));
        }
    }

    @Test
    void anEncoderDecoderNamesItsStacksAndCrossAttention() {
        try (NDManager m = manager.newSubManager()) {
            Seq2SeqTransformer s2s = Transformers.encoderDecoder(Tiny.config().withLayers(1), m);
            Map<String, Double> sizes = ActivationSizes.during(
                    () -> s2s.logits(Tiny.store(m), m.create(IDS), null, m.create(IDS), null, false));
            assertEquals(List.of("sourceEmbedding", "encoder.layer0.attention", "encoder.layer0.ffn", "targetEmbedding",
                    "decoder.layer0.attention", "decoder.layer0.crossAttention", "decoder.layer0.ffn", "logits"),
                    List.copyOf(sizes.keySet()));
        }
    }

    @Test
    void listensOnlyOnItsOwnThread() throws InterruptedException {
        try (NDManager m = manager.newSubManager()) {
            TransformerLM lm = Transformers.languageModel(Tiny.config(), m);
            Map<String, Double> sizes = ActivationSizes.during(() -> {
                Thread other = new Thread(() -> {
                    try (NDManager o = m.newSubManager()) {
                        lm.logits(Tiny.store(o), o.create(IDS), null, false);
                    }
                });
                other.start();
                try {
                    other.join();
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            });
            assertEquals(Map.of(), sizes);
        }
    }
}
