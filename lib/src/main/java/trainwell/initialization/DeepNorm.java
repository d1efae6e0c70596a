package trainwell.initialization;

import trainwell.core.Args;

/**
 * DeepNorm's constants (Wang et al. 2022, "DeepNet: Scaling Transformers to 1,000 Layers", Figure 2):
 * each sublayer computes LN(alpha * x + f(x)) instead of Post-LN's LN(x + f(x)), and the value, output and
 * feed-forward projections start as Xavier-normal with gain beta (queries and keys with gain 1).
 *
 * <ul>
 *   <li>encoder-only, N layers: alpha = (2N)^(1/4), beta = (8N)^(-1/4)</li>
 *   <li>decoder-only, M layers: alpha = (2M)^(1/4), beta = (8M)^(-1/4)</li>
 *   <li>encoder-decoder: encoder alpha = 0.81 (N^4 M)^(1/16), beta = 0.87 (N^4 M)^(-1/16);
 *       decoder alpha = (3M)^(1/4), beta = (12M)^(-1/4)</li>
 * </ul>
 *
 * @param alpha multiplier of the residual branch x
 * @param beta  Xavier gain of the value, output and feed-forward projections
 */
public record DeepNorm(double alpha, double beta) {

    /** The constants for the given stack of a model with the given numbers of encoder and decoder layers. */
    public static DeepNorm of(Stack stack, int encoderLayers, int decoderLayers) {
        Args.nonNegative("encoderLayers", encoderLayers);
        Args.nonNegative("decoderLayers", decoderLayers);
        Args.check(encoderLayers + decoderLayers > 0, "encoderLayers + decoderLayers", "must be > 0", 0);
        double n = encoderLayers;
        double m = decoderLayers;
        if (encoderLayers > 0 && decoderLayers > 0) {
            if (stack == Stack.ENCODER) {
                double base = Math.pow(n * n * n * n * m, 1.0 / 16);
                return new DeepNorm(0.81 * base, 0.87 / base);
            }
            return new DeepNorm(Math.pow(3 * m, 0.25), Math.pow(12 * m, -0.25));
        }
        double layers = Math.max(n, m);
        return new DeepNorm(Math.pow(2 * layers, 0.25), Math.pow(8 * layers, -0.25));
    }
}
