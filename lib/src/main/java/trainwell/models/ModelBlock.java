package trainwell.models;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;

/**
 * Base of the course's blocks: every parameter has its shape fixed at construction, so children can be
 * initialized without knowing the input shapes, and the typed {@code apply} methods can skip DJL's NDList
 * plumbing inside the model.
 */
abstract class ModelBlock extends AbstractBlock {

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        for (Block child : children.values()) {
            child.initialize(manager, dataType, inputShapes);
        }
    }

    /**
     * One output shaped like the first input: right for the blocks that keep the shape (LayerNorm, attention,
     * FFN, layers, stacks); the blocks that change it (embeddings, models, Dense) override this.
     */
    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0]};
    }

    /** {@code shape} with one more axis of size {@code size} at the end. */
    static Shape[] appended(Shape shape, long size) {
        return new Shape[] {shape.add(size)};
    }

    /** The parameter's value for this pass, on the device of {@code like}. */
    static NDArray value(ParameterStore ps, Parameter p, NDArray like, boolean training) {
        return ps.getValue(p, like.getDevice(), training);
    }

    /** The single array of a one-element list. */
    static NDList single(NDArray x) {
        return new NDList(x);
    }
}
