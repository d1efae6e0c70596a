package trainwell.initialization;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import trainwell.initialization.DeepMlp.Nonlinearity;
import trainwell.initialization.DeepMlp.WeightInit;

class DeepMlpTest {

    private static DeepMlp.Result run(Nonlinearity act, WeightInit init) {
        // Width and batch 128 keep these checks cheap; the timing test uses the lesson's 256 x 256.
        return new DeepMlp(50, 128, act, init).run(128, 1);
    }

    @Test
    void fiftyLayersOfWidth256OnABatchOf256RunInAboutASecond() {
        DeepMlp mlp = new DeepMlp(50, 256, Nonlinearity.TANH, WeightInit.XAVIER);
        mlp.run(64, 1); // warm up the JIT
        long start = System.nanoTime();
        mlp.run(256, 1);
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("DeepMlp 50 x 256, batch 256: %.3f s%n", seconds);
        // Generous bound: the test machine is shared (0.9 s measured at load average 4, 2.4 s at 16).
        assertTrue(seconds < 10, "took " + seconds + " s");
    }

    @Test
    void heKeepsReluActivationsAtTheSameScaleThroughFiftyLayers() {
        double[] s = run(Nonlinearity.RELU, WeightInit.HE).activationStd();
        double ratio = s[49] / s[0];
        assertTrue(ratio > 0.3 && ratio < 3, "ratio " + ratio);
    }

    @Test
    void xavierHalvesReluVarianceEveryLayer() {
        double[] s = run(Nonlinearity.RELU, WeightInit.XAVIER).activationStd();
        // Var shrinks by 1/2 per layer: std ratio after 49 layers is about 2^(-24.5), ~4e-8.
        assertTrue(s[49] / s[0] < 1e-6, "ratio " + s[49] / s[0]);
    }

    @Test
    void tanhGainDrawsTheSameWeightsFiveThirdsLarger() {
        // Same seed, same draws scaled by the gain; ReLU is positively homogeneous, so layer 1's std scales too.
        double plain = new DeepMlp(1, 128, Nonlinearity.RELU, WeightInit.XAVIER).run(64, 3).activationStd()[0];
        double gained = new DeepMlp(1, 128, Nonlinearity.RELU, WeightInit.XAVIER_TANH_GAIN).run(64, 3).activationStd()[0];
        assertEquals(5.0 / 3, gained / plain, 1e-9);
    }

    @Test
    void tanhGainKeepsTanhActivationsFromFadingWhereXavierLetsThemFade() {
        double plain = run(Nonlinearity.TANH, WeightInit.XAVIER).activationStd()[49];
        double gained = run(Nonlinearity.TANH, WeightInit.XAVIER_TANH_GAIN).activationStd()[49];
        assertTrue(plain < 0.15, "Xavier, layer 50 std " + plain);
        assertTrue(gained > 0.4 && gained < 0.9, "Xavier with gain 5/3, layer 50 std " + gained);
    }

    @Test
    void tooSmallWeightsMakeTanhActivationsVanish() {
        double[] s = run(Nonlinearity.TANH, WeightInit.TOO_SMALL).activationStd();
        assertTrue(s[9] < 1e-6, "layer 10 std " + s[9]);
    }

    @Test
    void tooLargeWeightsSaturateTanh() {
        double[] s = run(Nonlinearity.TANH, WeightInit.TOO_LARGE).activationStd();
        assertTrue(s[49] > 0.9, "layer 50 std " + s[49]);
    }

    @Test
    void zeroWeightsLetNothingThrough() {
        DeepMlp.Result r = run(Nonlinearity.TANH, WeightInit.ZERO);
        for (int l = 0; l < 50; l++) {
            assertEquals(0, r.activationStd()[l]);
            assertEquals(0, r.gradientStd()[l]);
        }
    }

    @Test
    void heKeepsReluGradientsAtTheSameScaleThroughFiftyLayers() {
        double[] g = run(Nonlinearity.RELU, WeightInit.HE).gradientStd();
        double ratio = g[0] / g[49];
        assertTrue(ratio > 0.2 && ratio < 5, "ratio " + ratio);
    }

    @Test
    void sameSeedGivesSameNumbers() {
        DeepMlp mlp = new DeepMlp(5, 16, Nonlinearity.TANH, WeightInit.XAVIER);
        assertEquals(mlp.run(8, 3).activationStd()[4], mlp.run(8, 3).activationStd()[4]);
    }

    @Test
    void tableHasOneRowPerLayer() {
        var t = new DeepMlp(7, 8, Nonlinearity.RELU, WeightInit.HE).run(4, 1).table();
        assertEquals(7, t.rowCount());
        assertEquals(3, t.columnCount());
    }

    @Test
    void zeroDepthIsRejectedByName() {
        var e = assertThrows(IllegalArgumentException.class, () -> new DeepMlp(0, 8, Nonlinearity.RELU, WeightInit.HE));
        assertTrue(e.getMessage().contains("depth"), e.getMessage());
    }
}
