package trainwell.optimizers.djl;

import ai.djl.ndarray.NDArray;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * Schedule-free AdamW (Defazio, Yang, Mehta, Mishchenko, Khaled and Cutkosky 2024, "The Road Less
 * Scheduled", arXiv:2405.15682): no decaying schedule, yet the quality of a decayed run, by averaging.
 *
 * <p>Three sequences per parameter. {@code z} takes AdamW-like steps (gradient divided by the root of the
 * bias-corrected second moment, decay pulling towards 0) at a constant rate; {@code x} is the weighted
 * running mean of all {@code z} so far: the answer; {@code y = beta1 x + (1 - beta1) z} lies between them,
 * and that is where the gradients are taken. During training the model's parameter holds {@code y}; the
 * state arrays hold {@code z}, {@code x} and the second moment {@code v}. So evaluate, and keep, {@code x}:
 * {@link #evalMode} writes {@code x} into every parameter, {@link #trainMode} writes {@code y} back
 * (recomputed from {@code x} and {@code z} with the very operations of the step, so it is restored to the
 * bit). {@code trainwell.training.Training} does both around each validation and leaves {@code x} at the end.
 *
 * <p>Per step k (from 0), following the authors' reference code (facebookresearch/schedule_free,
 * schedulefree/adamw_schedulefree_reference.py, commit 43e5c2d), with {@code lr_k} and {@code c_k} from
 * {@link ScheduleFreeAveraging}:
 * <pre>
 *   z -= lr_k * wd * y                                   (decoupled weight decay, evaluated at y)
 *   v  = beta2 v + (1 - beta2) g^2
 *   z -= lr_k * g / (sqrt(v / (1 - beta2^(k+1))) + eps)  (eps after the bias correction)
 *   x  = (1 - c_k) x + c_k z
 *   y  = beta1 x + (1 - beta1) z
 * </pre>
 * There is no first moment: beta1's momentum comes from evaluating the gradient at y. The learning rate is
 * the run's schedule value of the step ({@code group['lr']} in the reference), meant to be constant: the
 * optimizer's own linear warm-up over {@code warmupSteps} replaces a schedule. The averaging weights
 * (largest rate so far, their sum) are kept per parameter, like the step count of every optimizer here
 * (the reference keeps them per group, which is the same when each group's parameters are all updated
 * at every step).
 */
public final class ScheduleFreeAdamOptimizer extends TorchStyleOptimizer {

    private final double beta1;
    private final double beta2;
    private final double eps;
    private final int warmupSteps;
    /** The averaging numbers of each parameter, keyed by its z array (the state arrays live until close()). */
    private final Map<NDArray, ScheduleFreeAveraging> averaging = Collections.synchronizedMap(new IdentityHashMap<>());

    /**
     * Schedule-free AdamW; normally made by {@code OptimizerSpec.scheduleFreeAdamW(wd)}, which holds the
     * defaults and checks the ranges.
     */
    public ScheduleFreeAdamOptimizer(Setup setup, double beta1, double beta2, double eps, int warmupSteps) {
        super(setup);
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.eps = eps;
        this.warmupSteps = warmupSteps;
    }

    @Override
    protected int stateArraysPerParameter() {
        return 3; // z, x, v (y is the parameter itself)
    }

    @Override
    protected void apply(NDArray weight, NDArray grad, NDArray[] state, Step step) {
        NDArray z = state[0];
        NDArray x = state[1];
        NDArray v = state[2];
        if (step.count() == 1) {
            weight.copyTo(z); // z, x and y all start at the initial weights
            weight.copyTo(x);
        }
        ScheduleFreeAveraging.Step numbers = averaging.computeIfAbsent(z, k -> new ScheduleFreeAveraging(warmupSteps))
                .next(step.lr());
        double lr = numbers.lr();
        double c = numbers.averagingWeight();
        if (step.weightDecay() != 0) {
            z.subi(weight.mul(scalar(weight, lr * step.weightDecay())));
        }
        v.muli(scalar(v, beta2)).addi(scaledProduct(1 - beta2, grad, grad));
        NDArray denom = v.div(scalar(v, 1 - Math.pow(beta2, step.count()))).sqrt().addi(scalar(v, eps));
        z.addi(scaledQuotient(-lr, grad, denom));
        x.muli(scalar(x, 1 - c)).addi(z.mul(scalar(z, c)));
        interpolation(x, z).copyTo(weight);
    }

    /** y = beta1 x + (1 - beta1) z, in the reference's order: {@code x.mul(beta1).add_(z, alpha=1-beta1)}. */
    private NDArray interpolation(NDArray x, NDArray z) {
        return x.mul(scalar(x, beta1)).addi(z.mul(scalar(z, 1 - beta1)));
    }

    /** The parameter becomes x, the average: the weights to evaluate and to keep. */
    @Override
    protected void toEvaluationWeights(NDArray weight, NDArray[] state) {
        state[1].copyTo(weight);
    }

    /** The parameter becomes y again, computed as the last step computed it. */
    @Override
    protected void toTrainingWeights(NDArray weight, NDArray[] state) {
        interpolation(state[1], state[0]).copyTo(weight);
    }

    /** Frees the state; the next update starts a new average. */
    @Override
    public synchronized void close() {
        averaging.clear();
        super.close();
    }
}
