package trainwell.optimizers;

import trainwell.schedules.Schedule;
import trainwell.schedules.Schedules;

/**
 * Short names for the teaching optimizers on {@code double[]}: {@code Optimizers.adam(lr)} is
 * {@code OptimizerSpec.adam().fromScratch(lr)}, with the defaults {@link OptimizerSpec} holds (PyTorch's);
 * refine with the fluent methods, e.g. {@code Optimizers.adam(1e-3).betas(0.9, 0.98).eps(1e-9)} or
 * {@code Optimizers.adamW(1e-3).weightDecay(0.1)}. The same {@link OptimizerSpec} builds the DJL version.
 *
 * <p>Each factory takes the learning rate either as a constant or as a {@link Schedule}.
 */
public final class Optimizers {

    private Optimizers() {}

    /** A constant learning rate as a schedule ({@link Schedules#constant}); rejects NaN, infinite and negative rates. */
    public static Schedule constant(double lr) {
        return Schedules.constant(lr);
    }

    /** Plain gradient descent {@code p -= lr * g} on exact gradients (legend "GD"). */
    public static GradientDescent gd(double lr) {
        return gd(constant(lr));
    }

    /** Plain gradient descent with a scheduled learning rate. */
    public static GradientDescent gd(Schedule lr) {
        return new GradientDescent(null, lr, OptimizerSpec.sgd(), false);
    }

    /** Stochastic gradient descent: the same rule as GD, fed noisy mini-batch gradients (legend "SGD"). */
    public static GradientDescent sgd(double lr) {
        return sgd(constant(lr));
    }

    /** Stochastic gradient descent with a scheduled learning rate. */
    public static GradientDescent sgd(Schedule lr) {
        return new GradientDescent(null, lr, OptimizerSpec.sgd(), true);
    }

    /** Heavy-ball momentum, PyTorch's {@code SGD(lr, momentum)}: {@code v = mu v + g; p -= lr v} (see {@link Momentum#dampening}). */
    public static Momentum momentum(double lr, double momentum) {
        return momentum(constant(lr), momentum);
    }

    /** Heavy-ball momentum with a scheduled learning rate. */
    public static Momentum momentum(Schedule lr, double momentum) {
        return new Momentum(null, lr, OptimizerSpec.momentum(momentum));
    }

    /** Nesterov momentum, PyTorch's {@code SGD(lr, momentum, nesterov=True)}. */
    public static Momentum nesterov(double lr, double momentum) {
        return nesterov(constant(lr), momentum);
    }

    /** Nesterov momentum with a scheduled learning rate. */
    public static Momentum nesterov(Schedule lr, double momentum) {
        return new Momentum(null, lr, OptimizerSpec.nesterov(momentum));
    }

    /** AdaGrad with PyTorch's default eps 1e-10. */
    public static AdaGrad adaGrad(double lr) {
        return adaGrad(constant(lr));
    }

    /** AdaGrad with a scheduled learning rate. */
    public static AdaGrad adaGrad(Schedule lr) {
        return OptimizerSpec.adaGrad().fromScratch(lr);
    }

    /** RMSProp with PyTorch's defaults: alpha 0.99, eps 1e-8, no momentum, not centered. */
    public static RmsProp rmsProp(double lr) {
        return rmsProp(constant(lr));
    }

    /** RMSProp with a scheduled learning rate. */
    public static RmsProp rmsProp(Schedule lr) {
        return OptimizerSpec.rmsProp().fromScratch(lr);
    }

    /** Adam with PyTorch's defaults: betas (0.9, 0.999), eps 1e-8, no weight decay. */
    public static Adam adam(double lr) {
        return adam(constant(lr));
    }

    /** Adam with a scheduled learning rate. */
    public static Adam adam(Schedule lr) {
        return OptimizerSpec.adam().fromScratch(lr);
    }

    /** AdamW (decoupled weight decay) with PyTorch's defaults: betas (0.9, 0.999), eps 1e-8, weight decay 0.01. */
    public static Adam adamW(double lr) {
        return adamW(constant(lr));
    }

    /** AdamW with a scheduled learning rate. */
    public static Adam adamW(Schedule lr) {
        return OptimizerSpec.adamW().fromScratch(lr);
    }

    /** RAdam with PyTorch's defaults: betas (0.9, 0.999), eps 1e-8, no weight decay. */
    public static RAdam rAdam(double lr) {
        return rAdam(constant(lr));
    }

    /** RAdam with a scheduled learning rate. */
    public static RAdam rAdam(Schedule lr) {
        return OptimizerSpec.rAdam().fromScratch(lr);
    }

    /** Lion with the paper's defaults: beta1 0.9, beta2 0.99, no weight decay (use a 3-10x smaller lr than AdamW). */
    public static Lion lion(double lr) {
        return lion(constant(lr));
    }

    /** Lion with a scheduled learning rate. */
    public static Lion lion(Schedule lr) {
        return OptimizerSpec.lion().fromScratch(lr);
    }

    /**
     * Schedule-free AdamW with the reference code's defaults: betas (0.9, 0.999), eps 1e-8, no weight decay,
     * no warm-up; the parameter vector holds y, the answer is {@link ScheduleFreeAdam#x()}.
     */
    public static ScheduleFreeAdam scheduleFreeAdamW(double lr) {
        return scheduleFreeAdamW(constant(lr));
    }

    /** Schedule-free AdamW with a scheduled learning rate (meant to be constant; see {@link OptimizerSpec.ScheduleFreeAdam}). */
    public static ScheduleFreeAdam scheduleFreeAdamW(Schedule lr) {
        return OptimizerSpec.scheduleFreeAdamW().fromScratch(lr);
    }
}
