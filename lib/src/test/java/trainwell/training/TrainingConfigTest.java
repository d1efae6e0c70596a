package trainwell.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import trainwell.optimizers.OptimizerSpec;
import trainwell.schedules.Schedule;
import trainwell.schedules.Schedules;

class TrainingConfigTest {

    @Test
    void withStepsReDerivesTheDefaultSchedule() {
        TrainingConfig c = TrainingConfig.defaults().withSteps(1000);
        assertEquals(Schedules.warmupCosine(1e-3, 1e-4, 100, 1000), c.schedule());
        assertEquals(OptionalInt.of(1000), TrainingConfig.lengthOf(c.schedule()));
        assertEquals(c, c.check());
        assertEquals(TrainingConfig.defaults(), c.withSteps(300), "and back");
        assertEquals(1e-3, TrainingConfig.defaults().withSteps(1).check().schedule().at(0), 0.0);
    }

    @Test
    void aScheduleWithAnEndMustLastTheRun() {
        Schedule s500 = Schedules.warmupCosine(4e-3, 4e-4, 50, 500);
        TrainingConfig c = TrainingConfig.defaults().withSchedule(s500).withSteps(30);
        assertEquals(s500, c.schedule(), "a schedule you set is never changed");
        var e = assertThrows(IllegalArgumentException.class, c::check);
        assertTrue(e.getMessage().contains("steps is 30") && e.getMessage().contains("lasts 500 steps")
                && e.getMessage().contains("withSchedule"), e.getMessage());
        var refused = assertThrows(IllegalArgumentException.class,
                () -> Training.run("refused", c, seed -> { throw new AssertionError("no task is built"); }));
        assertEquals(e.getMessage(), refused.getMessage());
        assertEquals(c.withSteps(500), c.withSteps(500).check());
    }

    @Test
    void theOrderOfAChainDoesNotMatter() {
        Schedule s500 = Schedules.warmupCosine(4e-3, 4e-4, 50, 500);
        TrainingConfig a = TrainingConfig.defaults().withSchedule(s500).withSteps(500).withBatchSize(64);
        TrainingConfig b = TrainingConfig.defaults().withBatchSize(64).withSteps(500).withSchedule(s500);
        assertEquals(a, b);
        assertEquals(a, a.check());
    }

    @Test
    void openEndedSchedulesFitAnyRun() {
        for (Schedule s : new Schedule[] {Schedules.constant(1e-3), Schedules.linearWarmup(20).then(Schedules.constant(5e-3)),
                Schedules.stepDecay(1e-3, 10, 0.5), Schedules.cosineWithRestarts(1e-3, 10, 2, 1e-5), step -> 1e-3}) {
            assertEquals(OptionalInt.empty(), TrainingConfig.lengthOf(s), s.toString());
            TrainingConfig.defaults().withSchedule(s).withSteps(17).check();
        }
    }

    @Test
    void lengthsOfSchedulesWithAnEnd() {
        assertEquals(OptionalInt.of(400), TrainingConfig.lengthOf(Schedules.cosine(1e-3, 400, 1e-5)));
        assertEquals(OptionalInt.of(400), TrainingConfig.lengthOf(Schedules.oneCycle(1e-3, 400)));
        assertEquals(OptionalInt.of(400), TrainingConfig.lengthOf(Schedules.warmupStableDecay(1e-3, 40, 400, 0.2)));
        assertEquals(OptionalInt.of(400), TrainingConfig.lengthOf(Schedules.linearDecay(1e-3, 400)));
        assertEquals(OptionalInt.of(400), TrainingConfig.lengthOf(Schedules.polynomialDecay(1e-3, 400, 2)));
        assertEquals(OptionalInt.of(400), TrainingConfig.lengthOf(Schedules.warmupCosine(1e-3, 1e-5, 40, 400)));
        assertEquals(OptionalInt.of(400), TrainingConfig.lengthOf(Schedules.linearWarmup(40).then(Schedules.cosine(1e-3, 360, 0))));
    }

    @Test
    void everyWithMethodChangesOnlyItsField() {
        TrainingConfig d = TrainingConfig.defaults();
        TrainingConfig c = d.withOptimizer(OptimizerSpec.sgd()).withConstantLr(0.1).withSteps(7).withBatchSize(3)
                .withClipNorm(2).withLabelSmoothing(0.1).withZLoss(1e-4).withDecayAll(true).withEvalEvery(4).withPatience(2).withSeed(9)
                .withDivergenceFactor(3).withStatsEvery(5).withProgress(false);
        assertEquals(new TrainingConfig(OptimizerSpec.sgd(), Schedules.constant(0.1), 7, 3, 2, 0.1, 1e-4, true, 4, 2, 9,
                3, 5, false), c);
        assertEquals(0, d.zLoss(), 0.0, "z-loss is off by default");
        assertEquals(0, c.withoutClipping().clipNorm(), 0.0);
        assertEquals(d, d.withSeed(d.seed()).withBatchSize(d.batchSize()).withProgress(d.progress()));
    }

    @Test
    void eachFieldIsCheckedWhenSet() {
        var e = assertThrows(IllegalArgumentException.class, () -> TrainingConfig.defaults().withSteps(0));
        assertTrue(e.getMessage().contains("steps") && e.getMessage().contains("0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> TrainingConfig.defaults().withLabelSmoothing(1));
        assertTrue(e.getMessage().contains("labelSmoothing"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> TrainingConfig.defaults().withZLoss(-1e-4));
        assertTrue(e.getMessage().contains("zLoss") && e.getMessage().contains("-1.0E-4"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> TrainingConfig.defaults().withDivergenceFactor(1));
        assertTrue(e.getMessage().contains("divergenceFactor"), e.getMessage());
    }
}
