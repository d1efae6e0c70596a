package trainwell.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;
import trainwell.optimizers.OptimizerSpec;
import trainwell.schedules.Schedules;

class ValidationAtYTest {

    private static TrainingConfig config(OptimizerSpec optimizer) {
        return TrainingConfig.defaults().withOptimizer(optimizer).withSchedule(Schedules.constant(3e-3)).withSteps(12)
                .withBatchSize(16).withEvalEvery(4).withProgress(false);
    }

    @Test
    void forAdamWTheLossAtYIsTheLoopsValidationLoss() {
        try (TranslationTask task = TrainingTest.reversal(2)) {
            Table h = Training.run("adamw", config(OptimizerSpec.adamW(0.01)), task, new ValidationAtY()).history();
            Table evals = h.dropWhere(h.doubleColumn("val_loss").isMissing());
            assertEquals(3, evals.rowCount());
            for (int i = 0; i < evals.rowCount(); i++) {
                assertEquals(evals.doubleColumn("val_loss").getDouble(i), evals.doubleColumn(ValidationAtY.COLUMN).getDouble(i), 1e-6);
            }
        }
    }

    @Test
    void forScheduleFreeAdamWYAndXDiffer() {
        try (TranslationTask task = TrainingTest.reversal(2)) {
            var spec = OptimizerSpec.scheduleFreeAdamW(0.01).withWarmupSteps(3);
            Table h = Training.run("sf", config(spec), task, new ValidationAtY()).history();
            Table evals = h.dropWhere(h.doubleColumn("val_loss").isMissing());
            double differs = 0;
            for (int i = 0; i < evals.rowCount(); i++) {
                differs = Math.max(differs, Math.abs(evals.doubleColumn("val_loss").getDouble(i)
                        - evals.doubleColumn(ValidationAtY.COLUMN).getDouble(i)));
            }
            assertTrue(differs > 1e-4, "x and y give different losses: largest difference " + differs);
        }
    }
}
