package trainwell.training.loss;


import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.core.Linear;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import org.junit.jupiter.api.Test;
import static org.junit.jupiter.api.Assertions.assertTrue;
import trainwell.optimizers.OptimizerSpec;
import trainwell.optimizers.djl.ParameterGroups;
import trainwell.training.clip.GradientClipping;

/** The loss, the optimizers and clipping together in DJL's Trainer, on (B, T, C) outputs. */
class LabelSmoothingTrainingTest {

    @Test
    void aSequenceModelLearnsWithTheLossAsTheTrainersLoss() {
        Engine.getInstance().setRandomSeed(1);
        try (Model model = Model.newInstance("tagger")) {
            model.setBlock(Linear.builder().setUnits(5).build()); // (B, T, 4) -> (B, T, 5)
            LabelSmoothingCrossEntropy loss = LabelSmoothingCrossEntropy.withSmoothing(0.1).ignoring(0);
            try (Trainer trainer = model.newTrainer(new DefaultTrainingConfig(loss).optOptimizer(
                    OptimizerSpec.adamW(0.01).djlBuilder().learningRate(0.05)
                            .groups(ParameterGroups.standard(model.getBlock())).build()))) {
                trainer.initialize(new Shape(2, 3, 4));
                float first = 0;
                float last = 0;
                for (int step = 0; step < 60; step++) {
                    try (NDManager batch = trainer.getManager().newSubManager();
                            GradientCollector collector = trainer.newGradientCollector()) {
                        // label = index of the largest of the first four features + 1; label 0 is padding
                        NDArray x = batch.create(new float[] {
                            3, 0, 0, 0, 0, 3, 0, 0, 0, 0, 0, 0,
                            0, 0, 3, 0, 0, 0, 0, 3, 3, 0, 0, 0}, new Shape(2, 3, 4));
                        NDArray y = batch.create(new long[] {1, 2, 0, 3, 4, 1}, new Shape(2, 3));
                        NDArray value = trainer.getLoss().evaluate(new NDList(y), trainer.forward(new NDList(x)));
                        collector.backward(value);
                        last = value.getFloat();
                        first = step == 0 ? last : first;
                    }
                    GradientClipping.clipGlobalNorm(model.getBlock(), 1.0);
                    trainer.step();
                }
                assertTrue(last < first / 3, "loss fell from " + first + " to " + last);
            }
        }
    }
}
