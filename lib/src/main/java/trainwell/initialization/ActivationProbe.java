package trainwell.initialization;

import ai.djl.ndarray.NDArray;

/** Receives the output of each layer during a forward pass, e.g. to record its mean and std. */
@FunctionalInterface
public interface ActivationProbe {
    /** Called with a layer's dotted name and its output; must not keep the array after returning. */
    void record(String layer, NDArray activation);
}
