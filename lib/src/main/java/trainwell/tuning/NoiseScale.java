package trainwell.tuning;

import java.util.Random;
import trainwell.core.Args;
import trainwell.training.Gradients;
import trainwell.training.TrainingTask;

/**
 * The simple gradient noise scale of McCandlish et al. (2018, "An Empirical Model of Large-Batch Training",
 * arXiv 1812.06162): B_simple = tr(Sigma) / |G|^2, where G is the true (full-data) gradient and Sigma the
 * covariance of one example's gradient. Batches much smaller than B_simple are dominated by noise (doubling
 * the batch nearly halves the steps needed); batches much larger waste compute.
 *
 * <p>Estimated from squared gradient norms at two batch sizes, as in their Appendix A: the mean of B i.i.d.
 * example gradients has E|G_B|^2 = |G|^2 + tr(Sigma) / B, so two batch sizes give two equations:
 * |G|^2 = (B_big |G_big|^2 - B_small |G_small|^2) / (B_big - B_small) and
 * tr(Sigma) = (|G_small|^2 - |G_big|^2) / (1 / B_small - 1 / B_big). Each is unbiased; their ratio is not,
 * so average the squared norms over many batches first ({@link #fromMeans}) and take the ratio last.
 *
 * @param gradientSquared the estimate of |G|^2
 * @param traceSigma      the estimate of tr(Sigma)
 * @param smallBatch      the smaller batch size used
 * @param bigBatch        the larger batch size used
 */
public record NoiseScale(double gradientSquared, double traceSigma, int smallBatch, int bigBatch) {

    /**
     * The estimates from the mean squared gradient norm at each of two batch sizes.
     *
     * @throws IllegalArgumentException naming the argument if a batch size is not positive, the batches are not
     *                                  ordered, or a norm is negative or not finite
     */
    public static NoiseScale fromMeans(double smallNormSquared, int smallBatch, double bigNormSquared, int bigBatch) {
        Args.nonNegative("smallNormSquared", smallNormSquared);
        Args.nonNegative("bigNormSquared", bigNormSquared);
        Args.positive("smallBatch", smallBatch);
        Args.check(bigBatch > smallBatch, "bigBatch", "must be larger than smallBatch (" + smallBatch + ")", bigBatch);
        double g2 = ((double) bigBatch * bigNormSquared - (double) smallBatch * smallNormSquared) / (bigBatch - smallBatch);
        double trace = (smallNormSquared - bigNormSquared) / (1.0 / smallBatch - 1.0 / bigBatch);
        return new NoiseScale(g2, trace, smallBatch, bigBatch);
    }

    /**
     * Measures the noise scale of {@code task}'s model as it is now: {@code smallSamples} squared gradient norms
     * on batches of {@code smallBatch}, then {@code bigSamples} on batches of {@code bigBatch}, the batches drawn
     * with {@code random} ({@link Gradients#squaredNorm}); the model is not changed.
     */
    public static NoiseScale measure(TrainingTask task, int smallBatch, int smallSamples, int bigBatch, int bigSamples,
            Random random) {
        Args.notNull("task", task);
        Args.positive("smallSamples", smallSamples);
        Args.positive("bigSamples", bigSamples);
        Args.positive("smallBatch", smallBatch);
        Args.check(bigBatch > smallBatch, "bigBatch", "must be larger than smallBatch (" + smallBatch + ")", bigBatch);
        double[] small = new double[smallSamples];
        for (int i = 0; i < smallSamples; i++) {
            small[i] = Gradients.squaredNorm(task, smallBatch, random);
        }
        double[] big = new double[bigSamples];
        for (int i = 0; i < bigSamples; i++) {
            big[i] = Gradients.squaredNorm(task, bigBatch, random);
        }
        return fromSamples(small, smallBatch, big, bigBatch);
    }

    /** The estimates from several squared norms measured at each batch size (each averaged first). */
    public static NoiseScale fromSamples(double[] smallNormsSquared, int smallBatch, double[] bigNormsSquared, int bigBatch) {
        return fromMeans(mean("smallNormsSquared", smallNormsSquared), smallBatch, mean("bigNormsSquared", bigNormsSquared),
                bigBatch);
    }

    /**
     * B_simple = tr(Sigma) / |G|^2; infinite when |G|^2 is estimated at or below 0 (noise dominates), negative
     * when tr(Sigma) is estimated below 0 (too few batches measured: the estimate means nothing yet).
     */
    public double simple() {
        return gradientSquared <= 0 ? Double.POSITIVE_INFINITY : traceSigma / gradientSquared;
    }

    private static double mean(String name, double[] v) {
        Args.check(v != null && v.length > 0, name, "must hold at least one value", v == null ? null : 0);
        double s = 0;
        for (double x : v) {
            s += Args.nonNegative(name + " value", x);
        }
        return s / v.length;
    }
}
