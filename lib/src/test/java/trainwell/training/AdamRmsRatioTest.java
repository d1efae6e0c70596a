package trainwell.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;
import trainwell.optimizers.OptimizerSpec;
import trainwell.optimizers.djl.MuonOptimizer;

/**
 * The listener through the training loop. Its numbers are checked against torch in
 * {@code trainwell.optimizers.djl.AdamRmsRatioReferenceTest}; here, what follows from the definition alone: at an
 * update t = 1, v_hat = g^2 exactly, so every element's ratio is 1 (or 0 where the gradient is 0).
 */
class AdamRmsRatioTest {

    private static TrainingResult run(String name, TrainingConfig config, TrainingListener listener) {
        return Training.run(name, config, TrainingTest::reversal, listener);
    }

    @Test
    void atTheFirstUpdateTheRatioIsOneWhereTheGradientIsDenseAndAtMostOneElsewhere() {
        AdamRmsRatio rms = AdamRmsRatio.everyStep();
        run("first", TrainingTest.quick(3), rms);
        Table t = rms.table();
        Table first = t.where(t.intColumn("step").isEqualTo(0));
        assertTrue(first.rowCount() > 5, "one row per parameter: " + first.rowCount());
        int dense = 0;
        for (int i = 0; i < first.rowCount(); i++) {
            String p = first.stringColumn("parameter").get(i);
            double r = first.doubleColumn("rms_ratio").getDouble(i);
            assertTrue(r <= 1 + 1e-6, p + ": " + r);
            if (Math.abs(r - 1) <= 1e-5) {
                dense++;
            }
        }
        // Zero gradients (unused embedding rows, ReLU units no token switched on) give elements of 0; the attention
        // projections and the norms' gains have none.
        assertTrue(dense >= first.rowCount() / 2, dense + " of " + first.rowCount() + " parameters at exactly 1");
        System.out.println("step 0, per parameter:\n" + first.print());
    }

    @Test
    void measuresEveryNStepsAndAtTheLastStep() {
        AdamRmsRatio rms = AdamRmsRatio.every(3);
        Table h = run("every 3", TrainingTest.quick(8), rms).history();
        List<Integer> measured = new ArrayList<>();
        for (int i = 0; i < h.rowCount(); i++) {
            if (!h.doubleColumn(AdamRmsRatio.MAX_COLUMN).isMissing(i)) {
                measured.add(h.intColumn("step").getInt(i));
                double max = h.doubleColumn(AdamRmsRatio.MAX_COLUMN).getDouble(i);
                double pooled = h.doubleColumn(AdamRmsRatio.COLUMN).getDouble(i);
                assertTrue(pooled <= max + 1e-9, "the pooled ratio is at most the largest: " + pooled + " > " + max);
            }
        }
        assertEquals(List.of(0, 3, 6, 7), measured);
        assertEquals(Set.of(0, 3, 6, 7), new TreeSet<>(rms.table().intColumn("step").asList()));
    }

    @Test
    void perLayerPoolsTheParametersOfALayerWeightedByTheirSize() {
        AdamRmsRatio rms = AdamRmsRatio.every(2).perLayer();
        Table h = run("per layer", TrainingTest.quick(5), rms).history();
        Table params = rms.table();
        Map<String, double[]> sums = new HashMap<>();
        for (int i = 0; i < params.rowCount(); i++) {
            assertEquals(Training.layerKey(params.stringColumn("parameter").get(i)), params.stringColumn("layer").get(i));
            double n = params.doubleColumn("elements").getDouble(i);
            double ms = params.doubleColumn("rms_ratio").getDouble(i);
            double[] a = sums.computeIfAbsent(params.intColumn("step").getInt(i) + " " + params.stringColumn("layer").get(i),
                    k -> new double[2]);
            a[0] += n * ms * ms;
            a[1] += n;
        }
        Table layers = rms.layerTable();
        assertEquals(sums.size(), layers.rowCount());
        Map<Integer, Double> maxPerStep = new HashMap<>();
        for (int i = 0; i < layers.rowCount(); i++) {
            int step = layers.intColumn("step").getInt(i);
            double[] a = sums.get(step + " " + layers.stringColumn("layer").get(i));
            double value = layers.doubleColumn("rms_ratio").getDouble(i);
            assertEquals(Math.sqrt(a[0] / a[1]), value, 1e-9);
            maxPerStep.merge(step, value, Math::max);
        }
        for (int i = 0; i < h.rowCount(); i++) {
            int step = h.intColumn("step").getInt(i);
            if (maxPerStep.containsKey(step)) {
                assertEquals(maxPerStep.get(step), h.doubleColumn(AdamRmsRatio.MAX_COLUMN).getDouble(i), 1e-12);
            }
        }
        String someLayer = rms.layers().get(0);
        assertEquals(3, rms.series(someLayer).length, "steps 0, 2, 4: " + rms.layers());
        System.out.println("per layer:\n" + layers.print());
    }

    @Test
    void withMuonItWatchesTheParametersOfItsAdamWHalf() {
        AdamRmsRatio rms = AdamRmsRatio.every(2);
        TrainingResult r;
        Map<String, String> assignment;
        try (TranslationTask task = TrainingTest.reversal(1)) {
            assignment = MuonOptimizer.assignment(task.model().namedParameters());
            r = Training.run("muon", TrainingTest.quick(3).withOptimizer(OptimizerSpec.muon()), task, rms);
        }
        assertEquals(TrainingResult.Status.COMPLETED, r.status(), r.message());
        Set<String> watched = new TreeSet<>(rms.table().stringColumn("parameter").asList());
        Set<String> adamW = new TreeSet<>();
        assignment.forEach((name, owner) -> {
            if (owner.equals(MuonOptimizer.ADAM)) {
                adamW.add(name);
            }
        });
        assertEquals(adamW, watched);
        assertTrue(assignment.containsValue(MuonOptimizer.MUON), "the model has Muon matrices too");
    }

    @Test
    void refusesOtherOptimizersAndNamesBadArguments() {
        var sgd = assertThrows(IllegalArgumentException.class,
                () -> run("sgd", TrainingTest.quick(2).withOptimizer(OptimizerSpec.sgd()), AdamRmsRatio.everyStep()));
        assertTrue(sgd.getMessage().startsWith("optimizer"), sgd.getMessage());
        var every = assertThrows(IllegalArgumentException.class, () -> AdamRmsRatio.every(0));
        assertTrue(every.getMessage().contains("every"), every.getMessage());
        var layerOf = assertThrows(IllegalArgumentException.class, () -> AdamRmsRatio.every(1).groupedBy(null));
        assertTrue(layerOf.getMessage().contains("layerOf"), layerOf.getMessage());
        AdamRmsRatio used = AdamRmsRatio.everyStep();
        run("once", TrainingTest.quick(2), used);
        var name = assertThrows(IllegalArgumentException.class, () -> used.series("no such layer"));
        assertTrue(name.getMessage().contains("name"), name.getMessage());
        var again = assertThrows(IllegalArgumentException.class, () -> run("twice", TrainingTest.quick(2), used));
        assertTrue(again.getMessage().contains("listener"), again.getMessage());
    }
}
