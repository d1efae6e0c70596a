package trainwell.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.ParameterList;
import java.util.LinkedHashMap;
import java.util.Map;

/** A copy of a model's weights on a sub-manager of its own, freed by {@link #close()}. */
final class WeightCopy implements AutoCloseable {

    private final NDManager manager;
    private final Map<String, NDArray> arrays = new LinkedHashMap<>();
    private boolean closed;

    /** Copies every parameter of {@code parameters} ({@code trainableOnly}: those that take a gradient). */
    WeightCopy(ParameterList parameters, NDManager owner, boolean trainableOnly) {
        this.manager = owner.newSubManager();
        for (var entry : parameters) {
            if (!trainableOnly || entry.getValue().requiresGradient()) {
                NDArray copy = entry.getValue().getArray().duplicate();
                copy.attach(manager);
                arrays.put(entry.getKey(), copy);
            }
        }
    }

    /** The copy of parameter {@code name}. */
    NDArray get(String name) {
        return arrays.get(name);
    }

    /** Writes the copies back into {@code parameters}. */
    void restore(ParameterList parameters) {
        for (var entry : parameters) {
            arrays.get(entry.getKey()).copyTo(entry.getValue().getArray());
        }
    }

    /** Frees the copies; closing twice is harmless. */
    @Override
    public void close() {
        if (!closed) {
            closed = true;
            manager.close();
        }
    }
}
