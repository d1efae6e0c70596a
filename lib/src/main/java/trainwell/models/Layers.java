package trainwell.models;

import ai.djl.ndarray.NDArray;
import ai.djl.training.ParameterStore;
import java.util.function.UnaryOperator;
import trainwell.core.Tensors;

/** The residual wrapper and dropout shared by encoder and decoder layers. */
final class Layers {

    private Layers() {}

    /**
     * Inverted dropout at training time (each element kept with probability 1 - rate and scaled by
     * 1 / (1 - rate)), identity otherwise; no op at all at rate 0. The mask is drawn by {@link RunRandomness}
     * (inside a run, from the run's own sequence).
     */
    static NDArray dropout(NDArray x, float rate, boolean training) {
        if (!training || rate <= 0) {
            return x;
        }
        return RunRandomness.dropout(x, rate);
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
            case DEEP_NORM -> norm.apply(ps, Tensors.times(x, alpha).addi(dropout(sublayer.apply(x), dropout, training)), training);
        };
    }
}
