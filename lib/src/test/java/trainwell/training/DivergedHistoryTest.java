package trainwell.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;
import trainwell.experiments.Experiments;
import trainwell.optimizers.OptimizerSpec;
import trainwell.schedules.Schedules;

class DivergedHistoryTest {

    /** Plain SGD at a huge rate without clipping: the loss explodes at once, long before the first evaluation. */
    private static TrainingConfig exploding() {
        return TrainingTest.quick(20).withOptimizer(OptimizerSpec.sgd()).withSchedule(Schedules.constant(1e4))
                .withoutClipping().withEvalEvery(20);
    }

    @Test
    void aRunThatDivergesBeforeItsFirstEvaluationStillHasTheValidationColumns() {
        TrainingResult r = Training.run("boom", exploding(), TrainingTest::reversal);
        assertEquals(TrainingResult.Status.DIVERGED, r.status(), r.message());
        assertTrue(r.history().containsColumn("val_loss"), r.history().columnNames().toString());
        assertTrue(r.history().containsColumn("val_accuracy"), r.history().columnNames().toString());
        assertTrue(Double.isNaN(r.finalValidationLoss()));
    }

    @Test
    void runsWithADivergedRunCanBeSummarised() {
        Map<String, TrainingConfig> configs = new LinkedHashMap<>();
        configs.put("fine", TrainingTest.quick(4));
        configs.put("boom", exploding());
        Runs runs = Experiments.compare(configs, TrainingTest::reversal, 1);
        assertEquals(1, runs.diverged());
        Table summary = runs.summary();
        assertEquals(2, summary.rowCount());
    }
}
