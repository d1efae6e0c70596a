package trainwell.data;

import ai.djl.ndarray.NDManager;
import java.util.ArrayList;
import java.util.List;
import trainwell.core.Args;

/** Translation pairs encoded once with a source and a target tokenizer, ready to batch. */
public final class TranslationData {

    private final List<TextPair> pairs;
    private final Tokenizer sourceTokenizer;
    private final Tokenizer targetTokenizer;
    private final List<int[]> sources;
    private final List<int[]> targets;

    private TranslationData(List<TextPair> pairs, Tokenizer sourceTokenizer, Tokenizer targetTokenizer) {
        this.pairs = List.copyOf(pairs);
        this.sourceTokenizer = sourceTokenizer;
        this.targetTokenizer = targetTokenizer;
        this.sources = new ArrayList<>(pairs.size());
        this.targets = new ArrayList<>(pairs.size());
        for (TextPair pair : this.pairs) {
            sources.add(sourceTokenizer.encode(pair.source()));
            targets.add(targetTokenizer.encode(pair.target()));
        }
    }

    /** Encodes {@code pairs}: sources with {@code sourceTokenizer}, targets with {@code targetTokenizer}. */
    public static TranslationData encode(List<TextPair> pairs, Tokenizer sourceTokenizer, Tokenizer targetTokenizer) {
        return new TranslationData(Args.notNull("pairs", pairs), Args.notNull("sourceTokenizer", sourceTokenizer),
                Args.notNull("targetTokenizer", targetTokenizer));
    }

    /**
     * Encodes {@code pairs} character by character, with source and target vocabularies fitted on these
     * pairs (fit on the training pairs, then encode the others with {@link #encode} and this data's tokenizers).
     */
    public static TranslationData characterLevel(List<TextPair> pairs) {
        Args.notNull("pairs", pairs);
        return encode(pairs, CharTokenizer.fit(pairs.stream().map(TextPair::source).toList()),
                CharTokenizer.fit(pairs.stream().map(TextPair::target).toList()));
    }

    /** Number of pairs. */
    public int size() {
        return pairs.size();
    }

    /** The pair at {@code index}, as text. */
    public TextPair pair(int index) {
        return pairs.get(index);
    }

    /** The tokenizer of the sources. */
    public Tokenizer sourceTokenizer() {
        return sourceTokenizer;
    }

    /** The tokenizer of the targets (decode a model's output with it). */
    public Tokenizer targetTokenizer() {
        return targetTokenizer;
    }

    /** The longest source, in tokens. */
    public int longestSource() {
        return sources.stream().mapToInt(s -> s.length).max().orElse(0);
    }

    /** The longest target in tokens, without bos/eos (decoder sequences are one longer). */
    public int longestTarget() {
        return targets.stream().mapToInt(t -> t.length).max().orElse(0);
    }

    /** The examples at {@code indices} as a padded batch created on {@code manager} (see {@link Seq2SeqBatch}). */
    public Seq2SeqBatch batch(NDManager manager, int[] indices) {
        Args.check(indices.length > 0, "indices", "must not be empty", indices.length);
        List<int[]> s = new ArrayList<>(indices.length);
        List<int[]> t = new ArrayList<>(indices.length);
        for (int i : indices) {
            Args.check(i >= 0 && i < size(), "index", "must be in [0, " + size() + ")", i);
            s.add(sources.get(i));
            t.add(targets.get(i));
        }
        return Seq2SeqBatch.of(manager, s, t);
    }

    /** One shuffled epoch of index batches (see {@link Batches#shuffled}). */
    public List<int[]> epoch(int batchSize, long seed) {
        return Batches.shuffled(size(), batchSize, seed);
    }
}
