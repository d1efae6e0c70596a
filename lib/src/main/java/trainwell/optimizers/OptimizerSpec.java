package trainwell.optimizers;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import trainwell.core.Args;
import trainwell.optimizers.djl.AdaGradOptimizer;
import trainwell.optimizers.djl.AdamOptimizer;
import trainwell.optimizers.djl.LionOptimizer;
import trainwell.optimizers.djl.MuonOptimizer;
import trainwell.optimizers.djl.ParameterGroups;
import trainwell.optimizers.djl.RmsPropOptimizer;
import trainwell.optimizers.djl.ScheduleFreeAdamOptimizer;
import trainwell.optimizers.djl.SgdOptimizer;
import trainwell.optimizers.djl.TorchStyleOptimizer;
import trainwell.schedules.Schedule;
import trainwell.schedules.Schedules;

/**
 * An optimizer family with its hyper-parameters, without its learning rate: the one place where each
 * optimizer's defaults (PyTorch's, or the paper's where PyTorch has none) and argument checks live.
 *
 * <p>The same value builds both versions of the optimizer:
 * <ul>
 *   <li>{@link #fromScratch(Schedule)}: the teaching version on a {@code double[]} (lesson 02's 2-D
 *   surfaces), e.g. {@code OptimizerSpec.adamW(0.1).fromScratch(0.01)};
 *   <li>{@link #build(Schedule, ParameterGroups)}: the DJL version with PyTorch's update rule and
 *   parameter groups (what {@code TrainingConfig.withOptimizer} trains a Transformer with).
 * </ul>
 * The learning rate is not part of the value: a run takes it from its schedule.
 *
 * <p>Each family is a record below; {@code toString()} is a legend such as "AdamW (wd 0.1)". Adding an
 * optimizer = a record here (fields, defaults, checks, legend and the two {@code new ...} lines), its
 * update rules ({@link AbstractOptimizer} and {@link TorchStyleOptimizer} subclasses) and a factory method.
 */
public sealed interface OptimizerSpec {

    /** The weight decay (L2 or decoupled, as the family does it) of parameters whose group does not override it. */
    double weightDecay();

    /** The same optimizer with weight decay {@code wd} (coupled or decoupled as its family does it). */
    OptimizerSpec withWeightDecay(double wd);

    /** The teaching version on {@code double[]}, with a scheduled learning rate. */
    Optimizer fromScratch(Schedule lr);

    /** The teaching version on {@code double[]}, with a constant learning rate. */
    default Optimizer fromScratch(double lr) {
        return fromScratch(Schedules.constant(lr));
    }

    /** The DJL version from the common settings (learning rate, this spec's weight decay, groups). */
    TorchStyleOptimizer djl(TorchStyleOptimizer.Setup setup);

    /** The DJL version, taking the learning rate of update k (0-based) from {@code lr}. */
    default TorchStyleOptimizer build(Schedule lr, ParameterGroups groups) {
        Args.notNull("lr", lr);
        return djl(new TorchStyleOptimizer.Setup((id, step) -> lr.at(step), weightDecay(), groups));
    }

    /**
     * A builder for the DJL version when the learning rate is a constant, a function or a DJL tracker:
     * {@code OptimizerSpec.adam().djlBuilder().learningRate(0.01).groups(g).build()}.
     */
    default TorchStyleOptimizer.Builder djlBuilder() {
        return new TorchStyleOptimizer.Builder(weightDecay(), this::djl);
    }

    // ---- factories, with PyTorch's defaults ---------------------------------------------------------

    /** Plain SGD, {@code torch.optim.SGD}: no momentum, no weight decay. */
    static Sgd sgd() {
        return new Sgd(0, 0, false, 0);
    }

    /** SGD with momentum {@code mu} (PyTorch: the learning rate multiplies the buffer, not inside it). */
    static Sgd momentum(double mu) {
        return sgd().withMomentum(mu);
    }

    /** SGD with Nesterov momentum {@code mu}. */
    static Sgd nesterov(double mu) {
        return new Sgd(mu, 0, true, 0);
    }

    /** Adam without weight decay: betas (0.9, 0.999), eps 1e-8, as {@code torch.optim.Adam}. */
    static Adam adam() {
        return new Adam(0.9, 0.999, 1e-8, 0, false, false);
    }

    /** Adam with L2 regularization {@code wd} added to the gradient: what {@code Adam(weight_decay=wd)} does. */
    static Adam adamL2(double wd) {
        return adam().withWeightDecay(wd);
    }

    /** AdamW with PyTorch's default decoupled weight decay 0.01. */
    static Adam adamW() {
        return adamW(0.01);
    }

    /** AdamW with decoupled weight decay {@code wd} (Loshchilov and Hutter 2019). */
    static Adam adamW(double wd) {
        return new Adam(0.9, 0.999, 1e-8, wd, true, false);
    }

    /** RMSProp with PyTorch's defaults: alpha 0.99, eps 1e-8, no momentum, not centered. */
    static RmsProp rmsProp() {
        return new RmsProp(0.99, 1e-8, 0, false, 0);
    }

    /** AdaGrad with PyTorch's defaults: eps 1e-10, initial accumulator 0. */
    static AdaGrad adaGrad() {
        return new AdaGrad(1e-10, 0, 0);
    }

    /** Rectified Adam with PyTorch's defaults: betas (0.9, 0.999), eps 1e-8, coupled weight decay 0. */
    static RAdam rAdam() {
        return new RAdam(0.9, 0.999, 1e-8, 0, false);
    }

    /** Lion with the paper's defaults: beta1 0.9, beta2 0.99, no weight decay (Chen et al. 2023). */
    static Lion lion() {
        return new Lion(0.9, 0.99, 0);
    }

    /**
     * Schedule-free AdamW without weight decay, with the reference code's defaults: betas (0.9, 0.999), eps
     * 1e-8, no warm-up (Defazio et al. 2024, arXiv:2405.15682).
     */
    static ScheduleFreeAdam scheduleFreeAdamW() {
        return scheduleFreeAdamW(0);
    }

    /**
     * Schedule-free AdamW with decoupled weight decay {@code wd} (at y); run it at a constant learning rate
     * and give it its own warm-up with {@link ScheduleFreeAdam#withWarmupSteps}.
     */
    static ScheduleFreeAdam scheduleFreeAdamW(double wd) {
        return new ScheduleFreeAdam(0.9, 0.999, 1e-8, wd, 0);
    }

    /**
     * Muon on the hidden matrices and AdamW (decoupled weight decay {@code wd}) on everything else, with
     * Moonlight's scaling so that both share one learning rate and weight decay (Liu et al. 2025 use wd 0.1).
     */
    static Muon muon(double wd) {
        return new Muon(Muon.MOMENTUM, true, NewtonSchulz.STEPS, wd, MuonScaling.MOONLIGHT, adamW(wd));
    }

    /** {@link #muon(double)} with weight decay 0.1, Moonlight's value: legend "Muon + AdamW (wd 0.1)". */
    static Muon muon() {
        return muon(0.1);
    }

    // ---- the families -------------------------------------------------------------------------------

    /**
     * Stochastic gradient descent as {@code torch.optim.SGD}: plain, with heavy-ball momentum, or Nesterov.
     * Buffer {@code b = g} at the first step, then {@code b = mu b + (1 - dampening) g}; the step is
     * {@code lr b} (or {@code lr (g + mu b)} for Nesterov). Weight decay is L2, added to the gradient.
     *
     * @param momentum mu in [0, 1)
     * @param dampening in [0, 1]; must be 0 for Nesterov
     * @param nesterov Nesterov momentum (needs momentum > 0)
     * @param weightDecay L2 coefficient, >= 0
     */
    record Sgd(double momentum, double dampening, boolean nesterov, double weightDecay) implements OptimizerSpec {
        /** Checks every field's range and PyTorch's rule for Nesterov. */
        public Sgd {
            Args.inRangeExclusive("momentum", momentum, 0, 1);
            Args.inRange("dampening", dampening, 0, 1);
            Args.check(!nesterov || momentum > 0, "momentum", "must be > 0 for Nesterov", momentum);
            Args.check(!nesterov || dampening == 0, "dampening", "must be 0 for Nesterov", dampening);
            Args.nonNegative("weightDecay", weightDecay);
        }

        /** The same with momentum {@code mu}. */
        public Sgd withMomentum(double mu) {
            return new Sgd(mu, dampening, nesterov, weightDecay);
        }

        /** The same with dampening {@code value} of the gradient added to the buffer. */
        public Sgd withDampening(double value) {
            return new Sgd(momentum, value, nesterov, weightDecay);
        }

        @Override
        public Sgd withWeightDecay(double wd) {
            return new Sgd(momentum, dampening, nesterov, wd);
        }

        @Override
        public Optimizer fromScratch(Schedule lr) {
            return momentum == 0 ? new GradientDescent(null, lr, this, true) : new Momentum(null, lr, this);
        }

        @Override
        public TorchStyleOptimizer djl(TorchStyleOptimizer.Setup setup) {
            return new SgdOptimizer(setup, momentum, dampening, nesterov);
        }

        /** "SGD", "SGD (wd 0.1)", "Momentum 0.9", "Nesterov 0.9" (dampening and decay added when set). */
        @Override
        public String toString() {
            String name = momentum == 0 ? "SGD" : (nesterov ? "Nesterov " : "Momentum ") + momentum;
            String extra = (dampening > 0 ? ", dampening " + dampening : "")
                    + (weightDecay > 0 && (momentum == 0 || dampening > 0) ? ", wd " + weightDecay : "");
            return extra.isEmpty() ? name : name + " (" + extra.substring(2) + ")";
        }
    }

    /**
     * Adam as {@code torch.optim.Adam} (weight decay coupled: L2 in the gradient) or {@code torch.optim.AdamW}
     * (decoupled: {@code p *= 1 - lr wd} before the step), optionally AMSGrad.
     *
     * @param beta1 decay of the first moment, in [0, 1)
     * @param beta2 decay of the second moment, in [0, 1)
     * @param eps added to the bias-corrected {@code sqrt(v)}, > 0
     * @param weightDecay >= 0
     * @param decoupled AdamW's decoupled decay instead of L2
     * @param amsgrad divide by the largest second moment so far (Reddi et al. 2018)
     */
    record Adam(double beta1, double beta2, double eps, double weightDecay, boolean decoupled, boolean amsgrad)
            implements OptimizerSpec {
        /** Checks every field's range. */
        public Adam {
            Args.inRangeExclusive("beta1", beta1, 0, 1);
            Args.inRangeExclusive("beta2", beta2, 0, 1);
            Args.positive("eps", eps);
            Args.nonNegative("weightDecay", weightDecay);
        }

        /** The same with Adam's betas (e.g. 0.9 and 0.98 in Vaswani et al. 2017). */
        public Adam withBetas(double b1, double b2) {
            return new Adam(b1, b2, eps, weightDecay, decoupled, amsgrad);
        }

        /** The same with epsilon {@code e} (e.g. 1e-9 in Vaswani et al. 2017). */
        public Adam withEps(double e) {
            return new Adam(beta1, beta2, e, weightDecay, decoupled, amsgrad);
        }

        @Override
        public Adam withWeightDecay(double wd) {
            return new Adam(beta1, beta2, eps, wd, decoupled, amsgrad);
        }

        /** The same with decoupled (AdamW, true) or L2 (Adam, false) weight decay. */
        public Adam withDecoupled(boolean on) {
            return new Adam(beta1, beta2, eps, weightDecay, on, amsgrad);
        }

        /** The same with AMSGrad on or off. */
        public Adam withAmsgrad(boolean on) {
            return new Adam(beta1, beta2, eps, weightDecay, decoupled, on);
        }

        @Override
        public trainwell.optimizers.Adam fromScratch(Schedule lr) {
            return new trainwell.optimizers.Adam(null, lr, this, true);
        }

        @Override
        public TorchStyleOptimizer djl(TorchStyleOptimizer.Setup setup) {
            return new AdamOptimizer(setup, beta1, beta2, eps, decoupled, amsgrad, false);
        }

        /** "Adam", "Adam (L2 0.01)", "AdamW (wd 0.1)", with " AMSGrad" when on. */
        @Override
        public String toString() {
            String name = decoupled ? "AdamW (wd " + weightDecay + ")"
                    : weightDecay > 0 ? "Adam (L2 " + weightDecay + ")" : "Adam";
            return amsgrad ? name + " AMSGrad" : name;
        }
    }

    /**
     * RMSProp as {@code torch.optim.RMSprop}: divide by the root of a running mean of squared gradients
     * (minus the squared mean gradient when centered); eps outside the root; L2 weight decay.
     *
     * @param alpha decay of the running mean of squared gradients, in [0, 1)
     * @param eps added to the root, > 0
     * @param momentum momentum of the normalised steps, in [0, 1)
     * @param centered normalise by an estimate of the variance instead of the second moment
     * @param weightDecay L2 coefficient, >= 0
     */
    record RmsProp(double alpha, double eps, double momentum, boolean centered, double weightDecay)
            implements OptimizerSpec {
        /** Checks every field's range. */
        public RmsProp {
            Args.inRangeExclusive("alpha", alpha, 0, 1);
            Args.positive("eps", eps);
            Args.inRangeExclusive("momentum", momentum, 0, 1);
            Args.nonNegative("weightDecay", weightDecay);
        }

        /** The same with smoothing constant {@code value}. */
        public RmsProp withAlpha(double value) {
            return new RmsProp(value, eps, momentum, centered, weightDecay);
        }

        /** The same with eps {@code value}. */
        public RmsProp withEps(double value) {
            return new RmsProp(alpha, value, momentum, centered, weightDecay);
        }

        /** The same with momentum {@code mu}. */
        public RmsProp withMomentum(double mu) {
            return new RmsProp(alpha, eps, mu, centered, weightDecay);
        }

        /** The same, centered or not. */
        public RmsProp withCentered(boolean on) {
            return new RmsProp(alpha, eps, momentum, on, weightDecay);
        }

        @Override
        public RmsProp withWeightDecay(double wd) {
            return new RmsProp(alpha, eps, momentum, centered, wd);
        }

        @Override
        public trainwell.optimizers.RmsProp fromScratch(Schedule lr) {
            return new trainwell.optimizers.RmsProp(null, lr, this);
        }

        @Override
        public TorchStyleOptimizer djl(TorchStyleOptimizer.Setup setup) {
            return new RmsPropOptimizer(setup, alpha, eps, momentum, centered);
        }

        /** "RMSProp" or "RMSProp (centered)". */
        @Override
        public String toString() {
            return centered ? "RMSProp (centered)" : "RMSProp";
        }
    }

    /**
     * AdaGrad as {@code torch.optim.Adagrad} (lr_decay left out: use a schedule).
     *
     * @param eps added to the root of the sum of squares, > 0
     * @param initialAccumulator the starting value of the sum of squared gradients, >= 0
     * @param weightDecay L2 coefficient, >= 0
     */
    record AdaGrad(double eps, double initialAccumulator, double weightDecay) implements OptimizerSpec {
        /** Checks every field's range. */
        public AdaGrad {
            Args.positive("eps", eps);
            Args.nonNegative("initialAccumulator", initialAccumulator);
            Args.nonNegative("weightDecay", weightDecay);
        }

        /** The same with eps {@code value}. */
        public AdaGrad withEps(double value) {
            return new AdaGrad(value, initialAccumulator, weightDecay);
        }

        /** The same with the sum of squares starting at {@code value}. */
        public AdaGrad withInitialAccumulator(double value) {
            return new AdaGrad(eps, value, weightDecay);
        }

        @Override
        public AdaGrad withWeightDecay(double wd) {
            return new AdaGrad(eps, initialAccumulator, wd);
        }

        @Override
        public trainwell.optimizers.AdaGrad fromScratch(Schedule lr) {
            return new trainwell.optimizers.AdaGrad(null, lr, this);
        }

        @Override
        public TorchStyleOptimizer djl(TorchStyleOptimizer.Setup setup) {
            return new AdaGradOptimizer(setup, eps, initialAccumulator);
        }

        /** "AdaGrad". */
        @Override
        public String toString() {
            return "AdaGrad";
        }
    }

    /**
     * RAdam as {@code torch.optim.RAdam} (Liu et al. 2020): momentum steps while rho_t <= 5, then rectified
     * Adam steps; weight decay coupled unless {@code decoupled}.
     *
     * @param beta1 decay of the first moment, in [0, 1)
     * @param beta2 decay of the second moment, in [0, 1)
     * @param eps added to {@code sqrt(v)}, > 0
     * @param weightDecay >= 0
     * @param decoupled AdamW-style decay instead of L2
     */
    record RAdam(double beta1, double beta2, double eps, double weightDecay, boolean decoupled)
            implements OptimizerSpec {
        /** Checks every field's range. */
        public RAdam {
            Args.inRangeExclusive("beta1", beta1, 0, 1);
            Args.inRangeExclusive("beta2", beta2, 0, 1);
            Args.positive("eps", eps);
            Args.nonNegative("weightDecay", weightDecay);
        }

        /** The same with other betas. */
        public RAdam withBetas(double b1, double b2) {
            return new RAdam(b1, b2, eps, weightDecay, decoupled);
        }

        /** The same with eps {@code value}. */
        public RAdam withEps(double value) {
            return new RAdam(beta1, beta2, value, weightDecay, decoupled);
        }

        @Override
        public RAdam withWeightDecay(double wd) {
            return new RAdam(beta1, beta2, eps, wd, decoupled);
        }

        /** The same with decoupled (true) or L2 (false) weight decay. */
        public RAdam withDecoupled(boolean on) {
            return new RAdam(beta1, beta2, eps, weightDecay, on);
        }

        @Override
        public trainwell.optimizers.RAdam fromScratch(Schedule lr) {
            return new trainwell.optimizers.RAdam(null, lr, this);
        }

        @Override
        public TorchStyleOptimizer djl(TorchStyleOptimizer.Setup setup) {
            return new AdamOptimizer(setup, beta1, beta2, eps, decoupled, false, true);
        }

        /** "RAdam". */
        @Override
        public String toString() {
            return "RAdam";
        }
    }

    /**
     * Lion (Chen et al. 2023, Algorithm 2): {@code c = b1 m + (1 - b1) g; p -= lr (sign(c) + wd p);
     * m = b2 m + (1 - b2) g}. Every coordinate moves by lr (plus decay); use a 3-10x smaller rate than AdamW.
     *
     * @param beta1 interpolation of the update direction, in [0, 1)
     * @param beta2 decay of the momentum, in [0, 1)
     * @param weightDecay decoupled decay, >= 0
     */
    record Lion(double beta1, double beta2, double weightDecay) implements OptimizerSpec {
        /** Checks every field's range. */
        public Lion {
            Args.inRangeExclusive("beta1", beta1, 0, 1);
            Args.inRangeExclusive("beta2", beta2, 0, 1);
            Args.nonNegative("weightDecay", weightDecay);
        }

        /** The same with other betas. */
        public Lion withBetas(double b1, double b2) {
            return new Lion(b1, b2, weightDecay);
        }

        @Override
        public Lion withWeightDecay(double wd) {
            return new Lion(beta1, beta2, wd);
        }

        @Override
        public trainwell.optimizers.Lion fromScratch(Schedule lr) {
            return new trainwell.optimizers.Lion(null, lr, this);
        }

        @Override
        public TorchStyleOptimizer djl(TorchStyleOptimizer.Setup setup) {
            return new LionOptimizer(setup, beta1, beta2);
        }

        /** "Lion" or "Lion (wd 0.1)". */
        @Override
        public String toString() {
            return weightDecay > 0 ? "Lion (wd " + weightDecay + ")" : "Lion";
        }
    }

    /**
     * Schedule-free AdamW (Defazio, Yang, Mehta, Mishchenko, Khaled and Cutkosky 2024, "The Road Less
     * Scheduled", arXiv:2405.15682; formulas and defaults of the authors' reference code,
     * facebookresearch/schedule_free, schedulefree/adamw_schedulefree_reference.py). A base sequence z takes
     * AdamW-like steps at a constant rate, x is the running average of z (the answer, what to evaluate), and
     * the gradient is taken at {@code y = beta1 x + (1 - beta1) z}, which the parameters hold while training.
     *
     * <p>The learning rate still comes from the run's schedule and is meant to be constant: the optimizer's
     * own linear warm-up over {@code warmupSteps} replaces a schedule, and the average x takes the place of
     * the decay. A schedule that is not constant is used as it is, as the reference uses {@code group['lr']}
     * at each step. The averaging weights are the square of the largest warmed-up rate so far (the
     * reference's {@code weight_lr_power} 2, {@code r} 0; both fixed here).
     *
     * @param beta1 the interpolation between the average x and the base sequence z at which gradients are
     *     taken, in [0, 1] (1: at x, "primal averaging"; 0: at z, Polyak averaging); default 0.9
     * @param beta2 decay of the second moment, in [0, 1); default 0.999
     * @param eps added to the bias-corrected {@code sqrt(v)}, > 0; default 1e-8
     * @param weightDecay decoupled weight decay, applied to z and evaluated at y, >= 0; default 0
     * @param warmupSteps steps of the optimizer's linear warm-up, >= 0; default 0
     */
    record ScheduleFreeAdam(double beta1, double beta2, double eps, double weightDecay, int warmupSteps)
            implements OptimizerSpec {
        /** Checks every field's range. */
        public ScheduleFreeAdam {
            Args.inRange("beta1", beta1, 0, 1);
            Args.inRangeExclusive("beta2", beta2, 0, 1);
            Args.positive("eps", eps);
            Args.nonNegative("weightDecay", weightDecay);
            Args.nonNegative("warmupSteps", warmupSteps);
        }

        /** The same with other betas (beta1 places y between x and z, beta2 decays the second moment). */
        public ScheduleFreeAdam withBetas(double b1, double b2) {
            return new ScheduleFreeAdam(b1, b2, eps, weightDecay, warmupSteps);
        }

        /** The same with eps {@code value}. */
        public ScheduleFreeAdam withEps(double value) {
            return new ScheduleFreeAdam(beta1, beta2, value, weightDecay, warmupSteps);
        }

        @Override
        public ScheduleFreeAdam withWeightDecay(double wd) {
            return new ScheduleFreeAdam(beta1, beta2, eps, wd, warmupSteps);
        }

        /** The same with a linear warm-up of the learning rate over {@code steps} steps (0: none). */
        public ScheduleFreeAdam withWarmupSteps(int steps) {
            return new ScheduleFreeAdam(beta1, beta2, eps, weightDecay, steps);
        }

        @Override
        public trainwell.optimizers.ScheduleFreeAdam fromScratch(Schedule lr) {
            return new trainwell.optimizers.ScheduleFreeAdam(null, lr, this);
        }

        @Override
        public TorchStyleOptimizer djl(TorchStyleOptimizer.Setup setup) {
            return new ScheduleFreeAdamOptimizer(setup, beta1, beta2, eps, warmupSteps);
        }

        /** "Schedule-free AdamW", "Schedule-free AdamW (wd 0.1)", "Schedule-free AdamW (wd 0.1, warmup 100)". */
        @Override
        public String toString() {
            String extra = (weightDecay > 0 ? ", wd " + weightDecay : "")
                    + (warmupSteps > 0 ? ", warmup " + warmupSteps : "");
            return extra.isEmpty() ? "Schedule-free AdamW" : "Schedule-free AdamW (" + extra.substring(2) + ")";
        }
    }

    /**
     * Muon, "MomentUm Orthogonalized by Newton-Schulz" (Keller Jordan 2024, kellerjordan.github.io/posts/muon;
     * reference code KellerJordan/Muon {@code muon.py}), for the hidden weight matrices of a network, with an
     * Adam-family optimizer for every other parameter.
     *
     * <p>One step on a rows x cols matrix with gradient g and momentum buffer b:
     * {@code b = lerp(b, g, 1 - momentum)}; the direction is {@code u = lerp(g, b, momentum)} with Nesterov,
     * else {@code u = b}; {@code u} is orthogonalized by {@code nsSteps} Newton-Schulz steps
     * ({@link NewtonSchulz}: every singular value pushed toward 1), multiplied by the {@link MuonScaling}
     * factor of the shape, and {@code p = p (1 - lr wd) - lr u}. Adam would move each entry on its own; Muon
     * moves the matrix in all its directions (singular vectors) by about the same amount, so rare directions
     * of the gradient are not drowned by the dominant ones.
     *
     * <p>Only hidden 2-D weight matrices use Muon: embeddings (tied or not), the output layer, LayerNorm gains
     * and biases, and all biases go to {@code adam} (the reference code says so: their gradients are not
     * "matrices acting on a hidden state"). {@link MuonOptimizer#usesMuon} is the rule, by name and shape.
     * Both optimizers take their learning rate from the same schedule (and the same parameter groups); with
     * {@link MuonScaling#MOONLIGHT}, the default, that one rate suits both (Liu et al. 2025, "Muon is Scalable
     * for LLM Training", arXiv 2502.16982). With {@link MuonScaling#REFERENCE} Muon's matrices want a larger
     * rate (about 0.02) than AdamW's parameters: give them a parameter group of their own with an lr multiplier.
     *
     * <p>PyTorch ships the same algorithm as {@code torch.optim.Muon} (2.9 and later, iteration in bfloat16,
     * {@code adjust_lr_fn} "original" or "match_rms_adamw" for the two scalings); lib/reference/muon.py checks
     * its own formulas against it. The reference code warns that Muon is unlikely to work well with small
     * batches.
     *
     * @param momentum the momentum (beta) of the buffer, in [0, 1); 0.95 in the reference
     * @param nesterov use the Nesterov direction {@code lerp(g, b, momentum)} (the reference's default)
     * @param nsSteps Newton-Schulz steps, > 0; 5 in the reference
     * @param weightDecay decoupled weight decay of the Muon matrices, >= 0
     * @param scaling how the orthogonalized update is sized for the matrix's shape
     * @param adam the optimizer of every parameter that is not a hidden matrix (default AdamW with the same
     *     weight decay)
     */
    record Muon(double momentum, boolean nesterov, int nsSteps, double weightDecay, MuonScaling scaling, Adam adam)
            implements OptimizerSpec {

        /** The reference's momentum. */
        static final double MOMENTUM = 0.95;

        /** Checks every field's range. */
        public Muon {
            Args.inRangeExclusive("momentum", momentum, 0, 1);
            Args.positive("nsSteps", nsSteps);
            Args.nonNegative("weightDecay", weightDecay);
            Args.notNull("scaling", scaling);
            Args.notNull("adam", adam);
        }

        /** The same with momentum {@code mu}. */
        public Muon withMomentum(double mu) {
            return new Muon(mu, nesterov, nsSteps, weightDecay, scaling, adam);
        }

        /** The same with the Nesterov direction on or off (off: the buffer itself is orthogonalized). */
        public Muon withNesterov(boolean on) {
            return new Muon(momentum, on, nsSteps, weightDecay, scaling, adam);
        }

        /** The same with {@code steps} Newton-Schulz steps. */
        public Muon withNsSteps(int steps) {
            return new Muon(momentum, nesterov, steps, weightDecay, scaling, adam);
        }

        /** The same with another scaling of the orthogonalized update. */
        public Muon withScaling(MuonScaling value) {
            return new Muon(momentum, nesterov, nsSteps, weightDecay, value, adam);
        }

        /**
         * The same with {@code value} for the parameters that are not hidden matrices; its weight decay is its
         * own, e.g. {@code muon(0.1).withAdam(adamW(0.01))} decays the matrices by 0.1 and the rest by 0.01.
         */
        public Muon withAdam(Adam value) {
            return new Muon(momentum, nesterov, nsSteps, weightDecay, scaling, value);
        }

        /** The same with weight decay {@code wd} for Muon's matrices and for the Adam parameters alike. */
        @Override
        public Muon withWeightDecay(double wd) {
            return new Muon(momentum, nesterov, nsSteps, wd, scaling, adam.withWeightDecay(wd));
        }

        /**
         * Not available: the teaching version of Muon works on a matrix, and a {@code double[]} point is a
         * vector, which Muon would hand to Adam. Use {@link trainwell.optimizers.Muon} for a matrix step,
         * or {@code adam().fromScratch(lr)} for the vector.
         */
        @Override
        public Optimizer fromScratch(Schedule lr) {
            throw new UnsupportedOperationException("Muon updates matrices, and a double[] point is a vector"
                    + " (Muon would hand it to " + adam + "): use trainwell.optimizers.Muon.step on a double[][]"
                    + " matrix, or adam().fromScratch(lr) for the vector");
        }

        @Override
        public TorchStyleOptimizer djl(TorchStyleOptimizer.Setup setup) {
            var adamSetup = new TorchStyleOptimizer.Setup(setup.learningRate(), adam.weightDecay(), setup.groups());
            return new MuonOptimizer(setup, momentum, nesterov, nsSteps, scaling, adam.djl(adamSetup));
        }

        /**
         * "Muon + AdamW (wd 0.1)"; settings other than the defaults in parentheses after "Muon", e.g.
         * "Muon (momentum 0.9, reference scaling, wd 0.05) + AdamW (wd 0.1)".
         */
        @Override
        public String toString() {
            List<String> extra = new ArrayList<>();
            if (momentum != MOMENTUM) {
                extra.add("momentum " + momentum);
            }
            if (!nesterov) {
                extra.add("no Nesterov");
            }
            if (nsSteps != NewtonSchulz.STEPS) {
                extra.add(nsSteps + " Newton-Schulz steps");
            }
            if (scaling != MuonScaling.MOONLIGHT) {
                extra.add(scaling.name().toLowerCase(Locale.ROOT) + " scaling");
            }
            if (weightDecay != adam.weightDecay()) {
                extra.add("wd " + weightDecay);
            }
            return (extra.isEmpty() ? "Muon" : "Muon (" + String.join(", ", extra) + ")") + " + " + adam;
        }
    }
}
