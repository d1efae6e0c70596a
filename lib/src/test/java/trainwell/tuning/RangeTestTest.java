package trainwell.tuning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RangeTestTest {

    @Test
    void startsAtTheMinimumRate() {
        assertEquals(1e-5, RangeTest.sweep(1e-5, 1, 151).at(0), 1e-18);
    }

    @Test
    void reachesTheMaximumRateAtTheLastStep() {
        assertEquals(1.0, RangeTest.sweep(1e-5, 1, 151).at(150), 1e-12);
    }

    @Test
    void givesEveryDecadeTheSameNumberOfSteps() {
        RangeTest sweep = RangeTest.sweep(1e-5, 1, 151);   // 5 decades over 150 steps: one decade per 30 steps
        assertEquals(1e-4, sweep.at(30), 1e-16);
        assertEquals(1e-2, sweep.at(90), 1e-14);
    }

    @Test
    void growsByTheSameFactorAtEveryStep() {
        RangeTest sweep = RangeTest.sweep(1e-4, 1e-1, 50);
        for (int k = 0; k < 60; k++) {
            assertEquals(sweep.growthPerStep(), sweep.at(k + 1) / sweep.at(k), 1e-12);
        }
        assertTrue(sweep.at(55) > sweep.maxLr());
    }

    @Test
    void rejectsAMaximumBelowTheMinimum() {
        var e = assertThrows(IllegalArgumentException.class, () -> RangeTest.sweep(1e-2, 1e-3, 100));
        assertTrue(e.getMessage().contains("maxLr"), e.getMessage());
    }

    @Test
    void rejectsANonPositiveMinimum() {
        var e = assertThrows(IllegalArgumentException.class, () -> RangeTest.sweep(0, 1, 100));
        assertTrue(e.getMessage().contains("minLr"), e.getMessage());
    }
}
