package trainwell.training;

import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import java.util.Random;
import trainwell.core.Args;
import trainwell.data.LanguageModelBatch;
import trainwell.data.LanguageModelData;
import trainwell.models.TransformerConfig;
import trainwell.models.TransformerLM;
import trainwell.models.Transformers;

/** A decoder-only language model learning to predict the next token of a corpus. */
public final class LanguageModelTask extends ModelTask<TransformerLM> {

    private static final long VALIDATION_SEED = 20_240_101L;

    private final LanguageModelData train;
    private final LanguageModelData validation;
    private final int length;
    private final int validationBatches;

    private LanguageModelTask(TransformerConfig sized, LanguageModelData train, LanguageModelData validation,
            int length, int validationBatches) {
        super(m -> Transformers.languageModel(sized, m));
        this.train = train;
        this.validation = validation;
        this.length = length;
        this.validationBatches = validationBatches;
    }

    /**
     * Builds a language model from {@code config} (vocabulary from the data, maximum length at least
     * {@code length}) on a new manager. Training batches are random windows of {@code length} tokens;
     * the validation set is {@code validationBatches} fixed batches of windows of {@code validation}.
     */
    public static LanguageModelTask create(TransformerConfig config, LanguageModelData train,
            LanguageModelData validation, int length, int validationBatches) {
        Args.notNull("config", config);
        Args.notNull("train", train);
        Args.notNull("validation", validation);
        Args.check(length >= 1 && length < Math.min(train.size(), validation.size()), "length",
                "must be at least 1 and shorter than the training and validation text", length);
        Args.positive("validationBatches", validationBatches);
        TransformerConfig sized = config.withVocab(train.tokenizer().vocabulary().size())
                .withMaxLength(Math.max(config.maxLength(), length));
        return new LanguageModelTask(sized, train, validation, length, validationBatches);
    }

    @Override
    public int ignoreIndex() {
        return NO_IGNORE;
    }

    /** The training text. */
    public LanguageModelData train() {
        return train;
    }

    /** The context length of training windows. */
    public int length() {
        return length;
    }

    @Override
    public Prediction trainBatch(NDManager m, ParameterStore ps, int step, int batchSize, Random random,
            boolean training) {
        LanguageModelBatch b = train.batch(m, batchSize, length, random);
        return new Prediction(model().logits(ps, b.input(), null, training), b.target());
    }

    @Override
    public int validationBatches(int batchSize) {
        return validationBatches;
    }

    @Override
    public Prediction validationBatch(NDManager m, ParameterStore ps, int index, int batchSize) {
        // The same windows at every evaluation: batch i is drawn from its own fixed seed.
        LanguageModelBatch b = validation.batch(m, batchSize, length, new Random(VALIDATION_SEED + index));
        return new Prediction(model().logits(ps, b.input(), null, false), b.target());
    }

    /** Text generated greedily after {@code prompt}, {@code tokens} tokens long. */
    public String generate(String prompt, int tokens) {
        Args.notNull("prompt", prompt);
        Args.positive("tokens", tokens);
        int[] ids = train.tokenizer().encode(prompt);
        Args.check(ids.length > 0, "prompt", "must hold at least one known token", "\"" + prompt + "\"");
        return train.tokenizer().decode(model().generate(manager(), ids, tokens, -1));
    }
}
