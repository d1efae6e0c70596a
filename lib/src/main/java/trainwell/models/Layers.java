package trainwell.models;

import ai.djl.ndarray.NDArray;
import ai.djl.training.ParameterStore;
import java.util.function.UnaryOperator;

/** The residual wrapper and dropout shared by encoder and decoder layers. */
final class Layers {

    private Layers() {}

    /**
     * Inverted dropout at training time (each element kept with probability 1 - rate and scaled by
     * 1 / (1 - rate)), identity otherwise; no op at all at rate 0.
     *
     * <p>The keep mask comes from a uniform draw compared with the rate, not from libtorch's dropout: its
     * {@code bernoulli_} draws element by element unless the CPU is an Intel one (where it calls MKL), and
     * on this course's AMD machines it took about 40% longer for the same mask (bin/benchmark's model:
     * 2.25 against 1.64 ms CPU for a (64, 4, 32, 32) attention map). Same distribution, other random stream.
     */
    static NDArray dropout(NDArray x, float rate, boolean training) {
        if (!training || rate <= 0) {
            return x;
        }
        NDArray keep = RunRandomness.keepMask(x, rate);
        return x.mul(keep).muli(1 / (1 - rate));
    }

    /** A keep mask for dropout: true where a uniform draw of the engine's generator is at least {@code rate}. */
    static NDArray uniformKeepMask(NDArray x, float rate) {
        return x.getManager().randomUniform(0, 1, x.getShape(), x.getDataType(), x.getDevice()).gte(rate);
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
