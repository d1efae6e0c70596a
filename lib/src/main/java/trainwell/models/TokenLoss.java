package trainwell.models;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;

/** Token-level cross-entropy for sequence models, reshaped the way DJL needs it. */
public final class TokenLoss {

    private TokenLoss() {}

    /**
     * Mean cross-entropy of logits (..., V) against integer targets (...), skipping positions whose target
     * is {@code ignoreId} (typically the pad id; it must be a valid id in [0, V)). DJL's own loss wants
     * (N, V) and (N) shapes, hence the reshape.
     */
    public static NDArray crossEntropy(NDArray logits, NDArray targets, int ignoreId) {
        long v = logits.getShape().get(logits.getShape().dimension() - 1);
        NDArray logProbs = logits.reshape(-1, v).logSoftmax(-1);
        NDArray flat = targets.reshape(-1);
        NDArray picked = logProbs.mul(flat.oneHot((int) v)).sum(new int[] {-1});
        NDArray keep = flat.neq(ignoreId).toType(DataType.FLOAT32, false);
        return picked.mul(keep).sum().neg().div(keep.sum().maximum(1f));
    }
}
