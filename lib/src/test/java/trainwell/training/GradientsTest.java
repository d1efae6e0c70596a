package trainwell.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import trainwell.models.RunRandomness;

class GradientsTest {

    @Test
    void squaredNormIsTheLargeBatchsGradientOfAccumulation() {
        // two copies of one model (built from the same seed); the epoch cursor of each draws the same first 16 pairs
        try (TranslationTask task = RunRandomness.seeded(4, () -> TrainingTest.reversal(4))) {
            double viaGradients;
            try (TranslationTask again = RunRandomness.seeded(4, () -> TrainingTest.reversal(4))) {
                viaGradients = Gradients.squaredNorm(again, 16, new Random(1));
            }
            int[] first16 = new EpochCursor(task.train().size(), 4).next(16);
            double[] g = GradientAccumulation.gradient(task, first16, 1, GradientAccumulation.Normalization.PER_TOKEN).gradient();
            double sum = 0;
            for (double v : g) {
                sum += v * v;
            }
            assertEquals(sum, viaGradients, 1e-5 * sum);
        }
    }

    @Test
    void smallBatchesAreNoisierAndGradientsAreLeftAtZero() {
        try (TranslationTask task = TrainingTest.reversal(4)) {
            Random random = new Random(3);
            double small = 0;
            double big = 0;
            for (int i = 0; i < 8; i++) {
                small += Gradients.squaredNorm(task, 2, random) / 8;
                big += Gradients.squaredNorm(task, 64, random) / 8;
            }
            assertTrue(small > big, "E|G_2|^2 " + small + " should exceed E|G_64|^2 " + big);
            task.model().namedParameters().values().forEach(p -> {
                if (p.getArray().hasGradient()) {
                    assertEquals(0, p.getArray().getGradient().abs().sum().getFloat());
                }
            });
        }
        var e = assertThrows(IllegalArgumentException.class, () -> Gradients.squaredNorm(null, 2, new Random()));
        assertTrue(e.getMessage().startsWith("task"), e.getMessage());
    }
}
