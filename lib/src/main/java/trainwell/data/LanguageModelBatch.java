package trainwell.data;

import ai.djl.ndarray.NDArray;

/**
 * A batch of windows from a corpus for next-token prediction: {@code input} int32 (B, T) and
 * {@code target} int32 (B, T), where target[b][t] is the token after input[b][t]. No padding.
 * Closing the batch frees its arrays.
 */
public record LanguageModelBatch(NDArray input, NDArray target) implements AutoCloseable {

    /** Number of windows B. */
    public int size() {
        return (int) input.getShape().get(0);
    }

    /** Window length T. */
    public int length() {
        return (int) input.getShape().get(1);
    }

    /** Frees the two arrays now (closing the manager they were made on does the same). */
    @Override
    public void close() {
        input.close();
        target.close();
    }
}
