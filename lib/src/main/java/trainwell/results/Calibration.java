package trainwell.results;

import java.util.Arrays;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import trainwell.core.Args;

/**
 * How well a classifier's confidence matches its accuracy (Guo et al. 2017, "On Calibration of Modern
 * Neural Networks"): for each prediction, the probability it gave its top class and whether that class
 * was right. A calibrated model is right 80% of the time when it says 0.8.
 *
 * <pre>{@code
 * Calibration c = Calibration.of("eps 0.1", confidences, correct);
 * double ece = c.expectedCalibrationError(10);
 * Plots.line("Reliability").table(c.reliability(10), "confidence", "accuracy", "model").show();
 * }</pre>
 *
 * @param name       a label for tables and legends, e.g. "eps 0.1"
 * @param confidence the top-class probability of each prediction, in [0, 1]
 * @param correct    whether each prediction's top class was the label
 */
public record Calibration(String name, double[] confidence, boolean[] correct) {

    /** Checks that both arrays have one entry per prediction and confidences lie in [0, 1]; copies them. */
    public Calibration {
        Args.notNull("name", name);
        Args.notNull("confidence", confidence);
        Args.notNull("correct", correct);
        Args.check(confidence.length == correct.length, "correct",
                "must have one entry per confidence (" + confidence.length + ")", correct.length + " entries");
        Args.check(confidence.length > 0, "confidence", "must hold at least one prediction", "none");
        for (int i = 0; i < confidence.length; i++) {
            if (!(confidence[i] >= 0 && confidence[i] <= 1)) { // the name is built only for a bad value
                Args.inRange("confidence[" + i + "]", confidence[i], 0, 1);
            }
        }
        confidence = confidence.clone();
        correct = correct.clone();
    }

    /** The calibration of these predictions, named {@code name}. */
    public static Calibration of(String name, double[] confidence, boolean[] correct) {
        return new Calibration(name, confidence, correct);
    }

    /** A copy of the confidences (the record keeps its own). */
    @Override
    public double[] confidence() {
        return confidence.clone();
    }

    /** A copy of the right/wrong flags (the record keeps its own). */
    @Override
    public boolean[] correct() {
        return correct.clone();
    }

    /** Number of predictions. */
    public int size() {
        return confidence.length;
    }

    /** Fraction of predictions whose top class was right. */
    public double accuracy() {
        int hits = 0;
        for (boolean c : correct) {
            hits += c ? 1 : 0;
        }
        return (double) hits / correct.length;
    }

    /** Mean top-class probability. */
    public double meanConfidence() {
        return Arrays.stream(confidence).average().orElseThrow();
    }

    /**
     * Expected calibration error over {@code bins} equal-width confidence bins:
     * sum over bins of (bin size / n) * |accuracy in bin - mean confidence in bin|. 0 is perfect;
     * a model that says 0.9 and is right half the time scores 0.4.
     */
    public double expectedCalibrationError(int bins) {
        double[][] b = binned(bins);
        double ece = 0;
        for (double[] bin : b) {
            if (bin[0] > 0) {
                ece += bin[0] / confidence.length * Math.abs(bin[2] / bin[0] - bin[1] / bin[0]);
            }
        }
        return ece;
    }

    /**
     * The reliability diagram's data: one row per non-empty bin with columns {@code model} (the name),
     * {@code bin} (its upper edge), {@code count}, {@code confidence} (mean in the bin) and
     * {@code accuracy} (fraction right in the bin). Plot accuracy against confidence next to the diagonal.
     */
    public Table reliability(int bins) {
        double[][] b = binned(bins);
        StringColumn model = StringColumn.create("model");
        DoubleColumn edge = DoubleColumn.create("bin");
        IntColumn count = IntColumn.create("count");
        DoubleColumn conf = DoubleColumn.create("confidence");
        DoubleColumn acc = DoubleColumn.create("accuracy");
        for (int i = 0; i < bins; i++) {
            if (b[i][0] > 0) {
                model.append(name);
                edge.append((i + 1.0) / bins);
                count.append((int) b[i][0]);
                conf.append(b[i][1] / b[i][0]);
                acc.append(b[i][2] / b[i][0]);
            }
        }
        return Table.create("reliability of " + name, model, edge, count, conf, acc);
    }

    /** Per bin: count, sum of confidences, number right. Bin i holds (i/bins, (i+1)/bins]; 0 goes to bin 0. */
    private double[][] binned(int bins) {
        Args.positive("bins", bins);
        double[][] b = new double[bins][3];
        for (int i = 0; i < confidence.length; i++) {
            // ceil(c * bins) - 1 puts a confidence equal to an upper edge in the bin it closes, as is usual.
            int k = Math.max(0, Math.min(bins - 1, (int) Math.ceil(confidence[i] * bins) - 1));
            b[k][0]++;
            b[k][1] += confidence[i];
            b[k][2] += correct[i] ? 1 : 0;
        }
        return b;
    }

    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT, "Calibration[%s: %d predictions, accuracy %.3f, mean confidence %.3f]",
                name, size(), accuracy(), meanConfidence());
    }
}
