package trainwell.bench;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.util.Random;
import java.util.function.IntConsumer;
import trainwell.core.Args;
import trainwell.models.TransformerConfig;
import trainwell.models.TransformerLM;
import trainwell.models.Transformers;
import trainwell.training.Prediction;
import trainwell.training.TrainingTask;

/**
 * The benchmark's task for a decoder-only model: a sequence of {@code half} random tokens (1..vocab-1),
 * a separator (0), then the same tokens reversed. The model reads the first {@code 2 * half} tokens and
 * is scored only where it predicts the reversed half (the random half cannot be predicted).
 * bin/benchmark_torch.py builds the same task in PyTorch.
 */
public final class ReversalTask implements TrainingTask {

    private static final long VALIDATION_SEED = 99;

    private final NDManager manager;
    private final TransformerLM model;
    private final int vocab;
    private final int half;
    private IntConsumer onStep = step -> { };

    private ReversalTask(TransformerConfig config, int half) {
        this.vocab = config.sourceVocab();
        this.half = half;
        NDManager m = NDManager.newBaseManager();
        try {
            this.model = Transformers.languageModel(config.withMaxLength(Math.max(config.maxLength(), 2 * half)), m);
        } catch (RuntimeException e) {
            m.close();
            throw e;
        }
        this.manager = m;
    }

    /** A language model shaped by {@code config} (its vocabulary is the task's) on sequences of 2 * half tokens. */
    public static ReversalTask of(TransformerConfig config, int half) {
        Args.notNull("config", config);
        Args.check(half >= 2, "half", "must be >= 2", half);
        Args.check(config.sourceVocab() >= 3, "config.sourceVocab", "must be >= 3", config.sourceVocab());
        return new ReversalTask(config, half);
    }

    /** Calls {@code listener} with the step number at the start of every training step (for timing). */
    public ReversalTask onStep(IntConsumer listener) {
        this.onStep = Args.notNull("listener", listener);
        return this;
    }

    @Override
    public TransformerLM model() {
        return model;
    }

    @Override
    public NDManager manager() {
        return manager;
    }

    @Override
    public int ignoreIndex() {
        return TrainingTask.NO_IGNORE;
    }

    @Override
    public Prediction trainBatch(NDManager m, ParameterStore ps, int step, int batchSize, Random random,
            boolean training) {
        onStep.accept(step);
        return forward(m, ps, batchSize, random, training);
    }

    @Override
    public int validationBatches(int batchSize) {
        return 2;
    }

    @Override
    public Prediction validationBatch(NDManager m, ParameterStore ps, int index, int batchSize) {
        return forward(m, ps, batchSize, new Random(VALIDATION_SEED + index), false);
    }

    private Prediction forward(NDManager m, ParameterStore ps, int batchSize, Random random, boolean training) {
        int t = 2 * half;
        int[] input = new int[batchSize * t];
        int[] label = new int[batchSize * t];
        int[] full = new int[t + 1];
        for (int b = 0; b < batchSize; b++) {
            for (int i = 0; i < half; i++) {
                full[i] = 1 + random.nextInt(vocab - 1);
            }
            full[half] = 0;
            for (int i = 0; i < half; i++) {
                full[half + 1 + i] = full[half - 1 - i];
            }
            for (int i = 0; i < t; i++) {
                input[b * t + i] = full[i];
                // Position i predicts full[i + 1]; only the reversed half (i >= half) is predictable.
                label[b * t + i] = i >= half ? full[i + 1] : TrainingTask.NO_IGNORE;
            }
        }
        Shape shape = new Shape(batchSize, t);
        return new Prediction(model.logits(ps, m.create(input, shape), null, training), m.create(label, shape));
    }
}
