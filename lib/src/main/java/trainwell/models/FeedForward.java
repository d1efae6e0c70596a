package trainwell.models;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/** The position-wise feed-forward network FFN(x) = act(x W1^T + b1) W2^T + b2, parameters {@code in} and {@code out}. */
public final class FeedForward extends ModelBlock {

    private final Dense in;
    private final Dense out;
    private final FfnActivation activation;

    /** An FFN from dModel to {@code width} and back, with the given activation. */
    public FeedForward(int dModel, int width, FfnActivation activation) {
        this.activation = activation;
        in = addChildBlock("in", new Dense(dModel, width, true));
        out = addChildBlock("out", new Dense(width, dModel, true));
    }

    /** Applies the FFN to every position of x (B, T, d). */
    public NDArray apply(ParameterStore ps, NDArray x, boolean training) {
        return out.apply(ps, activation.apply(in.apply(ps, x, training)), training);
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        return single(apply(ps, inputs.singletonOrThrow(), training));
    }
}
