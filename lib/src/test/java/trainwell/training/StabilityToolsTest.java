package trainwell.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;
import trainwell.data.CharTokenizer;
import trainwell.data.LanguageModelData;
import trainwell.models.TransformerConfig;
import trainwell.optimizers.OptimizerSpec;
import trainwell.schedules.Schedules;

/** The loop's stability tools: the z-loss and its log Z column, and the attention statistics listener. */
class StabilityToolsTest {

    private static final int LENGTH = 12;

    /** A character language model of 2 layers on a short repeated text. */
    static LanguageModelTask lm(long seed, boolean qkNorm) {
        String text = "the whale and the sea and the ship and the sailor ".repeat(30);
        var tok = CharTokenizer.fit(text);
        var data = LanguageModelData.encode(text, tok);
        var config = TransformerConfig.tiny().withDModel(32).withHeads(2).withLayers(2).withFfnWidth(64)
                .withDropout(0.1).withQkNorm(qkNorm);
        return LanguageModelTask.create(config, data.slice(0, 0.8), data.slice(0.8, 1), LENGTH, 2);
    }

    private static TrainingConfig quick(int steps, double lr) {
        return TrainingConfig.defaults().withOptimizer(OptimizerSpec.adamW(0.01)).withConstantLr(lr).withSteps(steps)
                .withBatchSize(16).withEvalEvery(steps).withProgress(false);
    }

    @Test
    void theHistoryRecordsMeanLogZAtEveryStepWithoutZLoss() {
        TrainingResult r = Training.run("log z", quick(5, 1e-3), s -> lm(s, false));
        double[] logZ = r.history().doubleColumn("log_z").asDoubleArray();
        assertEquals(5, logZ.length);
        for (double z : logZ) {
            assertTrue(Double.isFinite(z) && z > 0, "untrained logits near 0 give log Z near log(vocab): " + z);
        }
    }

    @Test
    void theZLossIsInTheTrainingLossButNotInTheValidationLoss() {
        // Learning rate 0: the weights never move, so both runs see the same logits at every step.
        double coefficient = 0.5;
        TrainingResult plain = Training.run("plain", quick(3, 0).withEvalEvery(1), s -> lm(s, false));
        TrainingResult z = Training.run("z", quick(3, 0).withEvalEvery(1).withZLoss(coefficient), s -> lm(s, false));
        double[] logZ = plain.history().doubleColumn("log_z").asDoubleArray();
        assertArrayEquals(logZ, z.history().doubleColumn("log_z").asDoubleArray(), 1e-6);
        for (int step = 0; step < 3; step++) {
            double penalty = z.history().doubleColumn("loss").getDouble(step) - plain.history().doubleColumn("loss").getDouble(step);
            // mean (log Z)^2 >= (mean log Z)^2, and at initialization log Z varies little between positions
            double floor = coefficient * logZ[step] * logZ[step];
            assertTrue(penalty >= floor * (1 - 1e-5) && penalty <= floor * 1.05, "penalty " + penalty + " vs " + floor);
            assertEquals(plain.history().doubleColumn("val_loss").getDouble(step),
                    z.history().doubleColumn("val_loss").getDouble(step), 1e-6, "validation loss without the z-loss");
        }
    }

    @Test
    void theZLossPullsLogZTowardsZero() {
        TrainingConfig c = quick(40, 1e-2);
        TrainingResult plain = Training.run("plain", c, s -> lm(s, false));
        TrainingResult z = Training.run("z", c.withZLoss(0.1), s -> lm(s, false));
        double before = plain.history().doubleColumn("log_z").getDouble(39);
        double after = z.history().doubleColumn("log_z").getDouble(39);
        assertTrue(Math.abs(after) < 0.5 * Math.abs(before), "log Z with z-loss " + after + ", without " + before);
    }

    @Test
    void attentionStatsRecordEveryLayerAtMeasuredStepsAndChangeNothing() {
        AttentionStats attention = AttentionStats.every(3).withBatchSize(4);
        TrainingResult watched = Training.run("watched", quick(8, 1e-2), s -> lm(s, false), attention);
        TrainingResult alone = Training.run("alone", quick(8, 1e-2), s -> lm(s, false));
        assertArrayEquals(alone.history().doubleColumn("loss").asDoubleArray(),
                watched.history().doubleColumn("loss").asDoubleArray(), 0.0, "the extra pass must not change the run");
        Table t = attention.table();
        assertEquals(List.of("step", "run", "seed", "layer", "max_logit", "entropy"), t.columnNames());
        // steps 0, 3, 6 and the last (7), two layers each
        assertArrayEquals(new int[] {0, 0, 3, 3, 6, 6, 7, 7}, t.intColumn("step").asIntArray());
        assertArrayEquals(new int[] {0, 1, 0, 1, 0, 1, 0, 1}, t.intColumn("layer").asIntArray());
        for (int i = 0; i < t.rowCount(); i++) {
            double h = t.doubleColumn("entropy").getDouble(i);
            // causal rows see 1..LENGTH keys: the mean entropy lies between 0 and the mean of log(1..LENGTH)
            assertTrue(h > 0 && h < Math.log(LENGTH), "entropy " + h);
            assertTrue(Double.isFinite(t.doubleColumn("max_logit").getDouble(i)));
        }
        assertEquals("watched", t.stringColumn("run").get(0));
    }

    @Test
    void anAttentionStatsListenerBelongsToOneRun() {
        AttentionStats attention = AttentionStats.every(5);
        Training.run("first", quick(2, 1e-3), s -> lm(s, false), attention);
        var e = assertThrows(IllegalArgumentException.class,
                () -> Training.run("second", quick(2, 1e-3), s -> lm(s, false), attention));
        assertTrue(e.getMessage().startsWith("listener"), e.getMessage());
    }
}
