package trainwell.optimizers.djl;

import ai.djl.ndarray.NDArray;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
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
 *
 * <p><b>Looking inside.</b> {@link #secondMoment} copies a parameter's second-moment estimate v out, and
 * {@link #recordRmsRatios} makes the updates record how far each parameter's squared gradient is above its v (the
 * "RMS" of Wortsman et al. 2023, see {@link RmsRatio}), which {@code trainwell.training.AdamRmsRatio} plots.
 */
public final class AdamOptimizer extends TorchStyleOptimizer {

    private final double beta1;
    private final double beta2;
    private final double eps;
    private final boolean decoupled;
    private final boolean amsgrad;
    private final boolean rectified;
    private volatile boolean recording;
    private final Map<String, RmsRatio> recorded = new ConcurrentHashMap<>();

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

    /**
     * A copy of the parameter's second-moment estimate v_t after its latest update (PyTorch's
     * {@code state['exp_avg_sq']}: the running average of squared gradients, not bias-corrected), in the
     * parameter's element order; empty before its first update. Changing the copy changes nothing.
     */
    public Optional<double[]> secondMoment(String parameterId) {
        return stateCopy(parameterId, 1);
    }

    /**
     * Switches recording of {@link RmsRatio}s on or off, from the next update on. Recording costs one transfer of
     * a number from the engine per parameter and update; off (the default) costs nothing.
     */
    public void recordRmsRatios(boolean on) {
        recording = on;
    }

    /** True while updates record {@link RmsRatio}s. */
    public boolean recordsRmsRatios() {
        return recording;
    }

    /**
     * The ratios recorded since the last call, by parameter ID (a parameter updated twice keeps its latest), and
     * forgets them.
     */
    public Map<String, RmsRatio> takeRmsRatios() {
        Map<String, RmsRatio> out = new LinkedHashMap<>();
        for (String id : recorded.keySet()) {
            RmsRatio r = recorded.remove(id);
            if (r != null) {
                out.put(id, r);
            }
        }
        return out;
    }

    /**
     * How much larger one update's squared gradients were than Adam's estimate of them, for one parameter:
     * {@code RMS_t = sqrt(mean over the parameter's elements of g_t^2 / max(u_t, eps^2))}, from Wortsman et al.
     * 2023, "Stable and low-precision training for large-scale vision-language models" (arXiv 2304.13013,
     * section 3.4), where it is the signal that precedes loss spikes, and the quantity StableAdamW's update
     * clipping divides the learning rate by.
     *
     * <p>What each symbol is here, and where it comes from. Verified against the authors' reference code
     * (Wortsman's {@code StableAdamWUnfused}, the gist linked from the paper; read, not copied): g_t is the
     * gradient that entered this update's moments; u_t is the second moment <i>after</i> it took g_t in, and
     * bias-corrected ({@code v_t / (1 - beta2^t)}: the reference updates u with a step-dependent beta2 that keeps
     * it bias-corrected, which is the same number); eps is the optimizer's eps, and it enters as a floor eps^2 on
     * u_t, not added to sqrt(u_t). The paper's abstract states the finding (loss spikes follow 1-8 steps after
     * the squared gradients become under-estimated by AdamW's second moment estimator); the text of section 3.4
     * itself was not available to check symbol by symbol. Assumed (our choices): with L2 weight decay (Adam,
     * not AdamW) g_t includes the decay term {@code wd * w}, since that is what entered v; under AMSGrad u_t is
     * the largest v so far, the one the update divides by; gradients of zero (embedding rows a batch did not
     * use) count as zeros in the mean, as in the reference.
     *
     * <p>How to read it: with a steady gradient the ratio is near 1. When a gradient grows suddenly, v lags
     * (its memory is about {@code 1 / (1 - beta2)} steps) and the ratio jumps above 1; because u_t already
     * contains {@code (1 - beta2) g_t^2}, each element is at most {@code (1 - beta2^t) / (1 - beta2)}, so the
     * RMS is at most about 31.6 with beta2 = 0.999 and 4.5 with 0.95.
     *
     * @param update the parameter's update number t, from 1
     * @param elements the parameter's number of elements (to pool several parameters: weight the mean squares)
     * @param meanSquare the mean of g_t^2 / max(u_t, eps^2) (computed in float32)
     */
    public record RmsRatio(int update, long elements, double meanSquare) {
        /** The RMS ratio itself, {@code sqrt(meanSquare)}. */
        public double rms() {
            return Math.sqrt(meanSquare);
        }
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
            record(step, d, v, biasCorrection2);
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
        record(step, d, v, biasCorrection2);
        NDArray denom = v.sqrt().divi(scalar(v, Math.sqrt(biasCorrection2))).addi(scalar(v, eps));
        weight.addi(scaledQuotient(-stepSize, m, denom));
    }

    /** While recording: the mean of d^2 / max(v / biasCorrection2, eps^2), see {@link RmsRatio}. */
    private void record(Step step, NDArray d, NDArray v, double biasCorrection2) {
        if (!recording) {
            return;
        }
        NDArray floor = scalar(v, eps * eps);
        NDArray corrected = v.div(scalar(v, biasCorrection2)).maximum(floor);
        double meanSquare = d.square().divi(corrected).mean().getFloat();
        recorded.put(step.parameterId(), new RmsRatio(step.count(), d.size(), meanSquare));
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
