package trainwell.data;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.List;
import trainwell.core.Args;

/**
 * A batch of labelled sentences on the caller's manager: {@code tokens} int32 (B, T) padded with
 * {@code <pad>} = 0, {@code mask} float32 (B, T) (1 = token, 0 = padding), {@code labels} int32 (B).
 * Closing the batch frees its arrays.
 */
public record ClassificationBatch(NDArray tokens, NDArray mask, NDArray labels) implements AutoCloseable {

    /** Pads {@code sentences} (token ids) into a batch with their {@code labels}, created on {@code manager}. */
    public static ClassificationBatch of(NDManager manager, List<int[]> sentences, int[] labels) {
        Args.notNull("manager", manager);
        Args.check(!sentences.isEmpty(), "sentences", "must not be empty", sentences.size());
        Args.check(sentences.size() == labels.length, "labels", "must have one label per sentence (" + sentences.size() + ")",
                labels.length);
        return new ClassificationBatch(Padding.ids(manager, sentences, Padding.NONE, Padding.NONE),
                Padding.mask(manager, sentences, 0), manager.create(labels));
    }

    /** Number of examples B. */
    public int size() {
        return (int) labels.getShape().get(0);
    }

    /** Frees the three arrays now (closing the manager they were made on does the same). */
    @Override
    public void close() {
        tokens.close();
        mask.close();
        labels.close();
    }
}
