package trainwell.models;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;
import trainwell.core.Args;

/**
 * Watches the attention logits of a model during one forward pass: for every attention call, the largest logit
 * q.k / sqrt(d_h) and the mean entropy of the attention weights. Both signal the attention-logit growth instability
 * of Dehghani et al. 2023 (arXiv 2302.05442) and Wortsman et al. 2023 (arXiv 2309.14322): at too high a learning
 * rate the logits grow until every query puts all its weight on one key (entropy near 0), and the loss stops
 * improving.
 *
 * <p>The probe listens only on the thread that runs {@link #during}, and only while it runs: a model that trains
 * on another thread at the same time reports nothing to it, and outside {@code during} {@link Attention#weights}
 * does no extra work. Run the pass without a gradient collector (an evaluation pass): the probe only reads.
 *
 * <pre>{@code
 * List<AttentionProbe.Stats> perLayer = AttentionProbe.during(() -> lm.logits(ps, ids, null, false));
 * double layer0MaxLogit = perLayer.get(0).maxLogit();
 * }</pre>
 */
public final class AttentionProbe {

    /** Mask entries at or below this count as blocked ({@link Masks#BLOCKED} and sums of it); the rest as allowed. */
    static final float BLOCKED_AT_OR_BELOW = Masks.BLOCKED / 2;

    private static final ThreadLocal<List<Stats>> ACTIVE = new ThreadLocal<>();

    private AttentionProbe() {}

    /**
     * What one attention call computed, over the batch, the heads and the query rows.
     *
     * @param maxLogit the largest logit q.k / sqrt(d_h) among the (query, key) pairs the mask allows
     *                 (blocked pairs are ignored, also when their raw logit is larger)
     * @param entropy  the mean entropy, in nats, of the attention weights of the query rows with at least one
     *                 allowed key: 0 when every query looks at one key, log(n) when it spreads evenly over n keys
     */
    public record Stats(double maxLogit, double entropy) {}

    /**
     * Runs {@code forwardPass} on this thread while the probe listens, and returns the statistics of every attention
     * call it made, in call order: for a language model or an encoder, one per layer, first to last; for an
     * encoder-decoder, the encoder's layers, then each decoder layer's self-attention followed by its
     * cross-attention.
     */
    public static List<Stats> during(Runnable forwardPass) {
        Args.notNull("forwardPass", forwardPass);
        List<Stats> recorded = new ArrayList<>();
        ProbeScope.run(ACTIVE, recorded, forwardPass);
        return List.copyOf(recorded);
    }

    /** Whether a probe listens on this thread (so that {@link Attention#weights} keeps the logits unmasked). */
    static boolean listening() {
        return ACTIVE.get() != null;
    }

    /**
     * Records one attention call: {@code logits} (..., Tq, Tk) before the mask, the additive {@code mask} (or null)
     * and the softmax {@code weights}. One host transfer; the temporaries are freed before it returns.
     */
    static void report(NDArray logits, NDArray mask, NDArray weights) {
        List<Stats> recorded = ACTIVE.get();
        if (recorded == null) {
            return;
        }
        float[] v;
        try (NDScope ignored = new NDScope()) {
            Shape shape = logits.getShape();
            NDArray allowed = mask == null
                    ? logits.getManager().ones(shape, DataType.BOOLEAN)
                    : mask.gt(BLOCKED_AT_OR_BELOW).broadcast(shape);
            NDArray max = NDArrays.where(allowed, logits, logits.getManager().full(shape, Float.NEGATIVE_INFINITY)).max();
            // p log p with 0 log 0 = 0: blocked keys get weight exactly 0 (exp(-1e9) underflows).
            NDArray pLogP = NDArrays.where(weights.gt(0), weights.mul(weights.log()), weights.zerosLike());
            NDArray rowEntropy = pLogP.sum(new int[] {-1}).neg();
            NDArray rowCounts = allowed.toType(DataType.FLOAT32, false).max(new int[] {-1}); // 1: a key is allowed
            v = NDArrays.stack(new NDList(max, rowEntropy.mul(rowCounts).sum(), rowCounts.sum())).toFloatArray();
        }
        recorded.add(new Stats(v[0], v[2] == 0 ? Double.NaN : (double) v[1] / v[2]));
    }
}
