package trainwell.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import trainwell.optimizers.OptimizerSpec;
import trainwell.schedules.Schedule;

class TrainingListenerTest {

    /** Records what the loop hands it and measures one column of its own. */
    static final class Recorder implements TrainingListener {
        final List<Integer> steps = new ArrayList<>();
        final List<Double> lrs = new ArrayList<>();
        final List<Double> losses = new ArrayList<>();
        final List<Integer> evaluations = new ArrayList<>();
        int starts;
        TrainingResult ended;

        @Override
        public void onStart(TrainingRun run) {
            starts++;
        }

        @Override
        public void onStep(StepRecord s) {
            steps.add(s.step());
            lrs.add(s.lr());
            losses.add(s.loss());
            s.measure("loss_times_two", 2 * s.loss());
        }

        @Override
        public void onEvaluation(EvaluationRecord e) {
            evaluations.add(e.step());
        }

        @Override
        public void onEnd(TrainingResult result) {
            ended = result;
        }
    }

    @Test
    void aListenerSeesEveryStepAndItsMeasurementsJoinTheHistory() {
        Recorder recorder = new Recorder();
        TrainingConfig c = TrainingTest.quick(12).withEvalEvery(5);
        TrainingResult r = Training.run("watched", c, TrainingTest::reversal, recorder);
        assertEquals(1, recorder.starts);
        assertSame(r, recorder.ended, "onEnd gets the result");
        assertEquals(List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11), recorder.steps);
        assertEquals(List.of(4, 9, 11), recorder.evaluations, "every 5 steps and after the last");
        double[] logged = r.history().doubleColumn("loss").asDoubleArray();
        double[] twice = r.history().doubleColumn("loss_times_two").asDoubleArray();
        for (int i = 0; i < logged.length; i++) {
            assertEquals(recorder.losses.get(i), logged[i], 0.0);
            assertEquals(2 * logged[i], twice[i], 0.0);
            assertEquals(c.schedule().at(i), recorder.lrs.get(i), 0.0);
        }
        assertTrue(r.history().columnNames().indexOf("loss_times_two") < r.history().columnNames().indexOf("ms"),
                "measured columns come before the step time");
    }

    @Test
    void aListenerCanStopTheRun() {
        TrainingListener stopAtFour = new TrainingListener() {
            @Override
            public void onStep(StepRecord s) {
                if (s.step() == 4) {
                    s.run().stop(TrainingResult.Status.EARLY_STOPPED, "enough at step 4");
                }
            }
        };
        try (TranslationTask task = TrainingTest.reversal(1)) {
            TrainingResult r = Training.run("stopped", TrainingTest.quick(20), task, stopAtFour);
            assertEquals(TrainingResult.Status.EARLY_STOPPED, r.status());
            assertEquals(5, r.stepsRun());
            assertEquals(5, r.history().rowCount());
            assertEquals("enough at step 4", r.message());
        }
    }

    @Test
    void theProgressLineComesFromThePresentationLayer() {
        assertEquals("trainwell.notebook.RunProgress", Training.progressDisplay().orElseThrow().getClass().getName());
    }

    @Test
    void aRunCannotBeStoppedAsCompleted() {
        TrainingRun run = new TrainingRun("r", TrainingTest.quick(3), null);
        var e = assertThrows(IllegalArgumentException.class, () -> run.stop(TrainingResult.Status.COMPLETED, "done"));
        assertTrue(e.getMessage().contains("status"), e.getMessage());
        run.stop(TrainingResult.Status.DIVERGED, "first");
        run.stop(TrainingResult.Status.EARLY_STOPPED, "second");
        assertEquals(TrainingResult.Status.DIVERGED, run.status(), "the first stop wins");
        assertEquals("first", run.message());
    }

    @Test
    void oneStepCounterDrivesTheScheduleTheOptimizerAndTheLog() {
        // The schedule is asked once per step, by the loop, with the loop's step; the optimizer applies that value
        // (before, the loop logged schedule.at(step) and the optimizer asked again with its own update count).
        List<Integer> asked = new ArrayList<>();
        Schedule spy = step -> {
            asked.add(step);
            return step % 2 == 0 ? 3e-3 : 0.0; // no update at odd steps
        };
        TrainingConfig c = TrainingTest.quick(8).withSchedule(spy).withOptimizer(OptimizerSpec.sgd()).withStatsEvery(1)
                .withoutClipping();
        TrainingResult r = Training.run("one counter", c, TrainingTest::reversal);
        assertEquals(List.of(0, 1, 2, 3, 4, 5, 6, 7), asked);
        double[] lr = r.history().doubleColumn("lr").asDoubleArray();
        double[] ratio = r.history().doubleColumn("update_ratio").asDoubleArray();
        assertArrayEquals(new double[] {3e-3, 0, 3e-3, 0, 3e-3, 0, 3e-3, 0}, lr, 0.0);
        for (int k = 0; k < 8; k++) {
            if (k % 2 == 0) {
                assertTrue(ratio[k] > 1e-6, "step " + k + " logged lr 3e-3 and moved the weights: " + ratio[k]);
            } else {
                assertEquals(0.0, ratio[k], 0.0, "step " + k + " logged lr 0 and the weights stayed");
            }
        }
    }
}
