package trainwell.core;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/**
 * Tensor operations that DJL offers but gets wrong under autograd.
 *
 * <p>DJL's {@code x.mul(Number)} (and {@code div}) wraps the number in a 0-d array built over a Java direct
 * buffer (libtorch's {@code from_blob}, no copy), multiplies, and closes that array at once. libtorch's
 * autograd keeps the scalar for the backward pass (d(x c)/dx = c), but the memory under it belongs to the
 * closed Java buffer: after the next garbage collection it is freed and reused, and the backward pass reads
 * whatever lies there (0, a denormal, NaN). The gradient through the product is then silently wrong. A
 * 12-layer DeepNorm model showed it as gradients shrinking a thousandfold per layer in about one
 * measurement in a hundred; {@code TensorsTest} reproduces it in two lines. Use {@link #times} for any
 * constant factor that a gradient flows through.
 */
public final class Tensors {

    private Tensors() {}

    /**
     * {@code x * factor}, with the factor held in memory libtorch owns (a 0-d array of x's type), so the
     * backward pass reads the right value however long after the forward pass it runs.
     */
    public static NDArray times(NDArray x, double factor) {
        Args.notNull("x", x);
        Args.finite("factor", factor);
        try (NDArray c = x.getManager().full(new Shape(), (float) factor, x.getDataType())) {
            return x.mul(c);
        }
    }
}
