package trainwell.training;

import trainwell.core.Args;
import trainwell.optimizers.djl.Optimizers;
import trainwell.optimizers.djl.ParameterGroups;
import trainwell.optimizers.djl.TorchStyleOptimizer;
import trainwell.schedules.Schedule;

/**
 * Which optimizer a training run uses, with its hyper-parameters but without its learning rate (that
 * comes from the run's schedule). Immutable; {@code toString()} is a legend such as "AdamW (wd 0.1)".
 */
public record OptimizerSpec(Kind kind, double weightDecay, double momentum, double beta1, double beta2, double eps) {

    /** The optimizer families of the course, each with PyTorch semantics (trainwell.optimizers.djl). */
    public enum Kind {
        /** Plain stochastic gradient descent. */
        SGD,
        /** SGD with heavy-ball momentum (PyTorch convention). */
        MOMENTUM,
        /** SGD with Nesterov momentum. */
        NESTEROV,
        /** Adam; weight decay is L2 added to the gradient (coupled), as torch.optim.Adam. */
        ADAM,
        /** Adam with decoupled weight decay (Loshchilov and Hutter 2019). */
        ADAMW,
        /** RMSProp. */
        RMSPROP,
        /** AdaGrad. */
        ADAGRAD,
        /** Rectified Adam (Liu et al. 2020). */
        RADAM
    }

    /** Checks the hyper-parameters. */
    public OptimizerSpec {
        Args.notNull("kind", kind);
        Args.nonNegative("weightDecay", weightDecay);
        Args.inRangeExclusive("momentum", momentum, 0, 1);
        Args.inRangeExclusive("beta1", beta1, 0, 1);
        Args.inRangeExclusive("beta2", beta2, 0, 1);
        Args.positive("eps", eps);
    }

    private static OptimizerSpec of(Kind kind, double weightDecay) {
        return new OptimizerSpec(kind, weightDecay, 0, 0.9, 0.999, 1e-8);
    }

    /** Plain SGD. */
    public static OptimizerSpec sgd() {
        return of(Kind.SGD, 0);
    }

    /** SGD with momentum {@code mu} (PyTorch: the learning rate multiplies the buffer, not inside it). */
    public static OptimizerSpec momentum(double mu) {
        return of(Kind.MOMENTUM, 0).withMomentum(mu);
    }

    /** SGD with Nesterov momentum {@code mu}. */
    public static OptimizerSpec nesterov(double mu) {
        return of(Kind.NESTEROV, 0).withMomentum(mu);
    }

    /** Adam without weight decay. */
    public static OptimizerSpec adam() {
        return of(Kind.ADAM, 0);
    }

    /** Adam with L2 regularization {@code wd} added to the gradient: what {@code Adam(weight_decay=wd)} does. */
    public static OptimizerSpec adamL2(double wd) {
        return of(Kind.ADAM, wd);
    }

    /** AdamW with decoupled weight decay {@code wd}. */
    public static OptimizerSpec adamW(double wd) {
        return of(Kind.ADAMW, wd);
    }

    /** RMSProp (alpha 0.99 as in PyTorch). */
    public static OptimizerSpec rmsProp() {
        return of(Kind.RMSPROP, 0);
    }

    /** AdaGrad. */
    public static OptimizerSpec adaGrad() {
        return new OptimizerSpec(Kind.ADAGRAD, 0, 0, 0.9, 0.999, 1e-10);
    }

    /** Rectified Adam. */
    public static OptimizerSpec rAdam() {
        return of(Kind.RADAM, 0);
    }

    /** The same optimizer with weight decay {@code wd} (coupled or decoupled as its family does it). */
    public OptimizerSpec withWeightDecay(double wd) {
        return new OptimizerSpec(kind, wd, momentum, beta1, beta2, eps);
    }

    /** The same optimizer with momentum {@code mu} (SGD family and RMSProp). */
    public OptimizerSpec withMomentum(double mu) {
        return new OptimizerSpec(kind, weightDecay, mu, beta1, beta2, eps);
    }

    /** The same optimizer with Adam's betas (e.g. 0.9 and 0.98 in Vaswani et al. 2017). */
    public OptimizerSpec withBetas(double b1, double b2) {
        return new OptimizerSpec(kind, weightDecay, momentum, b1, b2, eps);
    }

    /** The same optimizer with epsilon {@code e} (e.g. 1e-9 in Vaswani et al. 2017). */
    public OptimizerSpec withEps(double e) {
        return new OptimizerSpec(kind, weightDecay, momentum, beta1, beta2, e);
    }

    /** Builds the DJL optimizer, taking the learning rate of update k (0-based) from {@code lr}. */
    public TorchStyleOptimizer build(Schedule lr, ParameterGroups groups) {
        Args.notNull("lr", lr);
        Args.notNull("groups", groups);
        return switch (kind) {
            case SGD -> Optimizers.sgd().learningRate(lr::at).weightDecay(weightDecay).groups(groups).build();
            case MOMENTUM -> Optimizers.momentum(momentum).learningRate(lr::at).weightDecay(weightDecay)
                    .groups(groups).build();
            case NESTEROV -> Optimizers.nesterov(momentum).learningRate(lr::at).weightDecay(weightDecay)
                    .groups(groups).build();
            case ADAM -> Optimizers.adam().betas(beta1, beta2).eps(eps).learningRate(lr::at)
                    .weightDecay(weightDecay).groups(groups).build();
            case ADAMW -> Optimizers.adamW().betas(beta1, beta2).eps(eps).learningRate(lr::at)
                    .weightDecay(weightDecay).groups(groups).build();
            case RMSPROP -> Optimizers.rmsProp().eps(eps).momentum(momentum).learningRate(lr::at)
                    .weightDecay(weightDecay).groups(groups).build();
            case ADAGRAD -> Optimizers.adaGrad().eps(eps).learningRate(lr::at).weightDecay(weightDecay)
                    .groups(groups).build();
            case RADAM -> Optimizers.rAdam().betas(beta1, beta2).eps(eps).learningRate(lr::at)
                    .weightDecay(weightDecay).groups(groups).build();
        };
    }

    /** A legend such as "SGD", "Momentum 0.9", "Adam (L2 0.01)" or "AdamW (wd 0.1)". */
    @Override
    public String toString() {
        return switch (kind) {
            case SGD -> "SGD" + (weightDecay > 0 ? " (wd " + weightDecay + ")" : "");
            case MOMENTUM -> "Momentum " + momentum;
            case NESTEROV -> "Nesterov " + momentum;
            case ADAM -> weightDecay > 0 ? "Adam (L2 " + weightDecay + ")" : "Adam";
            case ADAMW -> "AdamW (wd " + weightDecay + ")";
            case RMSPROP -> "RMSProp";
            case ADAGRAD -> "AdaGrad";
            case RADAM -> "RAdam";
        };
    }
}
