package trainwell.experiments;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.LongFunction;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import trainwell.core.Args;
import trainwell.initialization.DeepMlp.Nonlinearity;
import trainwell.initialization.DeepMlp.WeightInit;
import trainwell.initialization.DeepMlp;
import trainwell.initialization.LayerStatistics;
import trainwell.models.TokenLoss;
import trainwell.results.Results;
import trainwell.training.Prediction;
import trainwell.training.TrainingTask;

/**
 * The experiments of the initialization lesson, one call each: per-layer spread of a deep MLP for several
 * initializations, symmetry breaking in a small MLP trained by gradient descent, and the activation std
 * per layer of a Transformer task's model at initialization.
 */
public final class InitExperiments {

    private InitExperiments() {}

    /**
     * One forward and backward pass of a {@link DeepMlp} per initialization, stacked: columns init, layer,
     * activationStd, gradientStd. Every initialization sees the same inputs and output signal (same seed).
     */
    public static Table mlpProfiles(Nonlinearity activation, int depth, int width, int batch, long seed,
            WeightInit... inits) {
        Args.check(inits != null && inits.length > 0, "inits", "must name at least one initialization", "none");
        List<Table> tables = new ArrayList<>();
        for (WeightInit init : inits) {
            Table t = new DeepMlp(depth, width, activation, init).run(batch, seed).table();
            String[] names = new String[t.rowCount()];
            java.util.Arrays.fill(names, label(init));
            t.insertColumn(0, StringColumn.create("init", names));
            tables.add(t);
        }
        return Results.concat("deep MLP (" + label(activation) + ")", tables);
    }

    /** The lower-case label of an initialization, e.g. "too_small" becomes "too small". */
    public static String label(Enum<?> value) {
        return value.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
    }

    /**
     * The result of training a one-hidden-layer MLP from one initialization.
     *
     * @param init         the weight initialization (biases start at 0)
     * @param hiddenUnits  units in the hidden layer
     * @param distinctRows how many different rows the first weight matrix has after training (1: all units
     *                     are copies of one unit)
     * @param initialLoss  mean squared error before training
     * @param finalLoss    mean squared error after training
     */
    public record SymmetryResult(WeightInit init, int hiddenUnits, int distinctRows, double initialLoss,
            double finalLoss) {}

    /**
     * Trains a small tanh MLP (4 inputs, {@code hidden} units, 1 output, biases) by full-batch gradient
     * descent on a fixed nonlinear regression task (256 points) from each initialization, and counts the
     * distinct rows of its first weight matrix afterwards. Zero and constant initializations give every
     * hidden unit the same gradient, so the units stay copies of each other however long they train.
     */
    public static List<SymmetryResult> symmetry(int hidden, int steps, double lr, long seed, WeightInit... inits) {
        Args.positive("hidden", hidden);
        Args.positive("steps", steps);
        Args.positive("lr", lr);
        Args.check(inits != null && inits.length > 0, "inits", "must name at least one initialization", "none");
        // Independent trainings in plain Java: side by side, one per core, results in the order of inits.
        List<String> names = new ArrayList<>();
        List<java.util.concurrent.Callable<SymmetryResult>> jobs = new ArrayList<>();
        for (WeightInit init : inits) {
            names.add(label(init));
            jobs.add(() -> new SmallMlp(hidden, init, new Random(seed)).train(steps, lr, new Random(seed + 1)));
        }
        return List.copyOf(trainwell.core.Parallel.map(names, jobs, trainwell.core.Parallel.level(), null));
    }

    /** The symmetry results as a table: init, hiddenUnits, distinctRows, initialLoss, finalLoss. */
    public static Table symmetryTable(List<SymmetryResult> results) {
        Args.notNull("results", results);
        return Table.create("symmetry breaking",
                StringColumn.create("init", results.stream().map(r -> label(r.init())).toList()),
                IntColumn.create("hiddenUnits", results.stream().mapToInt(SymmetryResult::hiddenUnits).toArray()),
                IntColumn.create("distinctRows", results.stream().mapToInt(SymmetryResult::distinctRows).toArray()),
                DoubleColumn.create("initialLoss", results.stream().mapToDouble(SymmetryResult::initialLoss).toArray()),
                DoubleColumn.create("finalLoss", results.stream().mapToDouble(SymmetryResult::finalLoss).toArray()));
    }

    /**
     * The statistics of {@link LayerStatistics#measure} for a task's model on one training batch (dropout
     * off): the mean and std of every layer's output and every parameter's gradient at this moment.
     */
    public static Table layerStatistics(TrainingTask task, int batchSize, long seed) {
        Args.notNull("task", task);
        Args.positive("batchSize", batchSize);
        Random random = new Random(seed);
        return LayerStatistics.measure(task.model(), task.manager(), ps -> {
            Prediction p = task.trainBatch(ps.getManager(), ps, 0, batchSize, random, false);
            return TokenLoss.crossEntropy(p.logits(), p.labels(), task.ignoreIndex());
        });
    }

    /**
     * For each named task (built after seeding DJL with {@code seed}, measured, closed): the std of the
     * embedding output (depth 0) and of the residual stream after each layer (depth 1, 2, ...). Columns
     * run, depth, layer, std.
     */
    public static Table activationProfiles(Map<String, ? extends LongFunction<? extends TrainingTask>> tasks,
            int batchSize, long seed) {
        return profiles("activation std per layer", tasks, batchSize, seed, LayerStatistics.ACTIVATION, "");
    }

    /**
     * For each named task (seeded, measured, closed like {@link #activationProfiles}): the std of the
     * gradient of every parameter whose dotted name ends with {@code parameterSuffix} (e.g.
     * "ffn.out.weight"), numbered by depth from 1 in the order of the model. Columns run, depth, layer, std.
     */
    public static Table gradientProfiles(Map<String, ? extends LongFunction<? extends TrainingTask>> tasks,
            int batchSize, long seed, String parameterSuffix) {
        Args.notNull("parameterSuffix", parameterSuffix);
        return profiles("gradient std per layer", tasks, batchSize, seed, LayerStatistics.GRADIENT, parameterSuffix);
    }

    private static Table profiles(String title, Map<String, ? extends LongFunction<? extends TrainingTask>> tasks,
            int batchSize, long seed, String kind, String suffix) {
        Args.notNull("tasks", tasks);
        Args.check(!tasks.isEmpty(), "tasks", "must name at least one task", tasks);
        StringColumn run = StringColumn.create("run");
        IntColumn depth = IntColumn.create("depth");
        StringColumn layer = StringColumn.create("layer");
        DoubleColumn std = DoubleColumn.create("std");
        for (Map.Entry<String, ? extends LongFunction<? extends TrainingTask>> e : tasks.entrySet()) {
            try (TrainingTask task = trainwell.models.RunRandomness.seeded(seed, () -> e.getValue().apply(seed))) {
                Table t = layerStatistics(task, batchSize, seed);
                Table rows = t.where(t.stringColumn("kind").isEqualTo(kind).and(t.stringColumn("layer").endsWith(suffix)));
                int first = kind.equals(LayerStatistics.ACTIVATION) ? 0 : 1;
                for (int i = 0; i < rows.rowCount(); i++) {
                    run.append(e.getKey());
                    depth.append(first + i);
                    layer.append(rows.stringColumn("layer").get(i));
                    std.append(rows.doubleColumn("std").get(i));
                }
            }
        }
        return Table.create(title, run, depth, layer, std);
    }

    /** A 4-16-1 tanh MLP with biases, trained on a fixed regression task by full-batch gradient descent. */
    private static final class SmallMlp {
        private static final int INPUTS = 4;
        private static final int POINTS = 256;
        private final int hidden;
        private final WeightInit init;
        private final double[][] w1;
        private final double[] b1;
        private final double[] w2;
        private double b2;

        SmallMlp(int hidden, WeightInit init, Random random) {
            this.hidden = hidden;
            this.init = init;
            this.w1 = new double[hidden][];
            for (int j = 0; j < hidden; j++) {
                w1[j] = draw(init, INPUTS, hidden, INPUTS, random);
            }
            this.b1 = new double[hidden];
            this.w2 = draw(init, hidden, 1, hidden, random);
        }

        /** n weights of a layer with the given fans. */
        private static double[] draw(WeightInit init, int fanIn, int fanOut, int n, Random random) {
            double[] w = new double[n];
            double std = switch (init) {
                case ZERO, CONSTANT -> 0;
                case TOO_SMALL -> 0.01;
                case TOO_LARGE -> 1;
                case XAVIER -> Math.sqrt(2.0 / (fanIn + fanOut));
                case XAVIER_TANH_GAIN -> DeepMlp.TANH_GAIN * Math.sqrt(2.0 / (fanIn + fanOut));
                case HE -> Math.sqrt(2.0 / fanIn);
            };
            for (int i = 0; i < n; i++) {
                w[i] = init == WeightInit.CONSTANT ? 1.0 / fanIn : random.nextGaussian() * std;
            }
            return w;
        }

        SymmetryResult train(int steps, double lr, Random data) {
            double[][] x = new double[POINTS][INPUTS];
            double[] y = new double[POINTS];
            for (int n = 0; n < POINTS; n++) {
                for (int i = 0; i < INPUTS; i++) {
                    x[n][i] = data.nextGaussian();
                }
                // A target no single tanh unit can fit: it needs several different hidden units.
                y[n] = Math.sin(x[n][0] - x[n][1]) + 0.5 * x[n][2] * x[n][3];
            }
            double initial = step(x, y, 0);
            for (int s = 0; s < steps; s++) {
                step(x, y, lr);
            }
            return new SymmetryResult(init, hidden, distinctRows(), initial, step(x, y, 0));
        }

        /** One full-batch step with learning rate lr (0: only measure); returns the loss before the step. */
        private double step(double[][] x, double[] y, double lr) {
            double[][] gw1 = new double[hidden][INPUTS];
            double[] gb1 = new double[hidden];
            double[] gw2 = new double[hidden];
            double gb2 = 0;
            double loss = 0;
            double[] h = new double[hidden];
            for (int n = 0; n < POINTS; n++) {
                double out = b2;
                for (int j = 0; j < hidden; j++) {
                    double z = b1[j];
                    for (int i = 0; i < INPUTS; i++) {
                        z += w1[j][i] * x[n][i];
                    }
                    h[j] = Math.tanh(z);
                    out += w2[j] * h[j];
                }
                double err = out - y[n];
                loss += err * err / POINTS;
                double dOut = 2 * err / POINTS;
                gb2 += dOut;
                for (int j = 0; j < hidden; j++) {
                    gw2[j] += dOut * h[j];
                    double dz = dOut * w2[j] * (1 - h[j] * h[j]);
                    gb1[j] += dz;
                    for (int i = 0; i < INPUTS; i++) {
                        gw1[j][i] += dz * x[n][i];
                    }
                }
            }
            b2 -= lr * gb2;
            for (int j = 0; j < hidden; j++) {
                w2[j] -= lr * gw2[j];
                b1[j] -= lr * gb1[j];
                for (int i = 0; i < INPUTS; i++) {
                    w1[j][i] -= lr * gw1[j][i];
                }
            }
            return loss;
        }

        /** Rows of w1 that differ from every earlier distinct row by more than 1e-9 somewhere. */
        private int distinctRows() {
            List<double[]> kept = new ArrayList<>();
            for (double[] row : w1) {
                boolean seen = kept.stream().anyMatch(k -> {
                    for (int i = 0; i < row.length; i++) {
                        if (Math.abs(row[i] - k[i]) > 1e-9) {
                            return false;
                        }
                    }
                    return true;
                });
                if (!seen) {
                    kept.add(row);
                }
            }
            return kept.size();
        }
    }
}
