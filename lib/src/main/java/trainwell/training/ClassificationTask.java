package trainwell.training;

import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import java.util.List;
import java.util.Random;
import trainwell.core.Args;
import trainwell.data.Batches;
import trainwell.data.ClassificationBatch;
import trainwell.data.ClassificationData;
import trainwell.models.Pooling;
import trainwell.models.TransformerClassifier;
import trainwell.models.TransformerConfig;
import trainwell.models.Transformers;

/** An encoder classifier learning the labels of a {@link ClassificationData}. */
public final class ClassificationTask implements TrainingTask {

    private final TransformerClassifier model;
    private final NDManager manager;
    private final ClassificationData train;
    private final ClassificationData validation;
    private final long shuffleSeed;
    private List<int[]> epoch = List.of();
    private int epochIndex = -1;
    private int cursor;

    private ClassificationTask(TransformerClassifier model, NDManager manager, ClassificationData train,
            ClassificationData validation, long shuffleSeed) {
        this.model = model;
        this.manager = manager;
        this.train = train;
        this.validation = validation;
        this.shuffleSeed = shuffleSeed;
    }

    /** Builds a classifier (mean pooling over real tokens) from {@code config} on a new manager. */
    public static ClassificationTask create(TransformerConfig config, ClassificationData train,
            ClassificationData validation, long seed) {
        Args.notNull("config", config);
        Args.notNull("train", train);
        Args.notNull("validation", validation);
        Args.check(validation.size() > 0, "validation", "must hold at least one sentence", 0);
        TransformerConfig sized = config.withVocab(train.tokenizer().vocabulary().size());
        NDManager manager = NDManager.newBaseManager();
        try {
            return new ClassificationTask(Transformers.classifier(sized, train.classes(), Pooling.MEAN, manager),
                    manager, train, validation, seed);
        } catch (RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    @Override
    public TransformerClassifier model() {
        return model;
    }

    @Override
    public NDManager manager() {
        return manager;
    }

    @Override
    public int ignoreIndex() {
        return LanguageModelTask.NO_IGNORE;
    }

    @Override
    public Prediction trainBatch(NDManager m, ParameterStore ps, int step, int batchSize, Random random,
            boolean training) {
        if (cursor >= epoch.size()) {
            epochIndex++;
            epoch = train.epoch(Math.min(batchSize, train.size()), shuffleSeed * 1_000_003L + epochIndex);
            cursor = 0;
        }
        return forward(m, ps, train, epoch.get(cursor++), training);
    }

    @Override
    public int validationBatches(int batchSize) {
        return Batches.inOrder(validation.size(), batchSize).size();
    }

    @Override
    public Prediction validationBatch(NDManager m, ParameterStore ps, int index, int batchSize) {
        return forward(m, ps, validation, Batches.inOrder(validation.size(), batchSize).get(index), false);
    }

    private Prediction forward(NDManager m, ParameterStore ps, ClassificationData data, int[] indices,
            boolean training) {
        ClassificationBatch b = data.batch(m, indices);
        return new Prediction(model.logits(ps, b.tokens(), b.mask(), training), b.labels());
    }
}
