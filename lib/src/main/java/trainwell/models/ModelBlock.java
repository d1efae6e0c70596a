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

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return inputShapes;
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
