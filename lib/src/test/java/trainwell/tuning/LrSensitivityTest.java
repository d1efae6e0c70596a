package trainwell.tuning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Wortsman et al.'s learning-rate sensitivity on hand-made curves. */
class LrSensitivityTest {

    private static final double[] FOUR = {1e-3, 1e-2, 1e-1, 1};

    @Test
    void isTheMeanCappedLossAboveTheBest() {
        // capped at 4: {2, 3, 4, 4}; mean 3.25, best 2 at 1e-3
        LrSensitivity s = LrSensitivity.of(FOUR, new double[] {2, 3, 5, Double.NaN}, 4);
        assertEquals(1.25, s.value(), 1e-12);
        assertEquals(1e-3, s.bestLr(), 0.0);
        assertEquals(2, s.bestLoss(), 0.0);
        assertEquals(4, s.initialLoss(), 0.0);
    }

    @Test
    void aDivergedRunCountsAsTheInitialLoss() {
        // NaN, +inf and a loss above the start all count as 4: (4 + 1 + 4 + 4) / 4 - 1
        LrSensitivity s = LrSensitivity.of(FOUR, new double[] {Double.POSITIVE_INFINITY, 1, 9, Double.NaN}, 4);
        assertEquals(13.0 / 4 - 1, s.value(), 1e-12);
        assertEquals(1e-2, s.bestLr(), 0.0);
    }

    @Test
    void isZeroWhenEveryRateReachesTheBestLoss() {
        assertEquals(0, LrSensitivity.of(new double[] {1e-3, 1e-2}, new double[] {1.5, 1.5}, 4).value(), 0.0);
    }

    @Test
    void isInitialMinusBestWhenOnlyOneRateOfManyTrains() {
        double[] lrs = Search.logGrid(1e-4, 1, 9);
        double[] losses = new double[9];
        java.util.Arrays.fill(losses, Double.NaN);
        losses[4] = 1;
        // (8 * 5 + 1) / 9 - 1 = 5 - 1 - 4/9: approaches initial - best = 4 as the grid grows
        assertEquals(41.0 / 9 - 1, LrSensitivity.of(lrs, losses, 5).value(), 1e-12);
    }

    @Test
    void badArgumentsAreNamed() {
        var e = assertThrows(IllegalArgumentException.class, () -> LrSensitivity.of(new double[0], new double[0], 1));
        assertTrue(e.getMessage().startsWith("lrs"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> LrSensitivity.of(FOUR, new double[] {1, 2}, 3));
        assertTrue(e.getMessage().startsWith("finalLosses"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> LrSensitivity.of(new double[] {1e-2, 1e-3}, new double[] {1, 2}, 3));
        assertTrue(e.getMessage().startsWith("lrs"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> LrSensitivity.of(FOUR, new double[] {1, 2, 3, 4}, Double.NaN));
        assertTrue(e.getMessage().startsWith("initialLoss"), e.getMessage());
    }
}
