package trainwell.data;

import ai.djl.ndarray.NDManager;
import java.util.ArrayList;
import java.util.List;
import trainwell.core.Args;

/** Labelled sentences encoded once with a tokenizer, ready to batch. */
public final class ClassificationData {

    private final List<LabelledSentence> sentences;
    private final Tokenizer tokenizer;
    private final List<int[]> ids;

    private ClassificationData(List<LabelledSentence> sentences, Tokenizer tokenizer) {
        this.sentences = List.copyOf(sentences);
        this.tokenizer = tokenizer;
        this.ids = new ArrayList<>(sentences.size());
        for (LabelledSentence sentence : this.sentences) {
            ids.add(tokenizer.encode(sentence.text()));
        }
    }

    /** Encodes the text of {@code sentences} with {@code tokenizer}. */
    public static ClassificationData encode(List<LabelledSentence> sentences, Tokenizer tokenizer) {
        return new ClassificationData(Args.notNull("sentences", sentences), Args.notNull("tokenizer", tokenizer));
    }

    /** Number of sentences. */
    public int size() {
        return sentences.size();
    }

    /** The sentence at {@code index}. */
    public LabelledSentence sentence(int index) {
        return sentences.get(index);
    }

    /** The tokenizer used. */
    public Tokenizer tokenizer() {
        return tokenizer;
    }

    /** Number of classes: the largest label + 1. */
    public int classes() {
        return sentences.stream().mapToInt(LabelledSentence::label).max().orElse(-1) + 1;
    }

    /** The sentences at {@code indices} as a padded batch created on {@code manager} (see {@link ClassificationBatch}). */
    public ClassificationBatch batch(NDManager manager, int[] indices) {
        Args.check(indices.length > 0, "indices", "must not be empty", indices.length);
        List<int[]> rows = new ArrayList<>(indices.length);
        int[] labels = new int[indices.length];
        for (int k = 0; k < indices.length; k++) {
            int i = indices[k];
            Args.check(i >= 0 && i < size(), "index", "must be in [0, " + size() + ")", i);
            rows.add(ids.get(i));
            labels[k] = sentences.get(i).label();
        }
        return ClassificationBatch.of(manager, rows, labels);
    }

    /** One shuffled epoch of index batches (see {@link Batches#shuffled}). */
    public List<int[]> epoch(int batchSize, long seed) {
        return Batches.shuffled(size(), batchSize, seed);
    }
}
