package trainwell.experiments;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;
import trainwell.data.Tasks;
import trainwell.data.TextPair;
import trainwell.data.TranslationData;
import trainwell.models.TransformerConfig;
import trainwell.optimizers.OptimizerSpec;
import trainwell.schedules.Schedules;
import trainwell.training.TrainingConfig;
import trainwell.training.TrainingResult;
import trainwell.training.TranslationTask;
import trainwell.tuning.LrSensitivity;

class RateSweepTest {

    private static final double[] RATES = {1e-3, 1e-2, 1e-1};

    @Test
    void basinIsTheWidestRunOfTrainingRatesInDecades() {
        double[] rates = RateSweep.logSpaced(1e-3, 1e-1, 7);   // a third of a decade apart
        assertEquals(1.0 / 3, RateSweep.spacingDecades(rates), 1e-12);
        assertEquals(1.0, RateSweep.basinDecades(rates, new boolean[] {true, false, true, true, true, false, false}), 1e-12);
        assertEquals(0, RateSweep.basinDecades(rates, new boolean[7]), 1e-12);
        boolean[] all = {true, true, true, true, true, true, true};
        assertEquals(7.0 / 3, RateSweep.basinDecades(rates, all), 1e-12);
    }

    @Test
    void logSpacedHitsBothEnds() {
        double[] r = RateSweep.logSpaced(1e-3, 1e-1, 5);
        assertEquals(1e-3, r[0], 1e-15);
        assertEquals(1e-2, r[2], 1e-14);
        assertEquals(1e-1, r[4], 1e-13);
    }

    @Test
    void badArgumentsAreNamed() {
        var e = assertThrows(IllegalArgumentException.class, () -> RateSweep.basinDecades(new double[] {1e-3, 2e-3, 1e-2}, new boolean[3]));
        assertTrue(e.getMessage().startsWith("rates"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> RateSweep.basinDecades(new double[] {1e-2, 1e-3}, new boolean[2]));
        assertTrue(e.getMessage().startsWith("rates"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> RateSweep.basinDecades(RATES, new boolean[2]));
        assertTrue(e.getMessage().startsWith("trains"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> RateSweep.logSpaced(1e-1, 1e-3, 3));
        assertTrue(e.getMessage().startsWith("hi"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> RateSweep.of("x", RATES, new long[] {1}, List.of()));
        assertTrue(e.getMessage().startsWith("runs"), e.getMessage());
    }

    private static TranslationTask reversal(long seed) {
        List<TextPair> pairs = Tasks.reverse(4, 3, 4).pairs(300, 7);
        TranslationData train = TranslationData.characterLevel(pairs.subList(0, 250));
        TranslationData val = TranslationData.encode(pairs.subList(250, 300), train.sourceTokenizer(), train.targetTokenizer());
        TransformerConfig config = TransformerConfig.tiny().withDModel(16).withHeads(2).withLayers(1)
                .withFfnWidth(32).withDropout(0).withMaxLength(6);
        return TranslationTask.create(config, train, val, seed);
    }

    @Test
    void aSweepTrainsEveryRateAndSeedAndReadsItsRuns() {
        TrainingConfig base = TrainingConfig.defaults().withOptimizer(OptimizerSpec.adam()).withSteps(30).withBatchSize(16)
                .withEvalEvery(30).withProgress(false);
        RateSweep sweep = RateSweep.run("toy", lr -> base.withSchedule(Schedules.constant(lr)), RateSweepTest::reversal,
                RATES, 1, 2);
        assertEquals(6, sweep.results().size());
        assertEquals(RateSweep.runName("toy", 1e-2), sweep.result(1, 1).name());
        assertEquals(2, sweep.result(1, 1).config().seed());
        assertEquals(1e-2, sweep.result(1, 0).config().schedule().at(0), 1e-15);
        double[][] losses = sweep.losses();
        for (int i = 0; i < RATES.length; i++) {
            for (int j = 0; j < 2; j++) {
                TrainingResult r = sweep.result(i, j);
                double expected = r.diverged() ? sweep.initialLoss(j) : Math.min(r.finalValidationLoss(), r.history().doubleColumn("loss").getDouble(0));
                assertEquals(expected, losses[i][j], 1e-12);
            }
        }
        // same seed, same initial weights and batch: the first loss does not depend on the rate
        assertEquals(sweep.result(0, 0).history().doubleColumn("loss").getDouble(0),
                sweep.result(2, 0).history().doubleColumn("loss").getDouble(0), 1e-6);
        double[] s = sweep.sensitivityPerSeed();
        assertEquals(LrSensitivity.of(sweep.rates(), sweep.lossesOfSeed(1), sweep.initialLoss(1)).value(), s[1], 1e-12);
        // a threshold above every loss: every rate trains; below every loss: none
        assertEquals(1.0 * RATES.length, sweep.basinDecades(1e9), 1e-9);
        assertEquals(0, sweep.basinDecades(-1), 1e-12);
        assertArrayEquals(new double[] {0, 0}, sweep.basinDecadesPerSeed(-1), 1e-12);
        assertEquals(1e-3, sweep.lowestTrainingRate(1e9), 1e-15);
        assertTrue(Double.isNaN(sweep.lowestTrainingRate(-1)));
        Table t = sweep.table(1e9);
        assertEquals(3, t.rowCount());
        IntColumn trained = t.intColumn("trained");
        assertEquals(2, trained.getInt(0));
        DoubleColumn mean = t.doubleColumn("loss_mean");
        assertEquals((losses[2][0] + losses[2][1]) / 2, mean.getDouble(2), 1e-12);
        assertFalse(sweep.divergedRuns() < 0);
        assertEquals(2, sweep.seeds().length);
        assertEquals("toy", sweep.name());
    }

    @Test
    void recipesSweptTogetherGiveTheNumbersOfTheirOwnSweeps() {
        TrainingConfig base = TrainingConfig.defaults().withSteps(20).withBatchSize(16).withEvalEvery(20).withProgress(false);
        java.util.function.DoubleFunction<TrainingConfig> adam = lr -> base.withOptimizer(OptimizerSpec.adam())
                .withSchedule(Schedules.constant(lr));
        java.util.function.DoubleFunction<TrainingConfig> sgd = lr -> base.withOptimizer(OptimizerSpec.sgd())
                .withSchedule(Schedules.constant(lr));
        List<RateSweep> together = RateSweep.runAll(List.of("adam", "sgd"), List.of(adam, sgd),
                List.of(RateSweepTest::reversal, RateSweepTest::reversal), RATES, 1, 2);
        assertEquals(2, together.size());
        RateSweep alone = RateSweep.run("sgd", sgd, RateSweepTest::reversal, RATES, 1, 2);
        assertEquals("sgd", together.get(1).name());
        for (int i = 0; i < RATES.length; i++) {
            assertArrayEquals(alone.losses()[i], together.get(1).losses()[i], 1e-6);
        }
        assertEquals(RateSweep.runName("adam", 1e-1), together.get(0).result(2, 1).name());
        assertEquals(2, together.get(0).result(2, 1).config().seed());
        // the recipes differ, so their sweeps do: each sweep read its own runs
        assertFalse(Arrays.equals(together.get(0).lossesOfSeed(0), together.get(1).lossesOfSeed(0)));
    }

    @Test
    void recipesSweptTogetherMustBeNamedOnceAndGivenEverything() {
        java.util.function.DoubleFunction<TrainingConfig> t = lr -> TrainingConfig.defaults();
        java.util.function.LongFunction<TranslationTask> task = RateSweepTest::reversal;
        var e = assertThrows(IllegalArgumentException.class,
                () -> RateSweep.runAll(List.of("a", "a"), List.of(t, t), List.of(task, task), RATES, 1));
        assertTrue(e.getMessage().startsWith("names"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> RateSweep.runAll(List.of("a", "b"), List.of(t), List.of(task, task), RATES, 1));
        assertTrue(e.getMessage().startsWith("trainings"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> RateSweep.runAll(List.of("a"), List.of(t), List.of(), RATES, 1));
        assertTrue(e.getMessage().startsWith("tasks"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> RateSweep.runAll(List.of(), List.of(), List.of(), RATES, 1));
        assertTrue(e.getMessage().startsWith("names"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> RateSweep.runAll(List.of("a"), List.of(t), List.of(task), RATES));
        assertTrue(e.getMessage().startsWith("seeds"), e.getMessage());
    }
}
