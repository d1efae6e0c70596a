package trainwell.tuning;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class SearchTest {

    @Test
    void logUniformMapsTheEndsOfTheUnitIntervalToTheEndsOfTheRange() {
        assertEquals(1e-4, Search.logUniform(1e-4, 1e-2, 0), 1e-18);
        assertEquals(1e-2, Search.logUniform(1e-4, 1e-2, 1), 1e-15);
    }

    @Test
    void logUniformMapsTheMiddleToTheGeometricMean() {
        assertEquals(1e-3, Search.logUniform(1e-4, 1e-2, 0.5), 1e-15);
    }

    @Test
    void randomLogUniformSamplesPutHalfOfTheTrialsBelowTheGeometricMean() {
        Random random = new Random(1);
        int below = 0;
        for (int i = 0; i < 10_000; i++) {
            double x = Search.logUniform(random, 1e-5, 1e-1);
            assertTrue(x >= 1e-5 && x < 1e-1, "out of range: " + x);
            below += x < 1e-3 ? 1 : 0;
        }
        assertEquals(5_000, below, 150);
    }

    @Test
    void logGridIsEvenlySpacedInTheLogarithm() {
        assertArrayEquals(new double[] {1e-4, 1e-3, 1e-2}, Search.logGrid(1e-4, 1e-2, 3), 1e-15);
    }

    @Test
    void bestSoFarIsTheRunningMinimum() {
        assertArrayEquals(new double[] {3, 2, 2, 1, 1}, Search.bestSoFar(new double[] {3, 2, 4, 1, 5}), 0);
    }

    @Test
    void bestSoFarSkipsFailedTrials() {
        double[] best = Search.bestSoFar(new double[] {Double.NaN, 3, Double.NaN, 2});
        assertTrue(Double.isNaN(best[0]));
        assertArrayEquals(new double[] {3, 3, 2}, java.util.Arrays.copyOfRange(best, 1, 4), 0);
    }

    @Test
    void rejectsAnEmptyRange() {
        var e = assertThrows(IllegalArgumentException.class, () -> Search.logUniform(1e-2, 1e-2, 0.5));
        assertTrue(e.getMessage().contains("hi"), e.getMessage());
    }

    @Test
    void rejectsAUniformDrawOutsideTheUnitInterval() {
        var e = assertThrows(IllegalArgumentException.class, () -> Search.logUniform(1e-4, 1e-2, 1.5));
        assertTrue(e.getMessage().contains("u"), e.getMessage());
    }
}
