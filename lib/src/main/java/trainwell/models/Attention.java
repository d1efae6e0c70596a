package trainwell.models;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import trainwell.core.Args;
import trainwell.core.Tensors;

/** Scaled dot-product attention, softmax(Q K^T / sqrt(d_k) + mask) V (Vaswani et al. 2017, eq. 1). */
public final class Attention {

    private Attention() {}

    /**
     * Attends queries (..., Tq, d_k) to keys (..., Tk, d_k) and values (..., Tk, d_v) with an optional
     * additive mask (see {@link Masks}); returns the output (..., Tq, d_v) and the weights (..., Tq, Tk).
     */
    public static NDList scaledDotProduct(NDArray q, NDArray k, NDArray v, NDArray mask) {
        NDArray weights = weights(q, k, mask);
        return new NDList(weights.matMul(v), weights);
    }

    /**
     * The attention weights softmax(Q K^T / sqrt(d_k) + mask); each row sums to 1 over the keys. An
     * {@link AttentionProbe} listening on this thread receives the logits Q K^T / sqrt(d_k), the mask and the weights.
     */
    public static NDArray weights(NDArray q, NDArray k, NDArray mask) {
        long dk = q.getShape().get(q.getShape().dimension() - 1);
        // Dividing by sqrt(d_k) keeps the dot products at unit variance so the softmax does not saturate.
        return weights(q, k, mask, 1.0 / Math.sqrt(dk));
    }

    /**
     * The attention weights softmax(scale Q K^T + mask) for another logit scale than 1/sqrt(d_k), e.g. muP's
     * sqrt(base d_k) / d_k (see {@link TransformerConfig#attentionScale()}); the probe receives scale Q K^T.
     *
     * @param scale the factor of the dot products, > 0
     */
    public static NDArray weights(NDArray q, NDArray k, NDArray mask, double scale) {
        Args.positive("scale", scale);
        // Scaling q (T x d_k values) is cheaper than scaling the scores (T x T).
        NDArray scores = Tensors.times(q, scale).matMul(k.swapAxes(-1, -2));
        if (!AttentionProbe.listening()) {
            return (mask == null ? scores : scores.addi(mask)).softmax(-1);
        }
        NDArray weights = (mask == null ? scores : scores.add(mask)).softmax(-1); // the probe reads the unmasked scores
        AttentionProbe.report(scores, mask, weights);
        return weights;
    }
}
