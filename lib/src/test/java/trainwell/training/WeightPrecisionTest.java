package trainwell.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.nn.Parameter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import trainwell.optimizers.OptimizerSpec;
import trainwell.precision.FloatFormat;
import trainwell.schedules.Schedules;

class WeightPrecisionTest {

    private static List<float[]> weights(TranslationTask task) {
        List<float[]> out = new ArrayList<>();
        for (Parameter p : task.model().namedParameters().values()) {
            if (p.requiresGradient()) {
                out.add(p.getArray().toFloatArray());
            }
        }
        return out;
    }

    /** Fraction of weight values that differ between two snapshots. */
    private static double changed(List<float[]> a, List<float[]> b) {
        long n = 0;
        long diff = 0;
        for (int i = 0; i < a.size(); i++) {
            for (int j = 0; j < a.get(i).length; j++) {
                n++;
                if (a.get(i)[j] != b.get(i)[j]) {
                    diff++;
                }
            }
        }
        return (double) diff / n;
    }

    private static boolean allRepresentable(List<float[]> w, FloatFormat format) {
        return w.stream().allMatch(a -> {
            for (float v : a) {
                if (format.round(v) != v) {
                    return false;
                }
            }
            return true;
        });
    }

    /** Adam at 1e-5: every update is about 1e-5, far below half of bfloat16's ulp for most weights. */
    private static TrainingConfig tinySteps() {
        return TrainingConfig.defaults().withOptimizer(OptimizerSpec.adam()).withSchedule(Schedules.constant(1e-5))
                .withSteps(60).withBatchSize(16).withEvalEvery(60).withProgress(false).withoutClipping();
    }

    @Test
    void withoutAMasterCopySmallUpdatesAreLost() {
        try (TranslationTask task = TrainingTest.reversal(5)) {
            WeightPrecision bf16 = WeightPrecision.withoutMasterCopy(FloatFormat.BFLOAT16);
            TrainingResult r = Training.run("pure bf16", tinySteps(), task, bf16);
            double[] lost = r.history().doubleColumn(WeightPrecision.LOST_COLUMN).asDoubleArray();
            assertEquals(60, lost.length);
            // Adam's steps of 1e-5 are below half an ulp for almost every weight of size > 0.005
            assertTrue(java.util.Arrays.stream(lost).allMatch(v -> v > 0.5 && v <= 1), java.util.Arrays.toString(lost));
            List<float[]> end = weights(task);
            assertTrue(allRepresentable(end, FloatFormat.BFLOAT16), "every weight is a bfloat16 value");
            assertTrue(bf16.lostUpdates() > 0, "lost updates: " + bf16.lostUpdates());
        }
    }

    @Test
    void aMasterCopyKeepsTheSmallUpdates() {
        List<float[]> startPure;
        List<float[]> endPure;
        try (TranslationTask task = TrainingTest.reversal(5)) {
            var recorder = new StartRecorder();
            Training.run("pure bf16", tinySteps(), task, WeightPrecision.withoutMasterCopy(FloatFormat.BFLOAT16), recorder);
            startPure = recorder.start;
            endPure = weights(task);
        }
        List<float[]> startMaster;
        List<float[]> endMaster;
        try (TranslationTask task = TrainingTest.reversal(5)) {
            var recorder = new StartRecorder();
            WeightPrecision master = WeightPrecision.withMasterCopy(FloatFormat.BFLOAT16);
            Training.run("bf16 + master", tinySteps(), task, master, recorder);
            startMaster = recorder.start;
            endMaster = weights(task);
            assertTrue(allRepresentable(endMaster, FloatFormat.BFLOAT16), "the model computes with bfloat16 values");
            assertEquals(0, master.lostUpdates());
        }
        double pure = changed(startPure, endPure);
        double withMaster = changed(startMaster, endMaster);
        // 60 updates of ~1e-5 add up to ~6e-4: enough to move many small weights by one bfloat16 step
        assertTrue(withMaster > 2 * pure + 0.05, "changed weights: pure bf16 " + pure + ", with master " + withMaster);
    }

    @Test
    void float32IsExactAndRejectsNull() {
        try (TranslationTask task = TrainingTest.reversal(5)) {
            WeightPrecision fp32 = WeightPrecision.withoutMasterCopy(FloatFormat.FLOAT32);
            Training.run("fp32", tinySteps().withSteps(5).withEvalEvery(5), task, fp32);
            assertEquals(0, fp32.changedByRounding());
        }
        var e = assertThrows(IllegalArgumentException.class, () -> WeightPrecision.withMasterCopy(null));
        assertTrue(e.getMessage().contains("format"), e.getMessage());
    }

    /** Records the weights the model starts with (after the precision listener rounded them). */
    private static final class StartRecorder implements TrainingListener {
        List<float[]> start;

        @Override
        public void onStart(TrainingRun run) {
            start = new ArrayList<>();
            for (Parameter p : run.task().model().namedParameters().values()) {
                if (p.requiresGradient()) {
                    start.add(p.getArray().toFloatArray());
                }
            }
        }
    }
}
