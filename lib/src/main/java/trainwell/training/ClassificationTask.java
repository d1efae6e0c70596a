package trainwell.training;

import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
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
public final class ClassificationTask extends ModelTask<TransformerClassifier> {

    private final ClassificationData train;
    private final ClassificationData validation;
    private final EpochCursor batches;

    private ClassificationTask(TransformerConfig sized, ClassificationData train, ClassificationData validation,
            long seed) {
        super(m -> Transformers.classifier(sized, train.classes(), Pooling.MEAN, m));
        this.train = train;
        this.validation = validation;
        this.batches = new EpochCursor(train.size(), seed);
    }

    /** Builds a classifier (mean pooling over real tokens) from {@code config} on a new manager. */
    public static ClassificationTask create(TransformerConfig config, ClassificationData train,
            ClassificationData validation, long seed) {
        Args.notNull("config", config);
        Args.notNull("train", train);
        Args.notNull("validation", validation);
        Args.check(validation.size() > 0, "validation", "must hold at least one sentence", 0);
        return new ClassificationTask(config.withVocab(train.tokenizer().vocabulary().size()), train, validation, seed);
    }

    @Override
    public int ignoreIndex() {
        return TrainingTask.NO_IGNORE;
    }

    @Override
    public Prediction trainBatch(NDManager m, ParameterStore ps, int step, int batchSize, Random random,
            boolean training) {
        return forward(m, ps, train, batches.next(batchSize), training);
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
        return new Prediction(model().logits(ps, b.tokens(), b.mask(), training), b.labels());
    }
}
