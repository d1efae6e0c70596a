package trainwell.data;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.List;
import trainwell.core.Args;

/**
 * A batch for an encoder-decoder model, all arrays on the caller's manager. With B examples, S the
 * longest source and T the longest target + 1:
 * {@code source} int32 (B, S); {@code sourceMask} float32 (B, S);
 * {@code decoderInput} int32 (B, T) = {@code <bos>} + target; {@code decoderLabel} int32 (B, T) =
 * target + {@code <eos>}; {@code targetMask} float32 (B, T), shared by decoder input and label.
 * Padding is {@code <pad>} = 0 and mask 0. Closing the batch frees its arrays.
 */
public record Seq2SeqBatch(NDArray source, NDArray sourceMask, NDArray decoderInput, NDArray decoderLabel,
        NDArray targetMask) implements AutoCloseable {

    /** Pads {@code sources} and {@code targets} (ids without bos/eos) into a batch created on {@code manager}. */
    public static Seq2SeqBatch of(NDManager manager, List<int[]> sources, List<int[]> targets) {
        Args.notNull("manager", manager);
        Args.check(!sources.isEmpty(), "sources", "must not be empty", sources.size());
        Args.check(sources.size() == targets.size(), "targets", "must have as many rows as sources (" + sources.size() + ")",
                targets.size());
        return new Seq2SeqBatch(
                Padding.ids(manager, sources, Padding.NONE, Padding.NONE),
                Padding.mask(manager, sources, 0),
                Padding.ids(manager, targets, Vocabulary.BOS_ID, Padding.NONE),
                Padding.ids(manager, targets, Padding.NONE, Vocabulary.EOS_ID),
                Padding.mask(manager, targets, 1));
    }

    /** Number of examples B. */
    public int size() {
        return (int) source.getShape().get(0);
    }

    /** Frees the five arrays now (closing the manager they were made on does the same). */
    @Override
    public void close() {
        source.close();
        sourceMask.close();
        decoderInput.close();
        decoderLabel.close();
        targetMask.close();
    }
}
