package trainwell.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import java.util.Random;
import trainwell.core.Args;
import trainwell.optimizers.djl.TorchStyleOptimizer;
import trainwell.training.loss.LabelSmoothingCrossEntropy;

/** Gradients of a task's model measured without training it: for the gradient noise scale and similar diagnostics. */
public final class Gradients {

    private Gradients() {}

    /**
     * |G_B|^2: the squared norm, over all parameters, of the gradient of the mean token loss (plain cross-entropy)
     * on one training batch of {@code batchSize} drawn with {@code random} (no dropout). The model's gradients are
     * zero before and after the call; its weights are not changed.
     */
    public static double squaredNorm(TrainingTask task, int batchSize, Random random) {
        Args.notNull("task", task);
        Args.positive("batchSize", batchSize);
        Args.notNull("random", random);
        zero(task);
        ThreadGradients.offOnThisThread();
        LabelSmoothingCrossEntropy loss = LabelSmoothingCrossEntropy.plain().ignoring(task.ignoreIndex());
        try (NDManager m = task.manager().newSubManager(); ThreadGradients collector = new ThreadGradients()) {
            Prediction p = task.trainBatch(m, new ParameterStore(m, false), 0, batchSize, random, false);
            collector.backward(loss.evaluate(new NDList(p.labels()), new NDList(p.logits())));
        }
        double sum = 0;
        for (Parameter param : task.model().namedParameters().values()) {
            NDArray w = param.getArray();
            if (w.hasGradient()) {
                try (NDArray g = w.getGradient(); NDArray squares = g.square().sum()) {
                    sum += squares.getFloat();
                }
            }
        }
        zero(task);
        return sum;
    }

    private static void zero(TrainingTask task) {
        task.model().namedParameters().values().forEach(p -> TorchStyleOptimizer.zeroGradient(p.getArray()));
    }
}
