package trainwell.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import trainwell.optimizers.OptimizerSpec;
import trainwell.schedules.Schedules;

/** Muon through the training loop: the same config as AdamW's, with only the optimizer swapped. */
class MuonTrainingTest {

    @Test
    void muonTrainsTheReversalModelWithAdamWsLearningRate() {
        TrainingConfig config = TrainingTest.quick(300).withSchedule(Schedules.warmupCosine(1e-2, 1e-3, 30, 300))
                .withOptimizer(OptimizerSpec.muon());
        TrainingResult r = Training.run("muon", config, TrainingTest::reversal);
        assertEquals(TrainingResult.Status.COMPLETED, r.status(), r.message());
        double first = r.history().doubleColumn("loss").getDouble(0);
        System.out.printf("Muon + AdamW, 300 steps: loss %.3f -> %.3f, validation accuracy %.3f%n", first,
                r.finalLoss(), r.finalValidationAccuracy());
        assertTrue(r.finalLoss() < 0.5 * first, "loss should at least halve: " + first + " -> " + r.finalLoss());
    }

    @Test
    void muonRunsWithWeightDecayOnEveryParameter() {
        TrainingResult r = Training.run("muon-decay-all", TrainingTest.quick(5).withOptimizer(OptimizerSpec.muon())
                .withDecayAll(true), TrainingTest::reversal);
        assertEquals(TrainingResult.Status.COMPLETED, r.status(), r.message());
    }
}
