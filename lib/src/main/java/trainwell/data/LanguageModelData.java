package trainwell.data;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;
import java.util.Random;
import trainwell.core.Args;

/** A corpus encoded once into one long sequence of token ids, from which random windows are batched. */
public final class LanguageModelData {

    private final int[] ids;
    private final Tokenizer tokenizer;

    private LanguageModelData(int[] ids, Tokenizer tokenizer) {
        this.ids = ids;
        this.tokenizer = tokenizer;
    }

    /** Encodes {@code text} with {@code tokenizer} (no bos/eos are added). */
    public static LanguageModelData encode(String text, Tokenizer tokenizer) {
        Args.notNull("text", text);
        Args.notNull("tokenizer", tokenizer);
        return new LanguageModelData(tokenizer.encode(text), tokenizer);
    }

    /** Number of tokens in the corpus. */
    public int size() {
        return ids.length;
    }

    /** The tokenizer used (decode generated ids with it). */
    public Tokenizer tokenizer() {
        return tokenizer;
    }

    /** A copy of the token ids from {@code from} (inclusive) to {@code to} (exclusive). */
    public int[] ids(int from, int to) {
        Args.check(from >= 0 && from <= to && to <= ids.length, "range", "must lie in [0, " + ids.length + "]",
                from + ".." + to);
        return Arrays.copyOfRange(ids, from, to);
    }

    /**
     * The contiguous part between two fractions of the corpus, e.g. {@code slice(0, 0.9)} to train and
     * {@code slice(0.9, 1)} to validate (contiguous, so validation text is never seen in training).
     */
    public LanguageModelData slice(double fromFraction, double toFraction) {
        Args.inRange("fromFraction", fromFraction, 0, 1);
        Args.inRange("toFraction", toFraction, fromFraction, 1);
        return new LanguageModelData(ids((int) Math.round(ids.length * fromFraction),
                (int) Math.round(ids.length * toFraction)), tokenizer);
    }

    /**
     * {@code batchSize} windows of {@code length + 1} tokens starting at uniformly random positions drawn
     * with {@code random}, split into input (first T) and target (last T), created on {@code manager}.
     */
    public LanguageModelBatch batch(NDManager manager, int batchSize, int length, Random random) {
        Args.notNull("manager", manager);
        Args.positive("batchSize", batchSize);
        Args.check(length >= 1 && length < ids.length, "length", "must be in [1, " + ids.length + ")", length);
        int[] input = new int[batchSize * length];
        int[] target = new int[batchSize * length];
        for (int b = 0; b < batchSize; b++) {
            int start = random.nextInt(ids.length - length); // the window [start, start + length] fits
            System.arraycopy(ids, start, input, b * length, length);
            System.arraycopy(ids, start + 1, target, b * length, length);
        }
        Shape shape = new Shape(batchSize, length);
        return new LanguageModelBatch(manager.create(input, shape), manager.create(target, shape));
    }
}
