package trainwell.tuning;

import java.util.Arrays;
import trainwell.core.Args;

/**
 * The learning-rate sensitivity of Wortsman et al. 2023 ("Small-scale proxies for large-scale Transformer training
 * instabilities", arXiv 2309.14322): one number that summarises a curve of final loss against learning rate, by how
 * far the loss stays from the best loss when the rate varies over orders of magnitude. 0 means every rate reached the
 * best loss; {@code initialLoss - bestLoss} means only the best rate trained at all.
 *
 * <p>The formula used here:
 * <pre>
 *   sensitivity = mean over the rates of min(loss(rate), initialLoss)  -  min over the rates of the same
 * </pre>
 * where a run whose loss is NaN or infinite (it diverged) counts as {@code initialLoss}, and so does any loss above
 * it: a run that ends worse than it started is as useless as one that diverged. The paper defines the sensitivity as
 * an expectation over learning rates drawn log-uniformly from a range [a, b]; the mean over a grid of rates evenly
 * spaced in log(rate) estimates it. Pass such a grid.
 *
 * <p>Provenance: the paper's introduction, read in a stored copy, introduces the quantity as measuring "the deviation
 * from optimal performance when varying LR across orders of magnitude". Its exact definition could not be read in
 * any stored copy of the paper, so the form above is UNVERIFIED: it is the form of the course's research notes,
 * E over eta log-uniform in [a, b] of [min(l(eta), l0) - l(eta*)], with l0 the loss at initialization and eta* the
 * best rate. A third-party summary of the paper gives its range as a = 3e-4, b = 3e-1.
 *
 * <pre>{@code
 * double[] lrs = Search.logGrid(1e-3, 3e-1, 6);
 * double[] losses = ...;  // final validation loss of the run at each rate; NaN for a run that diverged
 * LrSensitivity s = LrSensitivity.of(lrs, losses, Math.log(vocabularySize));
 * s.value();  s.bestLr();
 * }</pre>
 *
 * @param value       the sensitivity (same unit as the losses; >= 0)
 * @param bestLr      the rate with the lowest capped loss (the first of equals)
 * @param bestLoss    that loss
 * @param initialLoss the loss at initialization every loss was capped at
 */
public record LrSensitivity(double value, double bestLr, double bestLoss, double initialLoss) {

    /**
     * The sensitivity of the curve {@code finalLosses[i]} at {@code lrs[i]}.
     *
     * @param lrs         the learning rates of the sweep, positive and increasing (evenly spaced in log(rate) for the
     *                    mean to estimate the log-uniform expectation)
     * @param finalLosses the final loss of the run at each rate; NaN or infinite for a run that diverged
     * @param initialLoss the loss at initialization (e.g. log(vocabulary size) for a language model), finite
     */
    public static LrSensitivity of(double[] lrs, double[] finalLosses, double initialLoss) {
        Args.notNull("lrs", lrs);
        Args.notNull("finalLosses", finalLosses);
        Args.check(lrs.length > 0, "lrs", "must hold at least one learning rate", "empty");
        Args.check(finalLosses.length == lrs.length, "finalLosses",
                "must hold one loss per learning rate (" + lrs.length + ")", finalLosses.length);
        for (int i = 0; i < lrs.length; i++) {
            Args.check(Double.isFinite(lrs[i]) && lrs[i] > 0 && (i == 0 || lrs[i] > lrs[i - 1]), "lrs",
                    "must be positive, finite and increasing", Arrays.toString(lrs));
        }
        Args.finite("initialLoss", initialLoss);
        int best = 0;
        double sum = 0;
        double[] capped = new double[finalLosses.length];
        for (int i = 0; i < capped.length; i++) {
            double l = finalLosses[i];
            capped[i] = Double.isFinite(l) ? Math.min(l, initialLoss) : initialLoss;
            sum += capped[i];
            if (capped[i] < capped[best]) {
                best = i;
            }
        }
        return new LrSensitivity(sum / capped.length - capped[best], lrs[best], capped[best], initialLoss);
    }
}
