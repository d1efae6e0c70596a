package trainwell.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongFunction;
import org.junit.jupiter.api.Test;
import trainwell.core.Parallel;
import trainwell.training.Runs;
import trainwell.training.Training;
import trainwell.training.TrainingConfig;
import trainwell.training.TrainingResult;
import trainwell.training.TrainingTest;
import trainwell.training.TranslationTask;

/** Runs side by side give the same numbers as runs alone, in the order asked for. */
class ConcurrentExperimentsTest {

    /** The reversal task of {@link TrainingTest} with dropout on: every step draws masks. */
    static TranslationTask withDropout(long seed) {
        return TrainingTest.reversal(seed, 0.2);
    }

    /**
     * Relative tolerance: a run reproduces to about 1e-6 here (the same ops on the same thread count);
     * runs whose dropout masks or initial weights interleaved with another run's differ by 1e-4 to 1e-3 at the
     * first step and by far more later. TrainingTest allows 1e-3 between two same-seed runs.
     */
    private static final double TOLERANCE = 1e-4;

    private static void assertClose(double[] expected, double[] actual, String what) {
        assertEquals(expected.length, actual.length, what);
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], TOLERANCE * Math.abs(expected[i]), what + ", step " + i);
        }
    }

    private static double[] losses(TrainingResult r) {
        return r.history().doubleColumn("loss").asDoubleArray();
    }

    @Test
    void theSameSeedGivesTheSameNumbersAloneOrBesideOthers() {
        List<String> names = new ArrayList<>();
        List<TrainingConfig> configs = new ArrayList<>();
        for (long seed : new long[] {1, 2, 3, 1}) {
            names.add("run");
            configs.add(TrainingTest.quick(15).withEvalEvery(5).withSeed(seed));
        }
        Runs alone = Experiments.runAll(names, configs, ConcurrentExperimentsTest::withDropout, 1);
        Runs together = Experiments.runAll(names, configs, ConcurrentExperimentsTest::withDropout, 3);
        for (int i = 0; i < configs.size(); i++) {
            TrainingResult a = alone.results().get(i);
            TrainingResult b = together.results().get(i);
            assertEquals(configs.get(i).seed(), b.config().seed(), "results in the order of the configs");
            assertClose(losses(a), losses(b), "losses of run " + i);
            assertEquals(a.finalValidationLoss(), b.finalValidationLoss(), TOLERANCE * a.finalValidationLoss(),
                    "validation loss of run " + i);
            assertClose(a.history().doubleColumn("grad_norm").asDoubleArray(),
                    b.history().doubleColumn("grad_norm").asDoubleArray(), "gradient norms of run " + i);
        }
        // The same seed twice in one experiment gives the same run; different seeds differ (dropout and init).
        assertClose(losses(together.results().get(0)), losses(together.results().get(3)), "seed 1 twice");
        assertFalse(losses(together.results().get(0))[10] == losses(together.results().get(1))[10]);
        // And the same as Training.run alone on this thread.
        TrainingResult single = Training.run("run", configs.get(1), ConcurrentExperimentsTest::withDropout);
        assertClose(losses(single), losses(together.results().get(1)), "seed 2 alone on this thread");
    }

    @Test
    void resultsComeInTheOrderOfConfigurationsAndSeedsNotOfCompletion() {
        List<String> names = List.of("long", "short", "middle");
        List<TrainingConfig> configs = List.of(TrainingTest.quick(30).withSeed(5), TrainingTest.quick(3).withSeed(6),
                TrainingTest.quick(10).withSeed(7));
        Runs runs = Experiments.runAll(names, configs, TrainingTest::reversal, 3);
        assertEquals(names, runs.results().stream().map(TrainingResult::name).toList());
        assertEquals(List.of(30, 3, 10), runs.results().stream().map(r -> r.history().rowCount()).toList());
        assertEquals(List.of(5L, 6L, 7L), runs.results().stream().map(r -> r.config().seed()).toList());
    }

    @Test
    void anExceptionInOneRunNamesTheRunAndItsSeed() {
        LongFunction<TranslationTask> task = seed -> {
            if (seed == 2) {
                throw new IllegalStateException("no data for seed 2");
            }
            return TrainingTest.reversal(seed);
        };
        List<TrainingConfig> configs = List.of(TrainingTest.quick(5).withSeed(1), TrainingTest.quick(5).withSeed(2),
                TrainingTest.quick(5).withSeed(3));
        for (int level : new int[] {1, 2}) {
            var e = assertThrows(Parallel.JobFailed.class,
                    () -> Experiments.runAll(List.of("a", "b", "c"), configs, task, level));
            assertTrue(e.getMessage().startsWith("b seed 2 (job 2 of 3) failed: IllegalStateException: no data for seed 2"),
                    e.getMessage());
            assertInstanceOf(IllegalStateException.class, e.getCause());
        }
    }

    @Test
    void aDivergingRunStopsWithAMessageBesideOthersAndKeepsItsSteps() {
        TrainingConfig wild = TrainingTest.quick(40).withConstantLr(50).withoutClipping().withDivergenceFactor(1.5);
        Runs runs = Experiments.runAll(List.of("calm", "wild"), List.of(TrainingTest.quick(20), wild),
                TrainingTest::reversal, 2);
        TrainingResult w = runs.results().get(1);
        assertTrue(w.diverged(), w.message());
        assertTrue(w.message().startsWith("diverged at step"), w.message());
        assertEquals(w.history().rowCount(), w.stepsRun(), "the steps run are kept");
        assertEquals(TrainingResult.Status.COMPLETED, runs.results().get(0).status());
        assertEquals(1, runs.diverged());
    }

    @Test
    void theDisplaySpeaksTheKernelsLanguage() {
        System.setProperty(trainwell.core.Language.PROPERTY, "zh");
        try {
            var board = new Experiments.Board(3, trainwell.notebook.Progress.start("实验：3 次运行"));
            board.started(0);
            String text = board.text();
            assertTrue(text.startsWith("实验：已完成 0/3 次运行") && text.contains("第 1 次运行：开始"), text);
        } finally {
            System.clearProperty(trainwell.core.Language.PROPERTY);
        }
    }

    @Test
    void theBoardMeasuresHowManyRunsRanAtOnce() throws InterruptedException {
        var board = new Experiments.Board(3, trainwell.notebook.Progress.start("experiment: 3 runs"));
        board.started(0);
        board.started(1);
        Thread.sleep(200);
        board.failed(0);
        board.failed(1);
        board.started(2);
        Thread.sleep(200);
        board.failed(2);
        double atOnce = board.runSeconds() / board.elapsed();
        // two runs side by side for 0.2 s, then one alone for 0.2 s: 0.6 run-seconds in 0.4 s
        assertEquals(1.5, atOnce, 0.2, "run-seconds " + board.runSeconds() + " in " + board.elapsed() + " s");
    }

    @Test
    void theDisplayShowsTheExperimentAndEveryLiveRun() {
        var board = new Experiments.Board(3, trainwell.notebook.Progress.start("experiment: 3 runs"));
        board.started(0);
        board.live(1, 0.5, "b: step 5/10");
        String text = board.text();
        assertTrue(text.startsWith("experiment: 0/3 runs done"), text);
        assertTrue(text.contains("\n  run 1: starting") && text.contains("\n  b: step 5/10"), text);
        assertTrue(text.contains("s left"), text);
        board.failed(0);
        assertFalse(board.text().contains("run 1: starting"), board.text());
    }

    @Test
    void runAllChecksItsArguments() {
        var e = assertThrows(IllegalArgumentException.class, () -> Experiments.runAll(List.of("a"),
                List.of(TrainingTest.quick(2), TrainingTest.quick(2)), TrainingTest::reversal, 1));
        assertTrue(e.getMessage().startsWith("names"), e.getMessage());
        var p = assertThrows(IllegalArgumentException.class, () -> Experiments.runAll(List.of("a"),
                List.of(TrainingTest.quick(2)), TrainingTest::reversal, 0));
        assertTrue(p.getMessage().startsWith("parallel"), p.getMessage());
    }
}
