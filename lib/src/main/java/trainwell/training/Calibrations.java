package trainwell.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.ParameterStore;
import java.util.Arrays;
import trainwell.core.Args;
import trainwell.results.Calibration;

/** Collects a trained model's confidences on its validation set, for calibration plots and scores. */
public final class Calibrations {

    private Calibrations() {}

    /**
     * The top-class probability (softmax of the logits) and its correctness at every validation position
     * of {@code task} whose label is not ignored, in batches of {@code batchSize} (the same set
     * {@link Training#evaluate} scores, so the accuracies agree).
     */
    public static Calibration of(String name, TrainingTask task, int batchSize) {
        Args.notNull("name", name);
        Args.notNull("task", task);
        Args.positive("batchSize", batchSize);
        double[] confidence = new double[0];
        boolean[] correct = new boolean[0];
        int n = 0;
        for (int i = 0; i < task.validationBatches(batchSize); i++) {
            try (NDManager m = task.manager().newSubManager()) {
                Prediction p = task.validationBatch(m, new ParameterStore(m, false), i, batchSize);
                long classes = p.logits().getShape().get(p.logits().getShape().dimension() - 1);
                NDArray probs = p.logits().reshape(-1, classes).softmax(1);
                float[] top = probs.max(new int[] {1}).toFloatArray();
                long[] guess = probs.argMax(1).toType(DataType.INT64, false).toLongArray();
                long[] labels = p.labels().reshape(-1).toType(DataType.INT64, false).toLongArray();
                confidence = Arrays.copyOf(confidence, n + labels.length);
                correct = Arrays.copyOf(correct, n + labels.length);
                for (int k = 0; k < labels.length; k++) {
                    if (labels[k] != task.ignoreIndex()) {
                        confidence[n] = Math.min(1.0, top[k]); // float rounding can give 1.0000001
                        correct[n] = guess[k] == labels[k];
                        n++;
                    }
                }
            }
        }
        return Calibration.of(name, Arrays.copyOf(confidence, n), Arrays.copyOf(correct, n));
    }
}
