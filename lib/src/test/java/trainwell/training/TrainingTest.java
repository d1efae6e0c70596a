package trainwell.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.BaseNDManager;
import java.util.List;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;
import trainwell.core.Language;
import trainwell.data.Tasks;
import trainwell.data.TextPair;
import trainwell.data.TranslationData;
import trainwell.models.TransformerConfig;
import trainwell.optimizers.OptimizerSpec;
import trainwell.schedules.Schedule;
import trainwell.schedules.Schedules;

public class TrainingTest {

    /** Reversal of 3-6 letters from an alphabet of 6: a small model learns it in a few hundred steps. */
    public static TranslationTask reversal(long seed) {
        return reversal(seed, 0);
    }

    /** The same task with dropout {@code dropout} in the model. */
    public static TranslationTask reversal(long seed, double dropout) {
        List<TextPair> pairs = Tasks.reverse(6, 3, 6).pairs(1200, 7);
        TranslationData train = TranslationData.characterLevel(pairs.subList(0, 1000));
        TranslationData val = TranslationData.encode(pairs.subList(1000, 1200), train.sourceTokenizer(),
                train.targetTokenizer());
        TransformerConfig config = TransformerConfig.tiny().withDModel(32).withHeads(2).withLayers(1)
                .withFfnWidth(64).withDropout(dropout).withMaxLength(8);
        return TranslationTask.create(config, train, val, seed);
    }

    public static TrainingConfig quick(int steps) {
        return TrainingConfig.defaults().withOptimizer(OptimizerSpec.adamW(0.01))
                .withSchedule(Schedules.warmupCosine(3e-3, 3e-4, Math.max(1, steps / 10), steps)).withSteps(steps).withBatchSize(32)
                .withEvalEvery(steps).withProgress(false);
    }

    @Test
    void aSmallModelLearnsToReverseLetters() {
        TrainingResult r = Training.run("reverse", quick(400).withSchedule(Schedules.warmupCosine(1e-2, 1e-3, 40, 400)),
                TrainingTest::reversal);
        assertEquals(TrainingResult.Status.COMPLETED, r.status(), r.message());
        double first = r.history().doubleColumn("loss").getDouble(0);
        assertTrue(r.finalLoss() < 0.5 * first, "loss should at least halve: " + first + " -> " + r.finalLoss());
        assertTrue(r.finalValidationAccuracy() > 0.5, "token accuracy " + r.finalValidationAccuracy());
    }

    @Test
    void historyHasOneRowPerStepAndValidationAtEvaluations() {
        TrainingResult r = Training.run("cols", quick(20).withEvalEvery(10).withStatsEvery(5), TrainingTest::reversal);
        Table h = r.history();
        assertEquals(20, h.rowCount());
        for (String c : List.of("step", "run", "seed", "loss", "lr", "grad_norm", "update_ratio", "val_loss",
                "val_accuracy", "ms")) {
            assertTrue(h.containsColumn(c), "missing column " + c + " in " + h.columnNames());
        }
        assertEquals(18, h.doubleColumn("val_loss").countMissing(), "evaluations at steps 9 and 19 only");
        assertEquals(16, h.doubleColumn("update_ratio").countMissing(), "ratio at steps 0, 5, 10, 15");
        assertTrue(r.layers().rowCount() >= 20 * 3, "several layers per step: " + r.layers().rowCount());
        assertTrue(r.layers().stringColumn("layer").unique().contains("encoder.layer0"));
    }

    @Test
    void theLearningRateColumnFollowsTheSchedule() {
        Schedule s = Schedules.linearWarmup(5).then(Schedules.constant(1e-3));
        TrainingResult r = Training.run("lr", quick(8).withSchedule(s), TrainingTest::reversal);
        for (int step = 0; step < 8; step++) {
            assertEquals(s.at(step), r.history().doubleColumn("lr").getDouble(step), 1e-15);
        }
    }

    /** SGD at a rate of 1e4 without clipping: diverges within a few steps. */
    private static TrainingConfig tooHot() {
        return quick(200).withOptimizer(OptimizerSpec.sgd()).withConstantLr(1e4).withoutClipping();
    }

    /**
     * Learns for 40 steps, then a learning rate that wrecks the model: validation gets worse and early stopping
     * (patience 2, an evaluation every 10 steps) ends the run; divergence is switched off.
     */
    private static TrainingConfig learnThenWreck() {
        Schedule learnThenWreck = step -> step < 40 ? 3e-3 : 0.5;
        return quick(200).withSchedule(learnThenWreck).withEvalEvery(10).withPatience(2)
                .withoutClipping().withDivergenceFactor(1e9);
    }

    @Test
    void aHugeLearningRateDivergesAndKeepsWhatItRecorded() {
        TrainingResult r = Training.run("too hot", tooHot(), TrainingTest::reversal);
        assertEquals(TrainingResult.Status.DIVERGED, r.status());
        assertTrue(r.stepsRun() < 200, "stopped early: " + r.stepsRun());
        assertEquals(r.stepsRun(), r.history().rowCount());
        assertTrue(r.message().startsWith("diverged at step"), r.message());
    }

    @Test
    void aStoppedRunsMessageIsInTheKernelsLanguage() {
        System.setProperty(Language.PROPERTY, "zh");
        try {
            TrainingResult diverged = Training.run("too hot", tooHot(), TrainingTest::reversal);
            assertEquals(TrainingResult.Status.DIVERGED, diverged.status());
            assertTrue(diverged.message().startsWith("在第 " + (diverged.stepsRun() - 1) + " 步发散：损失 "),
                    diverged.message());
            assertTrue(diverged.message().endsWith("保留已运行的 " + diverged.stepsRun() + " 步"), diverged.message());
            TrainingResult early = Training.run("early", learnThenWreck(), TrainingTest::reversal);
            assertEquals(TrainingResult.Status.EARLY_STOPPED, early.status(), early.message());
            assertTrue(early.message().startsWith("连续 2 次评估没有改进，提前停止；已恢复第 " + early.bestStep() + " 步的权重"),
                    early.message());
        } finally {
            System.clearProperty(Language.PROPERTY);
        }
    }

    @Test
    void clippingCapsTheUpdateButRecordsTheNormBeforeClipping() {
        TrainingResult r = Training.run("clip", quick(5).withClipNorm(1e-3), TrainingTest::reversal);
        assertTrue(r.history().doubleColumn("grad_norm").min() > 1e-3, "norms are recorded before clipping");
    }

    @Test
    void earlyStoppingRestoresTheBestWeights() {
        try (TranslationTask task = reversal(3)) {
            TrainingResult r = Training.run("early", learnThenWreck(), task);
            assertEquals(TrainingResult.Status.EARLY_STOPPED, r.status(), r.message());
            assertTrue(r.stepsRun() < 200);
            assertTrue(r.bestStep() <= 49, "best before the wreck: " + r.bestStep());
            double restored = Training.evaluate(task, 32).loss();
            assertEquals(r.bestValidationLoss(), restored, 1e-4 * r.bestValidationLoss());
        }
    }

    @Test
    void theSameSeedGivesTheSameRunWithinTolerance() {
        TrainingResult a = Training.run("a", quick(30), TrainingTest::reversal);
        TrainingResult b = Training.run("b", quick(30), TrainingTest::reversal);
        double[] la = a.history().doubleColumn("loss").asDoubleArray();
        double[] lb = b.history().doubleColumn("loss").asDoubleArray();
        for (int i = 0; i < la.length; i++) {
            assertEquals(la[i], lb[i], 1e-3 * la[i], "step " + i);
        }
        TrainingResult c = Training.run("c", quick(30).withSeed(2), TrainingTest::reversal);
        assertFalse(Math.abs(c.history().doubleColumn("loss").getDouble(0) - la[0]) < 1e-7,
                "another seed gives another initialization");
    }

    @Test
    void nativeMemoryOfTheModelDoesNotGrowWithSteps() {
        try (TranslationTask task = reversal(1)) {
            BaseNDManager m = (BaseNDManager) task.manager();
            Training.run("warm", quick(3), task);
            int before = m.getManagedArrays().size();
            Training.run("more", quick(60).withEvalEvery(20), task);
            assertEquals(before, m.getManagedArrays().size(), "arrays on the model's manager");
        }
    }

    @Test
    void layerKeysGroupParametersByLayer() {
        assertEquals("encoder.layer0", Training.layerKey("encoder.layer0.ffn.in.weight"));
        assertEquals("decoder.finalNorm", Training.layerKey("decoder.finalNorm.gamma"));
        assertEquals("head", Training.layerKey("head.weight"));
    }

    @Test
    void badConfigurationsNameTheArgument() {
        var e = assertThrows(IllegalArgumentException.class, () -> TrainingConfig.defaults().withSteps(0));
        assertTrue(e.getMessage().startsWith("steps") && e.getMessage().contains("0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> TrainingConfig.defaults().withLabelSmoothing(1.0));
        assertTrue(e.getMessage().startsWith("labelSmoothing"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> TrainingConfig.defaults().withClipNorm(Double.NaN));
        assertTrue(e.getMessage().startsWith("clipNorm"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> OptimizerSpec.momentum(1.0));
        assertTrue(e.getMessage().startsWith("momentum"), e.getMessage());
    }
}
