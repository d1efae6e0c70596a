package trainwell.schedules;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

/** Sampling, tables, legends, event steps and the behaviours that differ between similar schedules. */
class SchedulesTest {

    @Test
    void sampleHoldsTheRatesOfStepsZeroToNMinusOne() {
        Schedule s = Schedules.exponentialDecay(1.0, 0.5);
        assertArrayEquals(new double[] {1.0, 0.5, 0.25, 0.125}, s.sample(4), 0.0);
    }

    @Test
    void tableHasStepAndLrColumnsNamedByTheLegend() {
        Table t = Schedules.stepDecay(0.1, 2, 0.5).table(5);
        assertEquals(List.of("step", "lr"), t.columnNames());
        assertEquals(5, t.rowCount());
        assertEquals(4, t.intColumn("step").get(4));
        assertEquals(0.025, t.doubleColumn("lr").get(4), 1e-15);
        assertEquals("step decay 0.1 x0.5 every 2", t.name());
    }

    @Test
    void tableOfSeveralSchedulesIsLongFormatWithALegendColumn() {
        Schedule a = Schedules.constant(0.1);
        Schedule b = Schedules.cosine(0.1, 10, 0.0);
        Table t = Schedules.table(10, a, b);
        assertEquals(List.of("step", "lr", "schedule"), t.columnNames());
        assertEquals(20, t.rowCount());
        assertEquals(b.toString(), t.stringColumn("schedule").get(10));
        assertEquals(b.at(3), t.doubleColumn("lr").get(13), 0.0);
    }

    @Test
    void legendsReadLikeEnglish() {
        assertEquals("constant 0.001", Schedules.constant(1e-3).toString());
        assertEquals("cosine warm restarts 0.1 -> 1e-4, T0 20, x2",
                Schedules.cosineWithRestarts(0.1, 20, 2, 1e-4).toString());
        assertEquals("cyclic triangular2 0.001 <-> 0.006, half-cycle 50",
                Schedules.triangular2(1e-3, 6e-3, 50).toString());
        assertEquals("one-cycle 0.004 -> 0.1 -> 4e-7 over 500 (30% up, cos)", Schedules.oneCycle(0.1, 500).toString());
        assertEquals("multi-step decay 0.1 x0.3 at 50, 120", Schedules.multiStepDecay(0.1, 0.3, 50, 120).toString());
    }

    @Test
    void namedGivesALambdaALegendWithoutChangingItsRates() {
        Schedule s = ((Schedule) k -> 0.01 * k).named("ramp");
        assertEquals("ramp", s.toString());
        assertEquals(0.05, s.at(5), 1e-15);
    }

    @Test
    void warmRestartEventsAreTheRestartSteps() {
        Schedule s = Schedules.cosineWithRestarts(0.1, 20, 2, 0.0);
        assertEquals(List.of(20, 60, 140, 300), s.events(620));
        assertEquals(0.1, s.at(60), 1e-15);
        assertTrue(s.at(59) < 1e-3);
    }

    @Test
    void warmRestartsWithConstantPeriodRestartEveryT0StepsEvenFarOut() {
        Schedule s = Schedules.cosineWithRestarts(0.1, 10, 1, 0.0);
        assertEquals(0.1, s.at(1_000_000_000), 1e-15);
        assertEquals(s.at(3), s.at(1_000_000_003), 1e-15);
    }

    @Test
    void stepAndMultiStepEventsAreTheDrops() {
        assertEquals(List.of(30, 60, 90), Schedules.stepDecay(0.1, 30, 0.1).events(100));
        assertEquals(List.of(50, 120), Schedules.multiStepDecay(0.1, 0.3, 50, 120, 200).events(200));
    }

    @Test
    void cyclicEventsArePeaksAndTroughs() {
        assertEquals(List.of(10, 20, 30, 40, 50), Schedules.triangular(1e-3, 1e-2, 10).events(55));
        assertEquals(1e-2, Schedules.triangular(1e-3, 1e-2, 10).at(10), 1e-15);
    }

    @Test
    void triangular2HalvesTheAmplitudeEveryCycle() {
        Cyclic c = Schedules.triangular2(0.0, 1.0, 10);
        assertEquals(1.0, c.at(10), 1e-15);
        assertEquals(0.5, c.at(30), 1e-15);
        assertEquals(0.25, c.at(50), 1e-15);
    }

    @Test
    void oneCycleEventsArePeakAndEnd() {
        assertEquals(List.of(149, 499), Schedules.oneCycle(0.1, 500).events(1000));
    }

    @Test
    void oneCyclePeaksAtMaxLrAndEndsFarBelowItsStart() {
        OneCycle c = Schedules.oneCycle(0.1, 500);
        assertEquals(0.1, c.at(149), 1e-15);
        assertEquals(0.004, c.at(0), 1e-15);
        assertEquals(4e-7, c.at(499), 1e-18);
    }

    @Test
    void oneCycleHoldsItsFinalRatePastTotalSteps() {
        OneCycle c = Schedules.oneCycle(0.1, 500);
        assertEquals(c.at(499), c.at(500), 0.0);
        assertEquals(c.at(499), c.at(10_000), 0.0);
    }

    @Test
    void oneCycleMomentumMovesOppositeToTheRate() {
        OneCycle c = Schedules.oneCycle(0.1, 500);
        Schedule m = c.momentum();
        assertEquals(0.95, m.at(0), 1e-15);
        assertEquals(0.85, m.at(149), 1e-15);
        assertEquals(0.95, m.at(499), 1e-15);
        assertTrue(c.at(100) > c.at(50) && m.at(100) < m.at(50));
        assertTrue(c.at(300) < c.at(200) && m.at(300) > m.at(200));
    }

    @Test
    void cosineAnnealingFollowsPyTorchAndClimbsBackPastTMax() {
        CosineAnnealing s = Schedules.cosineAnnealing(0.1, 100, 0.0);
        assertEquals(0.0, s.at(100), 1e-15);
        assertEquals(0.1, s.at(200), 1e-15);
        assertEquals(List.of(100, 200), s.events(300));
    }

    @Test
    void cosineDecayStaysAtItsFloorPastItsLength() {
        CosineDecay s = Schedules.cosine(0.1, 100, 0.001);
        assertEquals(0.001, s.at(100), 1e-15);
        assertEquals(0.001, s.at(200), 1e-15);
        assertNotEquals(s.at(150), Schedules.cosineAnnealing(0.1, 100, 0.001).at(150));
    }

    @Test
    void linearDecayReachesZeroAtTotalSteps() {
        LinearSchedule s = Schedules.linearDecay(0.1, 10);
        assertEquals(0.05, s.at(5), 1e-15);
        assertEquals(0.0, s.at(10), 0.0);
        assertEquals(0.0, s.at(11), 0.0);
        assertEquals(List.of(10), s.events(20));
    }

    @Test
    void schedulesAreValuesEqualWhenTheirArgumentsAre() {
        assertEquals(Schedules.oneCycle(0.1, 500), Schedules.oneCycle(0.1, 500));
        assertEquals(Schedules.stepDecay(0.1, 30, 0.1).hashCode(), Schedules.stepDecay(0.1, 30, 0.1).hashCode());
    }
}
