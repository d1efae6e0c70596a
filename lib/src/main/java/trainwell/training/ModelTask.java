package trainwell.training;

import ai.djl.ndarray.NDManager;
import java.util.function.Function;
import trainwell.models.TransformerModel;

/** What every task shares: a model built on a manager of its own, which closing the task frees. */
abstract class ModelTask<M extends TransformerModel> implements TrainingTask {

    private final NDManager manager;
    private final M model;

    ModelTask(Function<NDManager, M> build) {
        NDManager m = NDManager.newBaseManager();
        try {
            this.model = build.apply(m);
        } catch (RuntimeException e) {
            m.close();
            throw e;
        }
        this.manager = m;
    }

    @Override
    public M model() {
        return model;
    }

    @Override
    public NDManager manager() {
        return manager;
    }
}
