package trainwell.models;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Embedding;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/** A lookup table of {@code count} vectors of width d (parameter {@code weight}, shape (count, d)). */
public final class TokenEmbedding extends ModelBlock {

    private final Parameter weight;

    /** A table of {@code count} rows of width {@code dModel}. */
    public TokenEmbedding(int count, int dModel) {
        weight = addParameter(Parameter.builder().setName("weight").setType(Parameter.Type.WEIGHT)
                .optShape(new Shape(count, dModel)).build());
    }

    /** The rows for integer ids of any shape: (...) -> (..., d). */
    public NDArray lookup(ParameterStore ps, NDArray ids, boolean training) {
        return Embedding.embedding(ids, value(ps, weight, ids, training), SparseFormat.DENSE).head();
    }

    /** Scores against every row, x E^T: (..., d) -> (..., count); the tied output layer. */
    public NDArray scores(ParameterStore ps, NDArray x, boolean training) {
        return Linear.linear(x, value(ps, weight, x, training)).head();
    }

    /** The table parameter. */
    public Parameter weight() {
        return weight;
    }

    /** Ids (...) give vectors (..., d_model). */
    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return appended(inputShapes[0], weight.getShape().get(1));
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        return single(lookup(ps, inputs.singletonOrThrow(), training));
    }
}
