package trainwell.training.loss;

import ai.djl.engine.EngineException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.loss.Loss;
import trainwell.core.Args;
import trainwell.core.Tensors;

/**
 * Cross-entropy with label smoothing and an ignored (padding) label, as PyTorch's
 * {@code nn.CrossEntropyLoss(label_smoothing=eps, ignore_index=i)} with mean reduction.
 *
 * <p>Per position: {@code (1 - eps) * (-log p[label]) + eps * mean over classes of (-log p[c])},
 * i.e. the target puts {@code 1 - eps + eps / C} on the label and {@code eps / C} on every class.
 * The loss is the mean over positions whose label is not the ignored one (if all are ignored the
 * result is NaN, as in PyTorch).
 *
 * <p>Logits are {@code (B, C)} or {@code (B, T, C)} with integer labels {@code (B)} or
 * {@code (B, T)} (any numeric type holding integers). Both are flattened to {@code (N, C)} and
 * {@code (N)} first: DJL's own softmax cross-entropy fails on {@code (B, T, V)} with an unclear
 * shape error.
 */
public final class LabelSmoothingCrossEntropy extends Loss {

    /** PyTorch's default ignore index. */
    public static final int DEFAULT_IGNORE_INDEX = -100;

    private final double epsilon;
    private final int ignoreIndex;

    private LabelSmoothingCrossEntropy(double epsilon, int ignoreIndex) {
        super("LabelSmoothingCrossEntropy");
        this.epsilon = Args.inRangeExclusive("epsilon", epsilon, 0, 1);
        this.ignoreIndex = ignoreIndex;
    }

    /** Label smoothing {@code epsilon} in [0, 1) (0 = plain cross-entropy); ignores label -100. */
    public static LabelSmoothingCrossEntropy withSmoothing(double epsilon) {
        return new LabelSmoothingCrossEntropy(epsilon, DEFAULT_IGNORE_INDEX);
    }

    /** Plain cross-entropy (no smoothing); ignores label -100. */
    public static LabelSmoothingCrossEntropy plain() {
        return withSmoothing(0);
    }

    /** The same loss, ignoring positions labelled {@code index} (e.g. the padding token's id). */
    public LabelSmoothingCrossEntropy ignoring(int index) {
        return new LabelSmoothingCrossEntropy(epsilon, index);
    }

    /** The smoothing epsilon. */
    public double epsilon() {
        return epsilon;
    }

    /** The label whose positions do not count. */
    public int ignoreIndex() {
        return ignoreIndex;
    }

    /** The mean loss over non-ignored positions, as a scalar in the logits' manager. */
    @Override
    public NDArray evaluate(NDList labels, NDList predictions) {
        NDArray logits = Args.notNull("predictions", predictions).singletonOrThrow();
        NDArray target = Args.notNull("labels", labels).singletonOrThrow();
        long classes = checkShapes(target, logits);
        NDArray loss;
        try (NDScope ignored = new NDScope()) {
            NDArray y = target.reshape(-1).toType(DataType.INT64, false);
            NDArray keep = y.neq(ignoreIndex);
            NDArray safeY = NDArrays.where(keep, y, y.zerosLike());
            NDArray logp = logits.reshape(-1, classes).logSoftmax(1);
            NDArray perPosition = pickLabels(logp, safeY, y, keep, classes).neg();
            if (epsilon > 0) { // skipped at 0: three ops fewer per step, and 0 * inf would give NaN
                NDArray smooth = logp.mean(new int[] {1}).neg();
                perPosition = Tensors.times(perPosition, 1 - epsilon).add(Tensors.times(smooth, epsilon));
            }
            NDArray weight = keep.toType(logits.getDataType(), false);
            loss = perPosition.mul(weight).sum().div(weight.sum());
            NDScope.unregister(loss); // the result outlives the scope; the rest is freed
        }
        return loss;
    }

    /**
     * Checks that {@code logits} are (B, C) or (B, T, C) and {@code labels} have their shape without the class axis;
     * returns the number of classes C.
     */
    static long checkShapes(NDArray labels, NDArray logits) {
        Shape shape = logits.getShape();
        Args.check(shape.dimension() == 2 || shape.dimension() == 3, "logits",
                "must have shape (B, C) or (B, T, C)", shape);
        Args.check(labels.getShape().equals(shape.slice(0, shape.dimension() - 1)), "labels",
                "must have the logits' shape without the class axis " + shape.slice(0, shape.dimension() - 1),
                labels.getShape());
        return shape.get(shape.dimension() - 1);
    }

    /**
     * log p[label] per position. The engine checks every index while gathering, so the labels are not
     * range-checked beforehand: that check cost a transfer to the host (and a wait) at every step. On
     * the rare failure the labels are examined to say which rule they broke.
     */
    private NDArray pickLabels(NDArray logp, NDArray safeY, NDArray y, NDArray keep, long classes) {
        try {
            return logp.gather(safeY.reshape(-1, 1), 1).reshape(-1);
        } catch (EngineException e) {
            boolean outOfRange = y.lt(0).logicalOr(y.gte(classes)).logicalAnd(keep).any().getBoolean();
            Args.check(!outOfRange, "labels", "must be in [0, " + classes + ") or the ignore index " + ignoreIndex,
                    "labels outside that range");
            throw e;
        }
    }
}
