package trainwell.optimizers.djl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.nn.ParameterList;
import com.google.gson.JsonObject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import trainwell.optimizers.OptimizerSpec;

/**
 * The DJL schedule-free AdamW against lib/reference/schedule_free.py (float32, 15 steps, two groups, warm-up
 * and weight decay; written from the authors' adamw_schedulefree_reference.py and checked bit for bit against
 * it): the parameters (y) after every step, the average x that {@code evalMode} puts in the parameters, and
 * y again, to the bit, after {@code trainMode}.
 */
class ScheduleFreeAdamOptimizerTest extends LinearBlockFixture {

    /** Normwise relative error, as {@link OptimizerReferenceTest#TOLERANCE} (float32 arithmetic). */
    static final double TOLERANCE = OptimizerReferenceTest.TOLERANCE;

    /** The spec of each case; the weight decay of the "weight" group comes from the case. */
    static final Map<String, OptimizerSpec.ScheduleFreeAdam> SPECS = Map.of(
            "schedule_free_changing_lr", OptimizerSpec.scheduleFreeAdamW().withWarmupSteps(5),
            "schedule_free_constant_lr", OptimizerSpec.scheduleFreeAdamW().withBetas(0.8, 0.99).withEps(1e-6)
                    .withWarmupSteps(4));

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"schedule_free_changing_lr", "schedule_free_constant_lr"})
    void matchesTheReferenceAndEvaluatesAtTheAverage(String name) {
        JsonObject c = ReferenceJson.objects(ReferenceJson.load("schedule_free.json").get("cases")).stream()
                .filter(o -> o.get("name").getAsString().equals(name)).findFirst().orElseThrow();
        weight.getArray().set(ReferenceJson.floats(c.getAsJsonObject("initial").get("weight")));
        bias.getArray().set(ReferenceJson.floats(c.getAsJsonObject("initial").get("bias")));
        double[] lr = ReferenceJson.doubles(c.get("lr"));
        ParameterGroups groups = ParameterGroups.of(block)
                .add(ParameterGroup.noDecay().withLrMultiplier(c.get("biasLrMultiplier").getAsDouble()),
                        ParameterGroups::isExcludedFromDecayByDefault)
                .otherwise(ParameterGroup.decay());
        ParameterList parameters = block.getParameters();
        double worst = 0;
        try (TorchStyleOptimizer optimizer = SPECS.get(name).withWeightDecay(c.get("weightDecay").getAsDouble())
                .djlBuilder().learningRate(step -> lr[step]).groups(groups).build()) {
            List<JsonObject> steps = ReferenceJson.objects(c.get("steps"));
            for (int t = 0; t < steps.size(); t++) {
                JsonObject s = steps.get(t);
                for (Parameter p : List.of(weight, bias)) {
                    try (NDManager stepManager = manager.newSubManager()) {
                        NDArray grad = stepManager.create(
                                ReferenceJson.floats(s.getAsJsonObject("grad").get(p.getName())), p.getArray().getShape());
                        optimizer.update(p.getId(), p.getArray(), grad);
                    }
                }
                String at = name + " step " + t;
                worst = Math.max(worst, check(s.getAsJsonObject("param"), at + " y"));
                float[][] y = {weight.getArray().toFloatArray(), bias.getArray().toFloatArray()};
                optimizer.evalMode(parameters);
                worst = Math.max(worst, check(s.getAsJsonObject("x"), at + " x after evalMode"));
                optimizer.trainMode(parameters);
                assertArrayEquals(y[0], weight.getArray().toFloatArray(), at + ": trainMode restores y exactly");
                assertArrayEquals(y[1], bias.getArray().toFloatArray(), at + ": trainMode restores y exactly");
            }
            optimizer.evalMode(parameters);
            worst = Math.max(worst, check(c.getAsJsonObject("evalParam"), name + " after the reference's eval()"));
            optimizer.trainMode(parameters);
            worst = Math.max(worst, check(c.getAsJsonObject("trainParam"), name + " after the reference's train()"));
        }
        System.out.printf("%s: worst relative error of y and x over 15 steps %.2e%n", name, worst);
    }

    /** The worst normwise error of the two parameters against {@code expected}; fails above the tolerance. */
    private double check(JsonObject expected, String what) {
        double worst = 0;
        for (Parameter p : List.of(weight, bias)) {
            float[] want = ReferenceJson.floats(expected.get(p.getName()));
            double err = ReferenceJson.maxRelativeError(want, p.getArray().toFloatArray(), ReferenceJson.maxAbs(want));
            assertTrue(err <= TOLERANCE, what + " " + p.getName() + ": relative error " + err);
            worst = Math.max(worst, err);
        }
        return worst;
    }

    @Test
    void theAverageLagsBehindTheTrainedWeights() {
        try (TorchStyleOptimizer sf = OptimizerSpec.scheduleFreeAdamW().djlBuilder().learningRate(0.1).build()) {
            float start = weight.getArray().getFloat(0, 0);
            step(sf, 1f);
            step(sf, 1f);
            // z moves by lr per step (Adam-normalised gradient 1): start - 0.1, start - 0.2; x is their mean
            // start - 0.15; y = 0.9 x + 0.1 z = start - 0.155
            assertEquals(start - 0.155f, weight.getArray().getFloat(0, 0), 1e-6);
            sf.evalMode(block.getParameters());
            assertEquals(start - 0.15f, weight.getArray().getFloat(0, 0), 1e-6);
        }
    }

    @Test
    void anUpdateInEvaluationModeIsRefused() {
        try (TorchStyleOptimizer sf = OptimizerSpec.scheduleFreeAdamW().djlBuilder().learningRate(0.1).build()) {
            step(sf, 1f);
            sf.evalMode(block.getParameters());
            assertTrue(sf.inEvalMode());
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> step(sf, 1f, weight));
            assertTrue(e.getMessage().contains("trainMode"), e.getMessage());
            sf.trainMode(block.getParameters());
            assertFalse(sf.inEvalMode());
            step(sf, 1f, weight);
        }
    }

    @Test
    void aParameterThatNeverGotAGradientIsLeftAlone() {
        float[] biasBefore = bias.getArray().toFloatArray();
        try (TorchStyleOptimizer sf = OptimizerSpec.scheduleFreeAdamW().djlBuilder().learningRate(0.1).build()) {
            sf.evalMode(block.getParameters()); // before any update: no state, nothing moves
            sf.trainMode(block.getParameters());
            float[] weightBefore = weight.getArray().toFloatArray();
            for (int i = 0; i < 3; i++) {
                step(sf, 0.5f, weight);
            }
            sf.evalMode(block.getParameters());
            assertArrayEquals(biasBefore, bias.getArray().toFloatArray(), 0f);
            assertFalse(java.util.Arrays.equals(weightBefore, weight.getArray().toFloatArray()));
            assertEquals(1, sf.statefulParameters());
        }
    }

    @Test
    void otherOptimizersEvaluateTheWeightsTheyTrained() {
        try (TorchStyleOptimizer adamW = OptimizerSpec.adamW(0.1).djlBuilder().learningRate(0.1).build()) {
            step(adamW, 1f);
            float[] trained = weight.getArray().toFloatArray();
            adamW.evalMode(block.getParameters());
            assertArrayEquals(trained, weight.getArray().toFloatArray(), 0f);
            adamW.trainMode(block.getParameters());
            assertArrayEquals(trained, weight.getArray().toFloatArray(), 0f);
        }
    }

    @Test
    void stateIsThreeArraysPerParameterAndNoArraysAccumulateAcrossModes() {
        try (TorchStyleOptimizer sf = OptimizerSpec.scheduleFreeAdamW(0.1).withWarmupSteps(10).djlBuilder()
                .learningRate(1e-3).groups(ParameterGroups.standard(block)).build()) {
            step(sf, 0.1f);
            assertEquals(3L * (12 + 3), sf.stateElements(), "z, x and v");
            sf.evalMode(block.getParameters());
            sf.trainMode(block.getParameters());
            int after1 = manager.getManagedArrays().size();
            for (int i = 1; i < 300; i++) {
                step(sf, 0.1f);
                sf.evalMode(block.getParameters());
                sf.trainMode(block.getParameters());
            }
            assertEquals(after1, manager.getManagedArrays().size());
        }
    }

    @Test
    void closeStartsANewAverage() {
        try (TorchStyleOptimizer sf = OptimizerSpec.scheduleFreeAdamW().djlBuilder().learningRate(0.1).build()) {
            step(sf, 1f, weight);
            step(sf, 1f, weight);
            sf.close();
            float start = weight.getArray().getFloat(0, 0);
            step(sf, 1f, weight); // a first step again: c = 1, so x = y = z = start - lr
            assertEquals(start - 0.1f, weight.getArray().getFloat(0, 0), 1e-6);
            sf.evalMode(block.getParameters());
            assertEquals(start - 0.1f, weight.getArray().getFloat(0, 0), 1e-6);
        }
    }
}
