package trainwell.results;

import trainwell.core.Args;

/** A metric column to summarize, and whether its best value is its minimum (a loss) or maximum (an accuracy). */
public record Metric(String column, boolean maximize) {

    /** Checks the column name. */
    public Metric {
        Args.notNull("column", column);
    }

    /** The same metric where larger values are better (accuracy, BLEU). */
    public Metric higherIsBetter() {
        return new Metric(column, true);
    }

    /** The better of two values by this metric's direction; NaN counts as no value. */
    double better(double a, double b) {
        if (Double.isNaN(a)) {
            return b;
        }
        if (Double.isNaN(b)) {
            return a;
        }
        return maximize ? Math.max(a, b) : Math.min(a, b);
    }
}
