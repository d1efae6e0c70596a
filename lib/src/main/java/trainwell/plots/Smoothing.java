package trainwell.plots;

import trainwell.core.Args;

/** Smoothing of noisy curves such as per-step losses. */
public final class Smoothing {

    private Smoothing() {}

    /**
     * Exponential moving average with bias correction, as TensorBoard's smoothing slider does.
     *
     * <p>{@code m_t = weight * m_{t-1} + (1 - weight) * y_t} starting from {@code m = 0}, reported as
     * {@code m_t / (1 - weight^(t+1))}. The correction removes the pull towards 0 at the start (same
     * idea as Adam's bias correction), so the first smoothed value equals the first raw value.
     * NaN inputs stay NaN in the output and leave the average unchanged (a diverged step is a gap,
     * not a value). {@code weight} 0 returns a copy; values near 1 smooth more.
     */
    public static double[] ema(double[] ys, double weight) {
        Args.notNull("ys", ys);
        Args.inRangeExclusive("weight", weight, 0, 1);
        double[] out = new double[ys.length];
        double m = 0;
        double decay = 1; // weight^(number of values averaged so far)
        for (int i = 0; i < ys.length; i++) {
            if (Double.isNaN(ys[i])) {
                out[i] = Double.NaN;
                continue;
            }
            m = weight * m + (1 - weight) * ys[i];
            decay *= weight;
            out[i] = m / (1 - decay);
        }
        return out;
    }
}
