package trainwell.training;

import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import trainwell.core.Args;
import trainwell.data.Batches;
import trainwell.data.Seq2SeqBatch;
import trainwell.data.TextPair;
import trainwell.data.TranslationData;
import trainwell.data.Vocabulary;
import trainwell.models.Seq2SeqTransformer;
import trainwell.models.TransformerConfig;
import trainwell.models.Transformers;

/** An encoder-decoder model learning to translate the pairs of a {@link TranslationData}. */
public final class TranslationTask extends ModelTask<Seq2SeqTransformer> {

    private final TranslationData train;
    private final TranslationData validation;
    private final EpochCursor batches;

    private TranslationTask(TransformerConfig sized, TranslationData train, TranslationData validation, long seed) {
        super(m -> Transformers.encoderDecoder(sized, m));
        this.train = train;
        this.validation = validation;
        this.batches = new EpochCursor(train.size(), seed);
    }

    /**
     * Builds an encoder-decoder from {@code config} (its vocabulary sizes are set from the data) on a new
     * manager and pairs it with the data; {@code validation} must use {@code train}'s tokenizers.
     */
    public static TranslationTask create(TransformerConfig config, TranslationData train, TranslationData validation,
            long seed) {
        Args.notNull("config", config);
        Args.notNull("train", train);
        Args.notNull("validation", validation);
        Args.check(validation.size() > 0, "validation", "must hold at least one pair", 0);
        int longest = Math.max(Math.max(train.longestSource(), train.longestTarget()),
                Math.max(validation.longestSource(), validation.longestTarget())) + 1;
        TransformerConfig sized = config
                .withSourceVocab(train.sourceTokenizer().vocabulary().size())
                .withTargetVocab(train.targetTokenizer().vocabulary().size())
                .withMaxLength(Math.max(config.maxLength(), longest));
        return new TranslationTask(sized, train, validation, seed);
    }

    @Override
    public int ignoreIndex() {
        return Vocabulary.PAD_ID;
    }

    /** The training pairs. */
    public TranslationData train() {
        return train;
    }

    /** The validation pairs. */
    public TranslationData validation() {
        return validation;
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

    private Prediction forward(NDManager m, ParameterStore ps, TranslationData data, int[] indices, boolean training) {
        Seq2SeqBatch b = data.batch(m, indices);
        return new Prediction(model().logits(ps, b.source(), b.sourceMask(), b.decoderInput(), b.targetMask(), training),
                b.decoderLabel());
    }

    /** Greedy translations of {@code sources} (text in, text out). */
    public List<String> translate(List<String> sources) {
        Args.notNull("sources", sources);
        if (sources.isEmpty()) {
            return List.of();
        }
        int[][] ids = sources.stream().map(s -> train.sourceTokenizer().encode(s)).toArray(int[][]::new);
        int maxSteps = model().config().maxLength() - 1;
        int[][] out = model().greedyDecode(manager(), ids, Vocabulary.PAD_ID, Vocabulary.BOS_ID, Vocabulary.EOS_ID, maxSteps);
        List<String> texts = new ArrayList<>(out.length);
        for (int[] o : out) {
            texts.add(train.targetTokenizer().decode(o));
        }
        return texts;
    }

    /** The fraction of the first {@code n} validation pairs translated exactly right (greedy decoding). */
    public double exactMatch(int n) {
        Args.positive("n", n);
        int count = Math.min(n, validation.size());
        int correct = 0;
        for (int from = 0; from < count; from += 256) {
            List<TextPair> pairs = new ArrayList<>();
            for (int i = from; i < Math.min(count, from + 256); i++) {
                pairs.add(validation.pair(i));
            }
            List<String> got = translate(pairs.stream().map(TextPair::source).toList());
            for (int i = 0; i < pairs.size(); i++) {
                if (got.get(i).equals(pairs.get(i).target())) {
                    correct++;
                }
            }
        }
        return (double) correct / count;
    }

    @Override
    public String toString() {
        return "TranslationTask[" + train.size() + " training pairs, " + validation.size() + " validation pairs, "
                + model().parameterCount() + " parameters, " + Arrays.toString(new int[] {
                    model().encoderDepth(), model().decoderDepth()}) + " layers]";
    }
}
