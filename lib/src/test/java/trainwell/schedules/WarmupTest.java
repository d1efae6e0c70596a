package trainwell.schedules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Warmup ramps the rate UP from near zero to the peak; the wrapped schedule then sees the shifted step. */
class WarmupTest {

    private static final double PEAK = 1e-3;
    private final Schedule cosine = Schedules.cosine(PEAK, 600, 1e-5);
    private final Schedule warmed = Schedules.linearWarmup(400).then(cosine);

    @Test
    void linearWarmupStartsNearZero() {
        assertEquals(PEAK / 401, warmed.at(0), 1e-18);
        assertTrue(warmed.at(0) < 0.01 * PEAK);
    }

    @Test
    void linearWarmupRisesEveryStepUpToThePeak() {
        double[] lr = warmed.sample(401);
        for (int k = 1; k < lr.length; k++) {
            assertTrue(lr[k] > lr[k - 1], "step " + k + " rises: " + lr[k - 1] + " -> " + lr[k]);
        }
        assertEquals(PEAK, lr[400], 1e-18);
    }

    @Test
    void afterWarmupTheScheduleSeesTheShiftedStep() {
        for (int k : new int[] {400, 401, 700, 999, 1500}) {
            assertEquals(cosine.at(k - 400), warmed.at(k), 0.0, "step " + k);
        }
    }

    @Test
    void constantWarmupHoldsAFractionOfThePeakThenHandsOver() {
        Schedule s = Schedules.exponentialDecay(0.1, 0.99).withConstantWarmup(25, 0.1);
        assertEquals(0.01, s.at(0), 1e-15);
        assertEquals(0.01, s.at(24), 1e-15);
        assertEquals(0.1, s.at(25), 1e-15);
        assertEquals(0.1 * 0.99, s.at(26), 1e-15);
    }

    @Test
    void withLinearWarmupEqualsLinearWarmupThen() {
        Schedule a = cosine.withLinearWarmup(400);
        assertEquals(warmed, a);
    }

    @Test
    void eventsAreTheEndOfWarmupThenTheShiftedEventsOfTheSchedule() {
        Schedule s = Schedules.linearWarmup(10).then(Schedules.cosineWithRestarts(0.1, 20, 2, 0));
        assertEquals(List.of(10, 30, 70), s.events(100));
    }

    @Test
    void warmupCosineIsNanoGptsRecipe() {
        Schedule s = Schedules.warmupCosine(6e-4, 6e-5, 100, 1000);
        for (int it : new int[] {0, 50, 99, 100, 101, 550, 999, 1000, 5000}) {
            assertEquals(nanoGpt(it, 6e-4, 6e-5, 100, 1000), s.at(it), 1e-15, "step " + it);
        }
    }

    @Test
    void warmupCosineRampsUpThenDecaysToTheMinimumAndStays() {
        Schedule s = Schedules.warmupCosine(1e-3, 1e-4, 50, 500);
        assertTrue(s.at(0) < s.at(25) && s.at(25) < s.at(50));
        assertEquals(1e-3, s.at(50), 1e-18);
        assertTrue(s.at(300) < s.at(100));
        assertEquals(1e-4, s.at(500), 1e-18);
        assertEquals(1e-4, s.at(10_000), 1e-18);
        assertEquals(List.of(50, 500), s.events(1000));
    }

    @Test
    void legendSaysWarmupThenSchedule() {
        assertEquals("linear warmup 400, then cosine 0.001 -> 1e-5 over 600", warmed.toString());
    }

    // nanoGPT train.py get_lr, written out independently of our composition.
    private static double nanoGpt(int it, double lr, double minLr, int warmup, int decayIters) {
        if (it < warmup) {
            return lr * (it + 1) / (warmup + 1);
        }
        if (it > decayIters) {
            return minLr;
        }
        double ratio = (double) (it - warmup) / (decayIters - warmup);
        double coeff = 0.5 * (1.0 + Math.cos(Math.PI * ratio));
        return minLr + coeff * (lr - minLr);
    }
}
