package trainwell.training.clip;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDScope;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.ParameterList;
import ai.djl.util.Pair;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import trainwell.core.Args;

/**
 * L2 norms of the current gradients of a model's parameters, for clipping and for per-layer plots.
 *
 * <p>Read gradients between {@code backward} and {@code trainer.step()}: the optimizers zero them
 * after the update. Parameters that do not require a gradient (frozen, running statistics) or
 * have none yet are skipped.
 */
public final class GradientNorms {

    private GradientNorms() {}

    /** Parameter name -> L2 norm of its gradient, in the block's order. */
    public static Map<String, Double> perParameter(Block block) {
        return perParameter(Args.notNull("block", block).getParameters());
    }

    /** Parameter name -> L2 norm of its gradient, in the list's order. */
    public static Map<String, Double> perParameter(ParameterList parameters) {
        Map<String, Double> norms = new LinkedHashMap<>();
        try (NDScope ignored = new NDScope()) {
            List<Pair<String, NDArray>> gradients = gradients(parameters);
            if (gradients.isEmpty()) {
                return Map.of();
            }
            float[] values = stackedNorms(gradients).toFloatArray(); // one transfer to the host, not one per parameter
            for (int i = 0; i < values.length; i++) {
                norms.put(gradients.get(i).getKey(), (double) values[i]);
            }
        }
        return Collections.unmodifiableMap(norms);
    }

    /** Each parameter's gradient norm (by name, in order) and the global norm over all of them. */
    public record Report(Map<String, Double> perParameter, double total) {}

    /** The report of {@code gradients}, read with one transfer to the host. */
    static Report report(List<Pair<String, NDArray>> gradients) {
        if (gradients.isEmpty()) {
            return new Report(Map.of(), 0);
        }
        float[] values = stackedNorms(gradients).toFloatArray();
        Map<String, Double> norms = new LinkedHashMap<>();
        double sumSquares = 0;
        for (int i = 0; i < values.length; i++) {
            norms.put(gradients.get(i).getKey(), (double) values[i]);
            sumSquares += (double) values[i] * values[i];
        }
        return new Report(Collections.unmodifiableMap(norms), Math.sqrt(sumSquares));
    }

    /** The global L2 norm over all gradients of {@code block} (what clipping compares to max norm). */
    public static double global(Block block) {
        return global(Args.notNull("block", block).getParameters());
    }

    /** The global L2 norm over all gradients in {@code parameters}. */
    public static double global(ParameterList parameters) {
        try (NDScope ignored = new NDScope()) {
            return globalNorm(gradients(parameters));
        }
    }

    /**
     * The norm of the per-parameter norms, computed like torch.nn.utils.clip_grad_norm_ (float32
     * norms, then the norm of their stack), with a single transfer to the host.
     */
    static double globalNorm(List<Pair<String, NDArray>> gradients) {
        if (gradients.isEmpty()) {
            return 0;
        }
        return stackedNorms(gradients).norm().getFloat();
    }

    /** The float32 L2 norm of each gradient, stacked into one vector on the device. */
    private static NDArray stackedNorms(List<Pair<String, NDArray>> gradients) {
        NDList norms = new NDList();
        gradients.forEach(g -> norms.add(g.getValue().norm()));
        return NDArrays.stack(norms);
    }

    /**
     * New handles on the gradients of the trainable parameters (call inside an NDScope: each
     * {@code getGradient()} returns a handle that must be closed).
     */
    static List<Pair<String, NDArray>> gradients(ParameterList parameters) {
        Args.notNull("parameters", parameters);
        List<Pair<String, NDArray>> out = new ArrayList<>();
        for (Pair<String, Parameter> p : parameters) {
            Parameter param = p.getValue();
            if (param.requiresGradient() && param.isInitialized() && param.getArray().hasGradient()) {
                out.add(new Pair<>(p.getKey(), param.getArray().getGradient()));
            }
        }
        return out;
    }
}
