package trainwell.models;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/** A linear layer y = x W^T + b with W of shape (out, in), as in PyTorch's nn.Linear and DJL's Linear. */
public final class Dense extends ModelBlock {

    private final Parameter weight;
    private final Parameter bias;
    private final int in;
    private final int out;

    /** A dense layer from {@code in} to {@code out} features, with or without bias. */
    public Dense(int in, int out, boolean withBias) {
        this.in = in;
        this.out = out;
        weight = addParameter(Parameter.builder().setName("weight").setType(Parameter.Type.WEIGHT)
                .optShape(new Shape(out, in)).build());
        bias = withBias
                ? addParameter(Parameter.builder().setName("bias").setType(Parameter.Type.BIAS).optShape(new Shape(out)).build())
                : null;
    }

    /** Applies the layer to the last axis of x. */
    public NDArray apply(ParameterStore ps, NDArray x, boolean training) {
        NDArray w = value(ps, weight, x, training);
        return bias == null ? Linear.linear(x, w).head() : Linear.linear(x, w, value(ps, bias, x, training)).head();
    }

    /** The weight parameter (out, in). */
    public Parameter weight() {
        return weight;
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        return single(apply(ps, inputs.singletonOrThrow(), training));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        long[] dims = inputShapes[0].getShape().clone();
        dims[dims.length - 1] = out;
        return new Shape[] {new Shape(dims)};
    }

    @Override
    public String toString() {
        return "Dense(" + in + " -> " + out + (bias == null ? ", no bias)" : ")");
    }
}
