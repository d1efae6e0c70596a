package trainwell.optimizers.djl;


import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import trainwell.optimizers.OptimizerSpec;

/** How the optimizers behave inside DJL's Trainer: gradients, step numbers, memory. */
class TrainerContractTest {

    /** A model whose block is a Linear layer 4 -> 3, trained with {@code optimizer}. */
    static Trainer trainer(Model model, Optimizer optimizer) {
        Trainer trainer = model.newTrainer(new DefaultTrainingConfig(Loss.l2Loss()).optOptimizer(optimizer));
        trainer.initialize(new Shape(2, 4));
        return trainer;
    }

    static Model linearModel() {
        Model model = Model.newInstance("linear");
        model.setBlock(Linear.builder().setUnits(3).build());
        return model;
    }

    /** Forward, loss and backward on a fixed batch, all temporaries in a sub-manager. */
    static void backward(Trainer trainer) {
        try (NDManager batch = trainer.getManager().newSubManager();
                GradientCollector collector = trainer.newGradientCollector()) {
            NDArray x = batch.create(new float[] {1, 2, 3, 4, -1, 0.5f, 2, -3}, new Shape(2, 4));
            NDArray y = batch.create(new float[] {1, 0, -1, 0.5f, 2, 0}, new Shape(2, 3));
            NDList prediction = trainer.forward(new NDList(x));
            collector.backward(trainer.getLoss().evaluate(new NDList(y), prediction));
        }
    }

    static float[] gradient(Parameter p) {
        try (NDArray g = p.getArray().getGradient()) {
            return g.toFloatArray();
        }
    }

    @Test
    void stepAppliesTheUpdateAndZeroesTheGradient() {
        try (Model model = linearModel();
                Trainer trainer = trainer(model, OptimizerSpec.sgd().djlBuilder().learningRate(0.1).build())) {
            Parameter weight = model.getBlock().getParameters().get("weight");
            backward(trainer);
            float[] before = weight.getArray().toFloatArray();
            float[] grad = gradient(weight);
            assertTrue(Math.abs(grad[0]) > 0, "the batch gives a gradient");
            trainer.step();
            float[] after = weight.getArray().toFloatArray();
            for (int i = 0; i < after.length; i++) {
                assertEquals(before[i] - 0.1f * grad[i], after[i], 1e-6);
            }
            assertArrayEquals(new float[12], gradient(weight), "zeroed after the step");
        }
    }

    @Test
    void withoutTheOptimizerZeroingDjlWouldAccumulateGradients() {
        try (Model model = linearModel();
                Trainer trainer = trainer(model, OptimizerSpec.sgd().djlBuilder().learningRate(0).build())) {
            Parameter weight = model.getBlock().getParameters().get("weight");
            backward(trainer);
            float once = gradient(weight)[0];
            backward(trainer); // two backward passes without a step: PyTorch's engine adds them up
            assertEquals(2 * once, gradient(weight)[0], 1e-5);
            trainer.step();
            backward(trainer);
            assertEquals(once, gradient(weight)[0], 1e-6, "after a step, one backward gives one gradient");
        }
    }

    @Test
    void aNonFiniteGradientIsClearedToo() {
        try (Model model = linearModel();
                Trainer trainer = trainer(model, OptimizerSpec.sgd().djlBuilder().learningRate(0).build())) {
            Parameter weight = model.getBlock().getParameters().get("weight");
            try (NDManager batch = trainer.getManager().newSubManager();
                    GradientCollector collector = trainer.newGradientCollector()) {
                collector.backward(weight.getArray().mul(batch.full(new Shape(3, 4), Float.NaN)).sum());
            }
            assertTrue(Float.isNaN(gradient(weight)[0]));
            trainer.step();
            assertArrayEquals(new float[12], gradient(weight), "a skipped NaN batch must not poison the next");
        }
    }

    @Test
    void theScheduleSeesZeroBasedStepsPerParameter() {
        List<Integer> seen = new ArrayList<>();
        try (Model model = linearModel();
                Trainer trainer = trainer(model, OptimizerSpec.adamW(0).djlBuilder().learningRate(step -> {
                    seen.add(step);
                    return 1e-3;
                }).build())) {
            for (int i = 0; i < 3; i++) {
                backward(trainer);
                trainer.step();
            }
        }
        assertEquals(List.of(0, 0, 1, 1, 2, 2), seen, "weight and bias each see 0, 1, 2");
    }

    @Test
    void aDjlTrackerAlsoSeesZeroBasedSteps() {
        List<Integer> seen = new ArrayList<>();
        try (Model model = linearModel();
                Trainer trainer = trainer(model, OptimizerSpec.sgd().djlBuilder().learningRateTracker((id, step) -> {
                    seen.add(step);
                    return 0.1f;
                }).build())) {
            backward(trainer);
            trainer.step();
        }
        assertEquals(List.of(0, 0), seen);
    }

    @Test
    void modelManagerHoldsAFixedNumberOfArraysOver1000TrainerSteps() {
        try (Model model = linearModel();
                Trainer trainer = trainer(model, OptimizerSpec.adamW(0.1).djlBuilder().learningRate(1e-3)
                        .groups(ParameterGroups.standard(model.getBlock())).build())) {
            backward(trainer);
            trainer.step(); // the first step creates the optimizer state
            int after1 = model.getNDManager().getManagedArrays().size();
            for (int i = 1; i < 1000; i++) {
                backward(trainer);
                trainer.step();
            }
            int after1000 = model.getNDManager().getManagedArrays().size();
            System.out.printf("arrays in the model's manager: %d after step 1, %d after step 1000%n",
                    after1, after1000);
            assertEquals(after1, after1000);
        }
    }
}
