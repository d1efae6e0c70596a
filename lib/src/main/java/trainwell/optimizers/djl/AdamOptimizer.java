package trainwell.optimizers.djl;

import ai.djl.ndarray.NDArray;
import trainwell.core.Args;

/**
 * The Adam family as in {@code torch.optim}: Adam, AdamW and RAdam (rectified).
 *
 * <p>Adam and AdamW differ only in where weight decay goes. Adam adds {@code wd * p} to the
 * gradient (coupled L2), so the decay is rescaled by the adaptive denominator like any gradient.
 * AdamW shrinks the weights directly, {@code p *= 1 - lr * wd}, before the Adam step (decoupled,
 * Loshchilov and Hutter 2019).
 *
 * <p>RAdam (Liu et al. 2020): while the variance estimate is unreliable (early steps, rho_t <= 5)
 * it takes plain bias-corrected momentum steps, afterwards Adam steps scaled by a rectification
 * factor: a built-in warmup. Its weight decay is coupled unless {@code decoupledWeightDecay(true)}.
 */
public final class AdamOptimizer extends TorchStyleOptimizer {

    private final double beta1;
    private final double beta2;
    private final double eps;
    private final boolean decoupled;
    private final boolean rectified;

    private AdamOptimizer(Builder b) {
        super(b);
        this.beta1 = b.beta1;
        this.beta2 = b.beta2;
        this.eps = b.eps;
        this.decoupled = b.decoupled;
        this.rectified = b.rectified;
    }

    /** A builder for Adam with coupled (L2) weight decay; betas (0.9, 0.999), eps 1e-8. */
    public static Builder withCoupledDecay() {
        return new Builder(false, false);
    }

    /** A builder for AdamW with decoupled weight decay; betas (0.9, 0.999), eps 1e-8. */
    public static Builder withDecoupledDecay() {
        return new Builder(true, false);
    }

    /** A builder for RAdam (coupled weight decay unless changed); betas (0.9, 0.999), eps 1e-8. */
    public static Builder rectified() {
        return new Builder(false, true);
    }

    /** True for decoupled weight decay (AdamW, or RAdam with decoupledWeightDecay). */
    public boolean decoupled() {
        return decoupled;
    }

    @Override
    protected int stateArraysPerParameter() {
        return 2;
    }

    @Override
    protected void apply(NDArray weight, NDArray grad, NDArray[] state, Step step) {
        NDArray d = grad;
        if (decoupled) {
            if (step.weightDecay() != 0) {
                weight.muli(scalar(weight, 1 - step.lr() * step.weightDecay()));
            }
        } else {
            d = withL2(grad, weight, step.weightDecay());
        }
        NDArray m = state[0];
        NDArray v = state[1];
        lerpInPlace(m, d, 1 - beta1);
        v.muli(scalar(v, beta2)).addi(scaledProduct(1 - beta2, d, d));
        int t = step.count();
        double biasCorrection1 = 1 - Math.pow(beta1, t);
        double biasCorrection2 = 1 - Math.pow(beta2, t);
        if (rectified) {
            applyRectified(weight, m, v, step.lr(), t, biasCorrection1, biasCorrection2);
            return;
        }
        double stepSize = step.lr() / biasCorrection1;
        NDArray denom = v.sqrt().divi(scalar(v, Math.sqrt(biasCorrection2))).addi(scalar(v, eps));
        weight.addi(scaledQuotient(-stepSize, m, denom));
    }

    private void applyRectified(NDArray weight, NDArray m, NDArray v, double lr, int t,
            double biasCorrection1, double biasCorrection2) {
        NDArray update = m.div((float) biasCorrection1).muli((float) lr);
        double rhoInf = 2 / (1 - beta2) - 1;
        double rhoT = rhoInf - 2 * t * Math.pow(beta2, t) / biasCorrection2;
        if (rhoT > 5.0) {
            double rect = Math.sqrt((rhoT - 4) * (rhoT - 2) * rhoInf / ((rhoInf - 4) * (rhoInf - 2) * rhoT));
            NDArray denom = v.sqrt().addi((float) eps);
            // PyTorch evaluates "scalar / tensor" as tensor.reciprocal() * scalar
            NDArray adaptiveLr = denom.onesLike().divi(denom).muli((float) Math.sqrt(biasCorrection2));
            update.muli(adaptiveLr).muli((float) rect);
        }
        weight.subi(update);
    }

    /** Adam-family settings. */
    public static final class Builder extends TorchStyleOptimizer.Builder<Builder> {
        private final boolean rectified;
        private boolean decoupled;
        private double beta1 = 0.9;
        private double beta2 = 0.999;
        private double eps = 1e-8;

        private Builder(boolean decoupled, boolean rectified) {
            this.decoupled = decoupled;
            this.rectified = rectified;
        }

        /** Decay rates of the first and second moment averages (default 0.9, 0.999). */
        public Builder betas(double b1, double b2) {
            this.beta1 = Args.inRangeExclusive("beta1", b1, 0, 1);
            this.beta2 = Args.inRangeExclusive("beta2", b2, 0, 1);
            return this;
        }

        /** The term added to the denominator for stability (default 1e-8). */
        public Builder eps(double value) {
            this.eps = Args.nonNegative("eps", value);
            return this;
        }

        /** Decoupled (AdamW-style) weight decay instead of L2 in the gradient. */
        public Builder decoupledWeightDecay(boolean on) {
            this.decoupled = on;
            return this;
        }

        @Override
        public AdamOptimizer build() {
            return new AdamOptimizer(this);
        }

        @Override
        protected Builder self() {
            return this;
        }
    }
}
