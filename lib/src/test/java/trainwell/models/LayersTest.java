package trainwell.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import org.junit.jupiter.api.Test;

class LayersTest extends WithManager {

    @Test
    void noOpAtRateZeroOrOutsideTraining() {
        try (NDManager m = manager.newSubManager()) {
            NDArray x = m.ones(new Shape(4, 4));
            assertSame(x, Layers.dropout(x, 0f, true));
            assertSame(x, Layers.dropout(x, 0.5f, false));
        }
    }

    @Test
    void dropoutKeepsOneMinusRateScaledUpAndItsGradientIsTheMask() {
        try (NDManager m = manager.newSubManager()) {
            Engine.getInstance().setRandomSeed(7);
            int n = 200_000;
            NDArray x = m.ones(new Shape(n));
            x.setRequiresGradient(true);
            float[] y;
            float[] grad;
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray out = Layers.dropout(x, 0.25f, true);
                gc.backward(out.sum());
                y = out.toFloatArray();
                grad = x.getGradient().toFloatArray();
            }
            int dropped = 0;
            for (float v : y) {
                if (v == 0) {
                    dropped++;
                } else {
                    assertEquals(1 / 0.75f, v, 0f, "kept values are scaled by 1 / (1 - rate)");
                }
            }
            // Binomial(200000, 0.25): standard deviation of the fraction about 0.001.
            assertEquals(0.25, dropped / (double) n, 0.005);
            assertArrayEquals(y, grad, 0f, "d out / d x = mask / (1 - rate), with x = 1 the output itself");
        }
    }

    @Test
    void theSameSeedDropsTheSameElements() {
        try (NDManager m = manager.newSubManager()) {
            NDArray x = m.ones(new Shape(1000));
            Engine.getInstance().setRandomSeed(3);
            float[] a = Layers.dropout(x, 0.5f, true).toFloatArray();
            Engine.getInstance().setRandomSeed(3);
            float[] b = Layers.dropout(x, 0.5f, true).toFloatArray();
            assertArrayEquals(a, b, 0f);
        }
    }
}
