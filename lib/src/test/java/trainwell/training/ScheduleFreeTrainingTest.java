package trainwell.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import trainwell.optimizers.OptimizerSpec;

/**
 * The training loop evaluates schedule-free AdamW at its average x, trains on at y, and leaves x in the
 * model at the end; for the other optimizers nothing changes.
 */
class ScheduleFreeTrainingTest {

    static TrainingConfig scheduleFree(int steps, int evalEvery) {
        return TrainingTest.quick(steps).withOptimizer(OptimizerSpec.scheduleFreeAdamW(0.01).withWarmupSteps(5))
                .withConstantLr(5e-3).withEvalEvery(evalEvery);
    }

    @Test
    void validationRunsAtTheAverageAndTheRunEndsThere() {
        int steps = 30;
        double[] atY = {Double.NaN};
        TrainingListener evaluateAtY = new TrainingListener() {
            @Override
            public void onStep(StepRecord s) {
                if (s.last()) { // after the last update, before the loop's validation: the model holds y
                    atY[0] = Training.evaluate(s.run().task(), 32).loss();
                }
            }
        };
        try (TranslationTask task = TrainingTest.reversal(3)) {
            TrainingResult r = Training.run("sf", scheduleFree(steps, steps), task, evaluateAtY);
            double afterRun = Training.evaluate(task, 32).loss(); // the task is kept open: the model holds x
            assertEquals(afterRun, r.finalValidationLoss(), 0.0, "the loop validated the weights it left: x");
            assertTrue(Math.abs(atY[0] - afterRun) > 1e-4, "y " + atY[0] + " and x " + afterRun + " differ");
        }
    }

    @Test
    void validatingAtTheAverageDoesNotChangeTheTrainingPath() {
        // Training goes on from y after each validation: the training losses are the same whether the run
        // validates every 3 steps or only at the end.
        TrainingResult often = Training.run("often", scheduleFree(24, 3), TrainingTest::reversal);
        TrainingResult once = Training.run("once", scheduleFree(24, 24), TrainingTest::reversal);
        assertEquals(losses(once), losses(often));
        assertEquals(once.finalValidationLoss(), often.finalValidationLoss(), 0.0);
    }

    private static List<Double> losses(TrainingResult r) {
        return new ArrayList<>(r.history().doubleColumn("loss").asList());
    }
}
