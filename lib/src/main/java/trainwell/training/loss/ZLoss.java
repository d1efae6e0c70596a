package trainwell.training.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import trainwell.core.Args;
import trainwell.core.Tensors;

/**
 * The z-loss of PaLM (Chowdhery et al. 2022, arXiv 2204.02311): {@code coefficient * mean over positions of
 * (log Z)^2}, where {@code log Z = log(sum over classes of exp(logit))} is the log of the softmax's normaliser.
 *
 * <p>Why: cross-entropy depends only on differences between logits, so nothing stops all logits of a position from
 * drifting up or down together; at high learning rates they drift far, and the softmax loses float precision
 * (Wortsman et al. 2023, arXiv 2309.14322, call this output-logit divergence). The z-loss pulls log Z towards 0 and
 * so pins the logits' common level. PaLM uses coefficient {@value #PALM_COEFFICIENT}. The formula is that of T5X's
 * {@code cross_entropy_with_logits} (google-research/t5x, t5x/losses.py): the squared log-sum-exp per position,
 * times the coefficient, averaged like the cross-entropy over the positions that count.
 *
 * <p>Logits are {@code (B, C)} or {@code (B, T, C)} with labels {@code (B)} or {@code (B, T)}; positions whose label
 * is the ignored one (padding) do not count. Use it next to {@link LabelSmoothingCrossEntropy}:
 *
 * <pre>{@code
 * ZLoss z = ZLoss.of(1e-4).ignoring(padId);
 * ZLoss.Terms t = z.terms(labels, logits);
 * NDArray objective = crossEntropy.add(t.penalty());   // t.meanLogZ() to watch the drift
 * }</pre>
 */
public final class ZLoss {

    /** PaLM's coefficient (Chowdhery et al. 2022). */
    public static final double PALM_COEFFICIENT = 1e-4;

    private final double coefficient;
    private final int ignoreIndex;

    private ZLoss(double coefficient, int ignoreIndex) {
        this.coefficient = Args.nonNegative("coefficient", coefficient);
        this.ignoreIndex = ignoreIndex;
    }

    /** A z-loss with {@code coefficient} (>= 0; 0 measures log Z without penalty); ignores label -100. */
    public static ZLoss of(double coefficient) {
        return new ZLoss(coefficient, LabelSmoothingCrossEntropy.DEFAULT_IGNORE_INDEX);
    }

    /** The same z-loss, ignoring positions labelled {@code index} (e.g. the padding token's id). */
    public ZLoss ignoring(int index) {
        return new ZLoss(coefficient, index);
    }

    /** The coefficient. */
    public double coefficient() {
        return coefficient;
    }

    /** The label whose positions do not count. */
    public int ignoreIndex() {
        return ignoreIndex;
    }

    /**
     * The two numbers of one batch, as scalars in the logits' manager.
     *
     * @param meanLogZ the mean of log Z over the positions that count (what a history plots)
     * @param penalty  {@code coefficient * mean (log Z)^2}, to add to the training loss (differentiable)
     */
    public record Terms(NDArray meanLogZ, NDArray penalty) {}

    /** Mean log Z and the penalty over the non-ignored positions (NaN if every position is ignored). */
    public Terms terms(NDArray labels, NDArray logits) {
        Args.notNull("logits", logits);
        Args.notNull("labels", labels);
        long classes = LabelSmoothingCrossEntropy.checkShapes(labels, logits);
        NDArray meanLogZ;
        NDArray penalty;
        try (NDScope ignored = new NDScope()) {
            NDArray logZ = logSumExp(logits.reshape(-1, classes));
            NDArray weight = labels.reshape(-1).toType(DataType.INT64, false).neq(ignoreIndex)
                    .toType(logits.getDataType(), false);
            NDArray count = weight.sum();
            meanLogZ = logZ.mul(weight).sum().div(count);
            penalty = Tensors.times(logZ.square().mul(weight).sum().div(count), coefficient);
            NDScope.unregister(meanLogZ, penalty); // the results outlive the scope; the rest is freed
        }
        return new Terms(meanLogZ, penalty);
    }

    /**
     * log(sum_c exp(x_c)) over the last axis of (N, C), computed as m + log(sum_c exp(x_c - m)) with m the row's
     * maximum, so that large logits do not overflow exp. The gradient does not flow through m: the two m terms
     * cancel exactly, and the gradient of the result is the softmax.
     */
    static NDArray logSumExp(NDArray x) {
        NDArray m = x.max(new int[] {-1}, true).stopGradient();
        return x.sub(m).exp().sum(new int[] {-1}).log().add(m.squeeze(-1));
    }
}
