package trainwell.models;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import trainwell.core.Args;

/**
 * Watches the size of a model's activations during one forward pass: the mean absolute value of every entry of the
 * embedding output, of each layer's attention and feed-forward outputs (before they join the residual stream) and
 * of the logits. These are the "coordinates" of the coordinate check of Yang et al. 2022 ("Tensor Programs V",
 * arXiv 2203.03466; microsoft/mup's coord_check, which records {@code out.abs().mean()} of each module): in a
 * well-parametrized model they neither blow up nor vanish as the width grows.
 *
 * <p>Like {@link AttentionProbe}, it listens only on the thread that runs {@link #during}, and only while it runs:
 * a model training on another thread at the same time reports nothing to it, and outside {@code during} the model
 * does no extra work. Run the pass without a gradient collector (an evaluation pass): the probe only reads.
 *
 * <p>Names: the input embedding's name ({@code embedding} for a language model or classifier, {@code sourceEmbedding}
 * and {@code targetEmbedding} for an encoder-decoder), then per layer {@code <stack>.layer<i>.attention},
 * {@code <stack>.layer<i>.crossAttention} (decoder layers of an encoder-decoder) and {@code <stack>.layer<i>.ffn}
 * with stack {@code decoder} or {@code encoder}, and {@code logits}.
 *
 * <pre>{@code
 * Map<String, Double> sizes = ActivationSizes.during(() -> lm.logits(ps, ids, null, false));
 * double logits = sizes.get("logits");
 * }</pre>
 */
public final class ActivationSizes {

    private static final ThreadLocal<Map<String, Double>> ACTIVE = new ThreadLocal<>();

    private ActivationSizes() {}

    /**
     * Runs {@code forwardPass} on this thread while the probe listens, and returns the mean |activation| of every
     * named output it computed, in call order (a name reported twice keeps its last value).
     */
    public static Map<String, Double> during(Runnable forwardPass) {
        Args.notNull("forwardPass", forwardPass);
        Map<String, Double> recorded = new LinkedHashMap<>();
        ProbeScope.run(ACTIVE, recorded, forwardPass);
        return Collections.unmodifiableMap(recorded);
    }

    /** Records mean |x| under {@code name} when a probe listens on this thread; otherwise does nothing. */
    static NDArray report(String name, NDArray x) {
        Map<String, Double> recorded = ACTIVE.get();
        if (recorded != null) {
            try (NDScope ignored = new NDScope()) {
                recorded.put(name, (double) x.abs().mean().getFloat());
            }
        }
        return x;
    }
}
