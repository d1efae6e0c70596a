package trainwell.training;

import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import java.util.Random;
import trainwell.models.TransformerModel;

/**
 * A model together with its data: what a training run needs besides its {@link TrainingConfig}.
 * Implementations: {@link TranslationTask}, {@link LanguageModelTask}, {@link ClassificationTask}.
 * Closing the task frees the model's native memory.
 */
public interface TrainingTask extends AutoCloseable {

    /** The {@link #ignoreIndex()} of a task whose labels all count (PyTorch's default {@code ignore_index}). */
    int NO_IGNORE = -100;

    /** The model being trained (initialized). */
    TransformerModel model();

    /** The manager that owns the model's parameters; training steps open sub-managers of it. */
    NDManager manager();

    /** The label that does not count in the loss and the accuracy (padding), or -100 when none. */
    int ignoreIndex();

    /** The forward pass on training batch number {@code step}, created on {@code manager}. */
    Prediction trainBatch(NDManager manager, ParameterStore ps, int step, int batchSize, Random random, boolean training);

    /** How many validation batches of {@code batchSize} make one evaluation (a fixed set). */
    int validationBatches(int batchSize);

    /** The forward pass (not training) on validation batch {@code index}, created on {@code manager}. */
    Prediction validationBatch(NDManager manager, ParameterStore ps, int index, int batchSize);

    /** Frees the model's parameters. */
    @Override
    default void close() {
        manager().close();
    }
}
