package trainwell.schedules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import trainwell.schedules.WarmupStableDecay.Cooldown;

/** Warmup-stable-decay against the reference formula (epfml/schedules-and-scaling, {@code wsd_schedule}). */
class WarmupStableDecayTest {

    /**
     * The reference's factor, transcribed from its Python ({@code n_anneal_steps = int(fract_decay *
     * n_iterations)}, {@code init_div_factor = 100}, decay types "linear" and "sqrt").
     */
    private static double reference(int step, int nIterations, double finalLrFactor, int nWarmup, double fractDecay,
            boolean sqrt) {
        int nAnnealSteps = (int) (fractDecay * nIterations);
        int nHold = nIterations - nAnnealSteps;
        if (step < nWarmup) {
            return ((double) step / nWarmup) + (1 - (double) step / nWarmup) / 100;
        } else if (step < nHold) {
            return 1.0;
        } else if (step < nIterations) {
            double s = (double) (step - nHold) / nAnnealSteps;
            return finalLrFactor + (1 - finalLrFactor) * (sqrt ? 1 - Math.sqrt(s) : 1 - s);
        }
        return finalLrFactor;
    }

    @Test
    void equalsTheReferenceFormulaForBothCooldownsAndSeveralShapes() {
        int[][] shapes = {{0, 100}, {10, 100}, {30, 333}, {1000, 10000}};
        double[] fractions = {0.1, 0.2, 0.37};
        for (int[] shape : shapes) {
            for (double fraction : fractions) {
                for (Cooldown c : Cooldown.values()) {
                    for (double f : new double[] {0.0, 0.1}) {
                        var s = new WarmupStableDecay(3e-3, shape[0], shape[1], fraction, c, f);
                        for (int k = 0; k < shape[1] + 20; k++) {
                            double want = 3e-3 * reference(k, shape[1], f, shape[0], fraction, c == Cooldown.ONE_MINUS_SQRT);
                            assertEquals(want, s.at(k), 1e-15, s + " at step " + k);
                        }
                    }
                }
            }
        }
    }

    @Test
    void handComputedValuesOfTheThreePhases() {
        var sqrt = Schedules.warmupStableDecay(1.0, 10, 100, 0.2);
        var linear = Schedules.warmupStableDecay(1.0, 10, 100, 0.2, Cooldown.LINEAR);
        assertEquals(0.01, sqrt.at(0), 1e-15);          // the ramp starts at peak / 100
        assertEquals(0.505, sqrt.at(5), 1e-15);         // halfway: 0.5 + 0.5 / 100
        assertEquals(1.0, sqrt.at(10), 0.0);            // warmup over, the stable phase
        assertEquals(1.0, sqrt.at(80), 0.0);            // the cooldown's first step is still the peak
        assertEquals(0.5, sqrt.at(85), 1e-15);          // s = 1/4: 1 - sqrt(1/4)
        assertEquals(0.75, linear.at(85), 1e-15);       // s = 1/4: 1 - 1/4
        assertEquals(0.0, sqrt.at(100), 0.0);
        assertEquals(0.0, sqrt.at(5000), 0.0);
    }

    @Test
    void oneMinusSqrtCooldownIsBelowLinearInsideTheCooldown() {
        var sqrt = Schedules.warmupStableDecay(1.0, 0, 200, 0.25);
        var linear = Schedules.warmupStableDecay(1.0, 0, 200, 0.25, Cooldown.LINEAR);
        for (int k = 151; k < 200; k++) {
            assertTrue(sqrt.at(k) < linear.at(k), "step " + k);
        }
        for (int k = 0; k <= 150; k++) {
            assertEquals(linear.at(k), sqrt.at(k), 0.0, "step " + k);
        }
    }

    @Test
    void eventsAreTheEndOfWarmupAndTheStartOfTheCooldown() {
        var s = Schedules.warmupStableDecay(1e-3, 40, 400, 0.2);
        assertEquals(List.of(40, 320), s.events(400));
        assertEquals(List.of(40), s.events(320));
        assertEquals(List.of(320), Schedules.warmupStableDecay(1e-3, 0, 400, 0.2).events(400));
        assertEquals(80, s.decaySteps());
        assertEquals(320, s.decayStart());
    }

    @Test
    void legendNamesTheCooldown() {
        assertEquals("WSD 0.001, warmup 40, 1-sqrt cooldown over the last 20% of 400",
                Schedules.warmupStableDecay(1e-3, 40, 400, 0.2).toString());
        assertEquals("WSD 0.01, warmup 0, linear cooldown over the last 10% of 50",
                Schedules.warmupStableDecay(1e-2, 0, 50, 0.1, Cooldown.LINEAR).toString());
    }

    private static void rejects(String argument, Object value, Runnable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call::run);
        assertTrue(e.getMessage().startsWith(argument + " "), e.getMessage());
        assertTrue(e.getMessage().endsWith("got " + value), e.getMessage());
    }

    @Test
    void badArgumentsAreNamed() {
        rejects("peak", -1.0, () -> Schedules.warmupStableDecay(-1, 10, 100, 0.2));
        rejects("totalSteps", 0, () -> Schedules.warmupStableDecay(1, 0, 0, 0.2));
        rejects("warmupSteps", -1, () -> Schedules.warmupStableDecay(1, -1, 100, 0.2));
        rejects("decayFraction", 1.5, () -> Schedules.warmupStableDecay(1, 10, 100, 1.5));
        rejects("decayFraction", 0.001, () -> Schedules.warmupStableDecay(1, 10, 100, 0.001));
        rejects("warmupSteps", 90, () -> Schedules.warmupStableDecay(1, 90, 100, 0.2));
        rejects("finalFactor", 2.0, () -> new WarmupStableDecay(1, 10, 100, 0.2, Cooldown.LINEAR, 2.0));
        assertThrows(IllegalArgumentException.class, () -> Schedules.warmupStableDecay(1, 10, 100, 0.2, null));
    }
}
