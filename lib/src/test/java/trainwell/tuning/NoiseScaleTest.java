package trainwell.tuning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class NoiseScaleTest {

    /** The squared norm of the mean of b example gradients G + noise (independent, std sigma[j] per coordinate). */
    private static double batchNormSquared(double[] g, double[] sigma, int b, Random r) {
        double s = 0;
        for (int j = 0; j < g.length; j++) {
            double sum = 0;
            for (int i = 0; i < b; i++) {
                sum += g[j] + sigma[j] * r.nextGaussian();
            }
            double m = sum / b;
            s += m * m;
        }
        return s;
    }

    @Test
    void recoversTheNoiseScaleOfAKnownGradientDistribution() {
        double[] g = {0.3, -0.2, 0.1, 0.0};      // |G|^2 = 0.14
        double[] sigma = {1.0, 0.5, 2.0, 1.0};   // tr(Sigma) = 6.25, so B_simple = 44.6
        Random r = new Random(1);
        int n = 2000;
        double[] small = new double[n];
        double[] big = new double[n];
        for (int k = 0; k < n; k++) {
            small[k] = batchNormSquared(g, sigma, 8, r);
            big[k] = batchNormSquared(g, sigma, 128, r);
        }
        NoiseScale ns = NoiseScale.fromSamples(small, 8, big, 128);
        assertEquals(6.25, ns.traceSigma(), 0.3);
        assertEquals(0.14, ns.gradientSquared(), 0.01);
        assertEquals(6.25 / 0.14, ns.simple(), 0.1 * 6.25 / 0.14);
    }

    @Test
    void theEquationsAreExactForExactExpectations() {
        // E|G_B|^2 = 2 + 30 / B at B = 10 and B = 100.
        NoiseScale ns = NoiseScale.fromMeans(2 + 30.0 / 10, 10, 2 + 30.0 / 100, 100);
        assertEquals(2, ns.gradientSquared(), 1e-12);
        assertEquals(30, ns.traceSigma(), 1e-12);
        assertEquals(15, ns.simple(), 1e-12);
        assertEquals(Double.POSITIVE_INFINITY, NoiseScale.fromMeans(4, 1, 2, 2).simple(), "noise only: |G|^2 = 0");
    }

    @Test
    void badArgumentsAreNamed() {
        var e = assertThrows(IllegalArgumentException.class, () -> NoiseScale.fromMeans(1, 8, 1, 8));
        assertTrue(e.getMessage().startsWith("bigBatch"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> NoiseScale.fromMeans(-1, 8, 1, 16));
        assertTrue(e.getMessage().startsWith("smallNormSquared"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> NoiseScale.fromSamples(new double[0], 8, new double[] {1}, 16));
        assertTrue(e.getMessage().startsWith("smallNormsSquared"), e.getMessage());
    }

    @Test
    void measureAveragesSquaredNormsAtTwoBatchSizesInOrder() {
        try (var task = trainwell.models.RunRandomness.seeded(6, () -> trainwell.training.TrainingTest.reversal(6));
                var again = trainwell.models.RunRandomness.seeded(6, () -> trainwell.training.TrainingTest.reversal(6))) {
            NoiseScale measured = NoiseScale.measure(task, 2, 6, 32, 3, new Random(5));
            Random r = new Random(5);
            double[] small = new double[6];
            double[] big = new double[3];
            for (int i = 0; i < 6; i++) {
                small[i] = trainwell.training.Gradients.squaredNorm(again, 2, r);
            }
            for (int i = 0; i < 3; i++) {
                big[i] = trainwell.training.Gradients.squaredNorm(again, 32, r);
            }
            NoiseScale manual = NoiseScale.fromSamples(small, 2, big, 32);
            assertEquals(manual.gradientSquared(), measured.gradientSquared(), 1e-6 * Math.abs(manual.gradientSquared()));
            assertEquals(manual.traceSigma(), measured.traceSigma(), 1e-6 * Math.abs(manual.traceSigma()));
            assertTrue(measured.traceSigma() > 0, "batches of 2 are noisier than batches of 32: " + measured);
        }
        var e = assertThrows(IllegalArgumentException.class, () -> NoiseScale.measure(null, 2, 1, 4, 1, new Random()));
        assertTrue(e.getMessage().startsWith("task"), e.getMessage());
    }
}
