package trainwell.tuning;

import java.util.Arrays;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.Table;
import trainwell.core.Args;

/**
 * The loss against the learning rate of a range test, smoothed, with the two rates one reads from it: the
 * rate at the minimum of the smoothed loss, and the suggested rate, ten times smaller.
 *
 * @param lr       the rate of each step, increasing
 * @param loss     the training loss of each step
 * @param smoothed the loss after a bias-corrected exponential moving average (the raw curve is noisy)
 */
public record RangeCurve(double[] lr, double[] loss, double[] smoothed) {

    /** Checks that the three arrays have the same non-zero length, and copies them. */
    public RangeCurve {
        Args.notNull("lr", lr);
        Args.notNull("loss", loss);
        Args.notNull("smoothed", smoothed);
        Args.check(lr.length > 0, "lr", "must not be empty", 0);
        Args.check(loss.length == lr.length && smoothed.length == lr.length, "loss",
                "must have as many values as lr (" + lr.length + ")", loss.length);
        lr = lr.clone();
        loss = loss.clone();
        smoothed = smoothed.clone();
    }

    /**
     * The curve of a range test's losses, smoothed with factor {@code beta} in [0, 1) (0 = raw; 0.9 averages
     * about the last ten steps). The average is bias-corrected so that the first steps are not pulled to 0.
     */
    public static RangeCurve of(double[] lr, double[] loss, double beta) {
        Args.notNull("loss", loss);
        Args.inRangeExclusive("beta", beta, 0, 1);
        double[] smoothed = new double[loss.length];
        double average = 0;
        for (int i = 0; i < loss.length; i++) {
            average = beta * average + (1 - beta) * loss[i];
            smoothed[i] = average / (1 - Math.pow(beta, i + 1));
        }
        return new RangeCurve(lr, loss, smoothed);
    }

    /** The curve of a run's history table (columns "lr" and "loss", e.g. {@code TrainingResult.history()}). */
    public static RangeCurve of(Table history, double beta) {
        Args.notNull("history", history);
        return of(history.numberColumn("lr").asDoubleArray(), history.numberColumn("loss").asDoubleArray(), beta);
    }

    /** The rate of each step (a copy). */
    @Override
    public double[] lr() {
        return lr.clone();
    }

    /** The raw loss of each step (a copy). */
    @Override
    public double[] loss() {
        return loss.clone();
    }

    /** The smoothed loss of each step (a copy). */
    @Override
    public double[] smoothed() {
        return smoothed.clone();
    }

    /** The index of the lowest finite smoothed loss. */
    public int minimumIndex() {
        int best = -1;
        for (int i = 0; i < smoothed.length; i++) {
            if (Double.isFinite(smoothed[i]) && (best < 0 || smoothed[i] < smoothed[best])) {
                best = i;
            }
        }
        Args.check(best >= 0, "smoothed", "holds no finite loss", Arrays.toString(smoothed));
        return best;
    }

    /** The rate at the minimum of the smoothed loss: the edge of stability, not the rate to train with. */
    public double minimumLr() {
        return lr[minimumIndex()];
    }

    /** The lowest smoothed loss. */
    public double minimumLoss() {
        return smoothed[minimumIndex()];
    }

    /** The suggested rate: a tenth of the rate at the minimum, where the loss still falls fast (Smith 2017). */
    public double suggestedLr() {
        return minimumLr() / 10;
    }

    /** The curve as a table with columns lr, loss and smoothed, ready for a plot with a log x axis. */
    public Table table() {
        return Table.create("range test", DoubleColumn.create("lr", lr), DoubleColumn.create("loss", loss),
                DoubleColumn.create("smoothed", smoothed));
    }
}
