package trainwell.training.clip;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.ParameterList;
import ai.djl.util.Pair;
import java.util.List;
import trainwell.core.Args;
import trainwell.optimizers.djl.TorchStyleOptimizer;

/**
 * Global-norm gradient clipping, as {@code torch.nn.utils.clip_grad_norm_}.
 *
 * <p>All gradients together are treated as one vector: if its L2 norm exceeds {@code maxNorm},
 * every gradient is scaled by {@code maxNorm / (norm + 1e-6)}, so the direction of the update is
 * kept and only its length is capped. DJL's {@code optClipGrad} is a different thing: it clamps
 * each element from above only (a gradient of -3 stays -3 with clip 0.5), which changes the
 * direction and leaves large negative components alone.
 *
 * <p>Call between {@code backward} and {@code trainer.step()} (the optimizers zero gradients).
 */
public final class GradientClipping {

    /** The term PyTorch adds to the norm before dividing (keeps the factor finite at norm 0). */
    public static final double EPS = 1e-6;

    private GradientClipping() {}

    /** Clips the gradients of {@code block} in place; returns the total norm before clipping. */
    public static double clipGlobalNorm(Block block, double maxNorm) {
        return clipGlobalNorm(Args.notNull("block", block).getParameters(), maxNorm);
    }

    /**
     * Clips the gradients of {@code parameters} in place; returns the total norm before clipping.
     * A non-finite total (NaN or infinite gradients) leaves the gradients untouched: check the
     * returned value and skip the step, since scaling cannot repair them.
     */
    public static double clipGlobalNorm(ParameterList parameters, double maxNorm) {
        Args.positive("maxNorm", maxNorm);
        try (NDScope ignored = new NDScope()) {
            List<Pair<String, NDArray>> gradients = GradientNorms.gradients(parameters);
            double total = GradientNorms.globalNorm(gradients);
            // PyTorch multiplies by min(1, maxNorm / (total + eps)): the same as "scale if total > maxNorm"
            // except within about 1e-6 of maxNorm, where it scales by a hair; we follow PyTorch.
            double factor = maxNorm / (total + EPS);
            if (Double.isFinite(total) && factor < 1) {
                gradients.forEach(g -> g.getValue().muli((float) factor));
            }
            return total;
        }
    }

    /**
     * Measures every parameter's gradient norm and clips by the global norm in one pass, with a single
     * transfer to the host (the training loop calls this once per step). {@code maxNorm} 0 measures
     * without clipping. A non-finite total leaves the gradients untouched, as {@link #clipGlobalNorm}.
     */
    public static GradientNorms.Report measureAndClip(ParameterList parameters, double maxNorm) {
        Args.nonNegative("maxNorm", maxNorm);
        try (NDScope ignored = new NDScope()) {
            List<Pair<String, NDArray>> gradients = GradientNorms.gradients(parameters);
            GradientNorms.Report report = GradientNorms.report(gradients);
            double factor = maxNorm / (report.total() + EPS);
            if (maxNorm > 0 && Double.isFinite(report.total()) && factor < 1) {
                gradients.forEach(g -> g.getValue().muli((float) factor));
            }
            return report;
        }
    }

    /**
     * Sets every gradient of {@code parameters} to zero: call it when you skip {@code trainer.step()}
     * (e.g. after a non-finite norm), because only the optimizer's update clears gradients and the
     * next backward pass would add to the bad ones.
     */
    public static void zeroGradients(ParameterList parameters) {
        Args.notNull("parameters", parameters);
        for (Pair<String, Parameter> p : parameters) {
            if (p.getValue().isInitialized()) {
                TorchStyleOptimizer.zeroGradient(p.getValue().getArray());
            }
        }
    }

    /** Sets every gradient of {@code block} to zero (see {@link #zeroGradients(ParameterList)}). */
    public static void zeroGradients(Block block) {
        zeroGradients(Args.notNull("block", block).getParameters());
    }
}
