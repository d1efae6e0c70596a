package trainwell.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import trainwell.initialization.InitScheme;

class NormPlacementTest extends WithManager {

    private static final int D = 32;

    @BeforeAll
    static void open() {
        Engine.getInstance().setRandomSeed(13);
    }

    /** Per-position [mean, std] over d_model of one encoder layer's output for inputs with std 3. */
    private static double[][] positionStats(NormPlacement placement) {
        EncoderLayer layer = new EncoderLayer(Tiny.config().withNorm(placement), 1.5);
        InitScheme.gpt2().apply(layer, 1, 0);
        layer.initialize(manager, DataType.FLOAT32, new Shape(1, 1, D));
        try (NDManager m = manager.newSubManager()) {
            float[] y = layer.apply(Tiny.store(m), m.randomNormal(0, 3, new Shape(2, 5, D), DataType.FLOAT32), null, false)
                    .toFloatArray();
            double[][] stats = new double[10][];
            for (int p = 0; p < 10; p++) {
                double sum = 0;
                double sq = 0;
                for (int i = 0; i < D; i++) {
                    sum += y[p * D + i];
                }
                double mean = sum / D;
                for (int i = 0; i < D; i++) {
                    sq += (y[p * D + i] - mean) * (y[p * D + i] - mean);
                }
                stats[p] = new double[] {mean, Math.sqrt(sq / D)};
            }
            return stats;
        }
    }

    @Test
    void postLnOutputIsNormalisedAtEveryPosition() {
        for (double[] s : positionStats(NormPlacement.POST_LN)) {
            assertEquals(0, s[0], 1e-4);
            assertEquals(1, s[1], 1e-3);
        }
    }

    @Test
    void deepNormOutputIsNormalisedAtEveryPosition() {
        for (double[] s : positionStats(NormPlacement.DEEP_NORM)) {
            assertEquals(1, s[1], 1e-3);
        }
    }

    @Test
    void preLnOutputKeepsTheResidualStreamUnnormalised() {
        for (double[] s : positionStats(NormPlacement.PRE_LN)) {
            assertTrue(s[1] > 2, "std " + s[1] + " should stay near the input's 3");
        }
    }

    @Test
    void onlyPreLnStacksEndWithAFinalNorm() {
        var pre = Transformers.languageModel(Tiny.config().withNorm(NormPlacement.PRE_LN)).namedParameters().keySet();
        var post = Transformers.languageModel(Tiny.config().withNorm(NormPlacement.POST_LN)).namedParameters().keySet();
        assertTrue(pre.contains("decoder.finalNorm.gamma"));
        assertFalse(post.contains("decoder.finalNorm.gamma"));
    }

    @Test
    void layerNormNormalisesOverTheLastAxisOnly() {
        LayerNorm norm = new LayerNorm(4);
        InitScheme.gpt2().apply(norm, 1, 0);
        norm.initialize(manager, DataType.FLOAT32, new Shape(1, 1, 4));
        try (NDManager m = manager.newSubManager()) {
            // Two positions with very different scales: each is normalised on its own.
            float[] y = norm.apply(Tiny.store(m), m.create(new float[] {1, 2, 3, 4, 100, 200, 300, 400}, new Shape(1, 2, 4)), false)
                    .toFloatArray();
            for (int i = 0; i < 4; i++) {
                assertEquals(y[i], y[i + 4], 1e-4);
            }
        }
    }
}
