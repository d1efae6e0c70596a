package trainwell.models;

import ai.djl.ndarray.NDArray;
import ai.djl.training.ParameterStore;
import java.util.function.UnaryOperator;

/** The residual wrapper and dropout shared by encoder and decoder layers. */
final class Layers {

    private Layers() {}

    /** Inverted dropout at training time, identity otherwise. */
    static NDArray dropout(NDArray x, float rate, boolean training) {
        return training && rate > 0 ? RunRandomness.dropout(x, rate) : x;
    }

    /**
     * One residual sublayer with the configured LayerNorm placement:
     * Post-LN LN(x + drop(f(x))), Pre-LN x + drop(f(LN(x))), DeepNorm LN(alpha x + drop(f(x))).
     */
    static NDArray residual(NormPlacement placement, double alpha, LayerNorm norm, ParameterStore ps, NDArray x,
            UnaryOperator<NDArray> sublayer, float dropout, boolean training) {
        return switch (placement) {
            case PRE_LN -> x.add(dropout(sublayer.apply(norm.apply(ps, x, training)), dropout, training));
            case POST_LN -> norm.apply(ps, x.add(dropout(sublayer.apply(x), dropout, training)), training);
            case DEEP_NORM -> norm.apply(ps, x.mul(alpha).addi(dropout(sublayer.apply(x), dropout, training)), training);
        };
    }
}
