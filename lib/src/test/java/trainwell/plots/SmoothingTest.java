package trainwell.plots;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SmoothingTest {

    @Test
    void emaIsBiasCorrectedSoTheFirstValueIsKept() {
        // m1 = 0.5, m2 = 1.25, m3 = 2.125; divided by 1 - 0.5^t = 0.5, 0.75, 0.875
        assertArrayEquals(new double[] {1, 1.25 / 0.75, 2.125 / 0.875},
                Smoothing.ema(new double[] {1, 2, 3}, 0.5), 1e-12);
    }

    @Test
    void emaOfAConstantIsThatConstant() {
        assertArrayEquals(new double[] {4, 4, 4, 4}, Smoothing.ema(new double[] {4, 4, 4, 4}, 0.9), 1e-12);
    }

    @Test
    void emaLeavesNaNAsAGapAndSkipsIt() {
        double[] s = Smoothing.ema(new double[] {1, Double.NaN, 3}, 0.5);
        assertEquals(1, s[0], 1e-12);
        assertTrue(Double.isNaN(s[1]));
        assertEquals((0.25 + 1.5) / 0.75, s[2], 1e-12);
    }

    @Test
    void emaWithWeightZeroIsACopy() {
        assertArrayEquals(new double[] {3, 1, 2}, Smoothing.ema(new double[] {3, 1, 2}, 0), 0);
    }

    @Test
    void emaRejectsAWeightOfOne() {
        var e = assertThrows(IllegalArgumentException.class, () -> Smoothing.ema(new double[] {1}, 1));
        assertTrue(e.getMessage().contains("weight"), e.getMessage());
    }
}
