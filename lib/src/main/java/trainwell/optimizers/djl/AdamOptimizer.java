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
 * <p>AMSGrad (Reddi et al. 2018) divides by the largest second moment seen so far.
 *
 * <p>RAdam (Liu et al. 2020): while the variance estimate is unreliable (early steps, rho_t <= 5)
 * it takes plain bias-corrected momentum steps, afterwards Adam steps scaled by a rectification
 * factor: a built-in warmup. Its weight decay is coupled unless decoupled is set.
 */
public final class AdamOptimizer extends TorchStyleOptimizer {

    private final double beta1;
    private final double beta2;
    private final double eps;
    private final boolean decoupled;
    private final boolean amsgrad;
    private final boolean rectified;

    /**
     * An Adam-family optimizer; normally made by {@code OptimizerSpec.adam()/adamW(wd)/rAdam()}, which
     * holds the defaults and checks the ranges.
     */
    public AdamOptimizer(Setup setup, double beta1, double beta2, double eps, boolean decoupled, boolean amsgrad,
            boolean rectified) {
        super(setup);
        Args.check(!(amsgrad && rectified), "amsgrad", "is not available for RAdam", amsgrad);
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.eps = eps;
        this.decoupled = decoupled;
        this.amsgrad = amsgrad;
        this.rectified = rectified;
    }

    /** True for decoupled weight decay (AdamW, or RAdam with decoupledWeightDecay). */
    public boolean decoupled() {
        return decoupled;
    }

    @Override
    protected int stateArraysPerParameter() {
        return amsgrad ? 3 : 2; // m, v, and the largest v so far for AMSGrad
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
        if (amsgrad) {
            // torch.maximum(max_exp_avg_sq, exp_avg_sq, out=max_exp_avg_sq), then divide by its root
            NDArray vMax = state[2];
            vMax.maximum(v).copyTo(vMax);
            v = vMax;
        }
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
}
