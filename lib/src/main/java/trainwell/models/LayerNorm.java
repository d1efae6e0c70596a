package trainwell.models;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * LayerNorm over the LAST axis only (each token's d_model features), with gain gamma and bias beta, as in
 * PyTorch's nn.LayerNorm(d_model). DJL's own LayerNorm normalises over (T, D) by default.
 */
public final class LayerNorm extends ModelBlock {

    /** PyTorch's default epsilon. */
    public static final float EPSILON = 1e-5f;

    private final Parameter gamma;
    private final Parameter beta;
    private final Shape normalized;

    /** A LayerNorm over a last axis of size {@code features}. */
    public LayerNorm(int features) {
        normalized = new Shape(features);
        gamma = addParameter(Parameter.builder().setName("gamma").setType(Parameter.Type.GAMMA).optShape(normalized).build());
        beta = addParameter(Parameter.builder().setName("beta").setType(Parameter.Type.BETA).optShape(normalized).build());
    }

    /** Normalises x over its last axis. */
    public NDArray apply(ParameterStore ps, NDArray x, boolean training) {
        return ai.djl.nn.norm.LayerNorm.layerNorm(x, normalized, value(ps, gamma, x, training),
                value(ps, beta, x, training), EPSILON).head();
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        return single(apply(ps, inputs.singletonOrThrow(), training));
    }
}
