package trainwell.optimizers.djl;


import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.core.Linear;
import ai.djl.training.optimizer.Optimizer;
import com.google.gson.JsonObject;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import trainwell.optimizers.OptimizerSpec;

/** Optimizer state, groups, memory and argument checks, outside a Trainer. */
class OptimizerBehaviourTest extends LinearBlockFixture {

    @BeforeEach
    void setValues() {
        weight.getArray().set(new float[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12});
        bias.getArray().set(new float[] {1, 1, 1});
    }

    @Test
    void stateHasTheSizeEachAlgorithmNeeds() {
        long n = 12 + 3;
        Object[][] cases = {
            {OptimizerSpec.sgd().djlBuilder(), 0L},
            {OptimizerSpec.momentum(0.9).djlBuilder(), n},
            {OptimizerSpec.nesterov(0.9).djlBuilder(), n},
            {OptimizerSpec.adam().djlBuilder(), 2 * n},
            {OptimizerSpec.adamW(0).djlBuilder(), 2 * n},
            {OptimizerSpec.adam().withAmsgrad(true).djlBuilder(), 3 * n},
            {OptimizerSpec.lion().djlBuilder(), n},
            {OptimizerSpec.rAdam().djlBuilder(), 2 * n},
            {OptimizerSpec.rmsProp().djlBuilder(), n},
            {OptimizerSpec.rmsProp().withCentered(true).withMomentum(0.5).djlBuilder(), 3 * n},
            {OptimizerSpec.adaGrad().djlBuilder(), n},
        };
        for (Object[] c : cases) {
            TorchStyleOptimizer optimizer = ((TorchStyleOptimizer.Builder) c[0]).learningRate(0.01).build();
            step(optimizer, 0.5f);
            assertEquals(2, optimizer.statefulParameters());
            assertEquals((long) c[1], optimizer.stateElements(), optimizer.getClass().getSimpleName());
            optimizer.close();
        }
    }

    @Test
    void closeFreesTheStateAndTheNextUpdateStartsAfresh() {
        TorchStyleOptimizer optimizer = OptimizerSpec.adam().djlBuilder().learningRate(0.01).build();
        step(optimizer, 1f);
        int withState = manager.getManagedArrays().size();
        optimizer.close();
        assertEquals(0, optimizer.statefulParameters());
        assertEquals(withState - 4, manager.getManagedArrays().size(), "two moments for each of two parameters");
        // a fresh start: bias correction makes the first Adam step exactly lr again
        float before = bias.getArray().getFloat(0);
        step(optimizer, -5f);
        assertEquals(before + 0.01f, bias.getArray().getFloat(0), 1e-6);
    }

    @Test
    void noArraysAccumulateInTheParameterManagerOver1000Updates() {
        for (TorchStyleOptimizer.Builder b : List.of(OptimizerSpec.adamW(0.1).djlBuilder(),
                OptimizerSpec.nesterov(0.9).withWeightDecay(0.1).djlBuilder(), OptimizerSpec.rmsProp().withCentered(true).withMomentum(0.5).djlBuilder(),
                OptimizerSpec.rAdam().djlBuilder(), OptimizerSpec.adaGrad().djlBuilder())) {
            TorchStyleOptimizer optimizer = b.learningRate(1e-4).groups(ParameterGroups.standard(block)).build();
            step(optimizer, 0.1f);
            int after1 = manager.getManagedArrays().size();
            for (int i = 1; i < 1000; i++) {
                step(optimizer, 0.1f);
            }
            assertEquals(after1, manager.getManagedArrays().size(), optimizer.getClass().getSimpleName());
            optimizer.close();
        }
    }

    @Test
    void weightDecayReachesOnlyTheDecayGroup() {
        TorchStyleOptimizer sgd = OptimizerSpec.sgd().withWeightDecay(0.5).djlBuilder().learningRate(0.1)
                .groups(ParameterGroups.standard(block)).build();
        step(sgd, 0f);
        // zero gradient: only the L2 term moves the weight, w -= 0.1 * 0.5 * w
        assertEquals(0.95f, weight.getArray().getFloat(0, 0), 1e-6);
        assertArrayEquals(new float[] {1, 1, 1}, bias.getArray().toFloatArray());
    }

    @Test
    void aGroupsLearningRateMultiplierScalesItsSteps() {
        ParameterGroups groups = ParameterGroups.of(block)
                .add(ParameterGroup.named("slow").withLrMultiplier(0.25), name -> name.equals("bias"))
                .otherwise(ParameterGroup.named("fast"));
        TorchStyleOptimizer sgd = OptimizerSpec.sgd().djlBuilder().learningRate(1).groups(groups).build();
        step(sgd, 1f);
        assertEquals(0f, weight.getArray().getFloat(0, 0), 1e-6);
        assertArrayEquals(new float[] {0.75f, 0.75f, 0.75f}, bias.getArray().toFloatArray(), 1e-6f);
    }

    @Test
    void adamWDecaysTheWeightsThemselvesWhileAdamDecaysThroughTheGradient() {
        // With a zero gradient: Adam's L2 term becomes a full-size Adam step (about lr), AdamW's decay
        // is lr * wd * w. Same settings, very different effect.
        TorchStyleOptimizer adam = OptimizerSpec.adamL2(0.01).djlBuilder().learningRate(0.01).build();
        step(adam, 0f);
        float adamMove = 1 - weight.getArray().getFloat(0, 0);
        weight.getArray().set(new float[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12});
        TorchStyleOptimizer adamW = OptimizerSpec.adamW(0.01).djlBuilder().learningRate(0.01).build();
        step(adamW, 0f);
        float adamWMove = 1 - weight.getArray().getFloat(0, 0);
        assertEquals(0.01f, adamMove, 1e-5);
        assertEquals(0.01f * 0.01f, adamWMove, 1e-7);
    }

    /**
     * Runs DJL's Sgd (momentum 0.9) and ours side by side on the bias of the PyTorch "momentum" case
     * with learning rates {@code lr}; returns the normwise difference of the two after each step.
     */
    double[] djlSgdAgainstOurs(double[] lr, int steps) {
        JsonObject c = ReferenceJson.objects(ReferenceJson.load("optimizers.json").get("cases")).stream()
                .filter(o -> o.get("name").getAsString().equals("momentum")).findFirst().orElseThrow();
        List<JsonObject> reference = ReferenceJson.objects(c.get("steps"));
        // DJL's Sgd passes 1-based update counts to its tracker
        Optimizer djl = Optimizer.sgd().setLearningRateTracker((id, count) -> (float) lr[count - 1])
                .optMomentum(0.9f).build();
        TorchStyleOptimizer ours = OptimizerSpec.momentum(0.9).djlBuilder().learningRate(step -> lr[step]).build();
        float[] initial = ReferenceJson.floats(c.getAsJsonObject("initial").get("bias"));
        NDArray djlBias = manager.create(initial);
        NDArray ourBias = manager.create(initial);
        double[] differences = new double[steps];
        for (int t = 0; t < steps; t++) {
            try (NDManager tmp = manager.newSubManager()) {
                NDArray g = tmp.create(ReferenceJson.floats(reference.get(t).getAsJsonObject("grad").get("bias")));
                djl.update("bias", djlBias, g);
                ours.update("bias", ourBias, g);
            }
            float[] expected = ourBias.toFloatArray();
            differences[t] = ReferenceJson.maxRelativeError(expected, djlBias.toFloatArray(),
                    ReferenceJson.maxAbs(expected));
        }
        ours.close();
        return differences;
    }

    @Test
    void djlSgdMomentumAgreesWithPyTorchsAtAConstantLearningRate() {
        double[] constant = new double[10];
        java.util.Arrays.fill(constant, 0.1);
        for (double difference : djlSgdAgainstOurs(constant, 10)) {
            assertTrue(difference < 1e-6, "difference " + difference);
        }
    }

    @Test
    void djlSgdMomentumDepartsFromPyTorchsWhenTheLearningRateChanges() {
        // DJL keeps lr * g in its buffer: after the rate halves, the old gradients still count at
        // the old rate. PyTorch multiplies the whole buffer by today's rate.
        double[] differences = djlSgdAgainstOurs(new double[] {0.1, 0.05, 0.1}, 3);
        assertTrue(differences[0] < 1e-6, "same first step: " + differences[0]);
        assertTrue(differences[1] > 1e-3, "differs once the rate changed: " + differences[1]);
    }

    @Test
    void rejectsBadHyperparametersNamingThem() {
        assertRejects("lr", () -> OptimizerSpec.sgd().djlBuilder().learningRate(-0.1));
        assertRejects("momentum", () -> OptimizerSpec.momentum(1.0).djlBuilder());
        assertRejects("momentum", () -> new OptimizerSpec.Sgd(0, 0, true, 0));
        assertRejects("dampening", () -> OptimizerSpec.nesterov(0.9).withDampening(0.1));
        assertRejects("beta1", () -> OptimizerSpec.adam().withBetas(1.0, 0.999).djlBuilder());
        assertRejects("beta2", () -> OptimizerSpec.adamW(0).withBetas(0.9, -0.1).djlBuilder());
        assertRejects("eps", () -> OptimizerSpec.rmsProp().withEps(Double.NaN).djlBuilder());
        assertRejects("alpha", () -> OptimizerSpec.rmsProp().withAlpha(1.5).djlBuilder());
        assertRejects("weightDecay", () -> OptimizerSpec.adamW().withWeightDecay(-1).djlBuilder());
        assertRejects("initialAccumulator", () -> OptimizerSpec.adaGrad().withInitialAccumulator(-1).djlBuilder());
        assertRejects("learningRate", () -> OptimizerSpec.adam().djlBuilder().build());
        assertRejects("lrMultiplier", () -> ParameterGroup.named("g").withLrMultiplier(-1));
        assertRejects("name", () -> ParameterGroup.named(" "));
    }

    @Test
    void aScheduleThatGoesNegativeFailsAtThatStep() {
        TorchStyleOptimizer sgd = OptimizerSpec.sgd().djlBuilder().learningRate(step -> step < 1 ? 0.1 : -0.1).build();
        step(sgd, 1f);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> step(sgd, 1f));
        assertTrue(e.getMessage().contains("step 1") && e.getMessage().contains("-0.1"), e.getMessage());
    }

    @Test
    void groupsBuiltFromAnotherBlockRejectTheParameter() {
        Linear other = Linear.builder().setUnits(2).build();
        TorchStyleOptimizer sgd = OptimizerSpec.sgd().djlBuilder().learningRate(0.1).groups(ParameterGroups.standard(other)).build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> step(sgd, 1f));
        assertTrue(e.getMessage().contains("parameterId") && e.getMessage().contains(weight.getId()), e.getMessage());
    }

    @Test
    void adamWsFirstStepHasTheSizeOfTheLearningRate() {
        // bias-corrected Adam: the first step is lr * g / |g| = lr per coordinate
        TorchStyleOptimizer adamW = OptimizerSpec.adamW(0).djlBuilder().learningRate(0.01).build();
        step(adamW, 123f);
        assertNotEquals(1f, bias.getArray().getFloat(0));
        assertEquals(0.99f, bias.getArray().getFloat(0), 1e-6);
    }

    static void assertRejects(String argument, Executable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertTrue(e.getMessage().contains(argument), "message names " + argument + ": " + e.getMessage());
    }
}
