package trainwell.models;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;

/** The nonlinearity between the two layers of the position-wise feed-forward network. */
public enum FfnActivation {
    /** max(0, x), as in Vaswani et al. 2017. */
    RELU,
    /** x * Phi(x) (exact, erf-based), as in BERT and GPT-2 (which used the tanh approximation). */
    GELU;

    /** Applies the activation. */
    public NDArray apply(NDArray x) {
        return this == RELU ? Activation.relu(x) : Activation.gelu(x);
    }
}
