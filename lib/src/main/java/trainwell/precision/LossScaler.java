package trainwell.precision;

import trainwell.core.Args;

/**
 * Dynamic loss scaling for float16 training, as PyTorch's {@code torch.amp.GradScaler} does it (Micikevicius
 * et al. 2018, "Mixed Precision Training"): multiply the loss by {@link #scale()} before the backward pass so
 * that small gradients do not underflow to zero in float16, divide the gradients by it before the update,
 * and adapt the scale. A step whose gradients hold an infinity or NaN is skipped and the scale is multiplied
 * by the backoff factor; after {@code growthInterval} good steps in a row it is multiplied by the growth
 * factor. PyTorch's defaults: initial scale 2^16, growth 2, backoff 0.5, interval 2000.
 */
public final class LossScaler {

    private final double growthFactor;
    private final double backoffFactor;
    private final int growthInterval;
    private double scale;
    private int goodSteps;
    private int skipped;

    /** A scaler with PyTorch's defaults. */
    public static LossScaler torchDefaults() {
        return new LossScaler(65536, 2, 0.5, 2000);
    }

    /**
     * A scaler starting at {@code initialScale}.
     *
     * @throws IllegalArgumentException naming the argument if a scale or factor is not positive, the growth
     *                                  factor is not above 1, the backoff not below 1, or the interval not positive
     */
    public LossScaler(double initialScale, double growthFactor, double backoffFactor, int growthInterval) {
        this.scale = Args.positive("initialScale", initialScale);
        Args.check(growthFactor > 1 && Double.isFinite(growthFactor), "growthFactor", "must be a finite number > 1", growthFactor);
        Args.check(backoffFactor > 0 && backoffFactor < 1, "backoffFactor", "must be in (0, 1)", backoffFactor);
        this.growthFactor = growthFactor;
        this.backoffFactor = backoffFactor;
        this.growthInterval = Args.positive("growthInterval", growthInterval);
    }

    /** The factor the loss is multiplied by now. */
    public double scale() {
        return scale;
    }

    /** Steps skipped so far because their gradients were not finite. */
    public int skippedSteps() {
        return skipped;
    }

    /**
     * Takes the gradients of the SCALED loss, returns them unscaled (a new array) if every one is finite, or
     * null if the step must be skipped; updates the scale either way.
     */
    public double[] unscaleOrSkip(double[] scaledGradients) {
        Args.notNull("scaledGradients", scaledGradients);
        double[] g = new double[scaledGradients.length];
        for (int i = 0; i < g.length; i++) {
            if (!Double.isFinite(scaledGradients[i])) {
                update(true);
                return null;
            }
            g[i] = scaledGradients[i] / scale;
        }
        update(false);
        return g;
    }

    /** Updates the scale after a step whose gradients were ({@code foundInf} false) or were not all finite. */
    public void update(boolean foundInf) {
        if (foundInf) {
            scale *= backoffFactor;
            goodSteps = 0;
            skipped++;
            return;
        }
        goodSteps++;
        if (goodSteps == growthInterval) {
            scale *= growthFactor;
            goodSteps = 0;
        }
    }
}
