package trainwell.optimizers;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.function.LongFunction;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;
import trainwell.core.Args;
import trainwell.core.Parallel;

/**
 * Full-batch gradient descent against mini-batch SGD on a least-squares problem, measured on the axis the
 * question is about: the excess loss against the number of <em>examples processed</em> (epochs), not steps.
 * Every batch size runs every learning rate of a grid on every seed (a fresh problem and a fresh shuffle per
 * seed, the same ones for every rate and batch size), from w = 0, with a constant rate and reshuffling each
 * epoch; a batch size equal to N is full-batch GD.
 *
 * <pre>{@code
 * var race = BatchRace.on(seed -> LeastSquares.synthetic(1024, 20, 100, 0.5, seed))
 *         .batchSizes(1, 8, 32, 1024).rates(rates).epochs(16).seeds(1, 2, 3, 4, 5).run();
 * double[] gd = race.best(1024, 1.0);   // GD at its best rate for a budget of one epoch, per seed
 * }</pre>
 */
public final class BatchRace {

    /** A run whose loss exceeds this multiple of its starting loss (or is not finite) counts as diverged. */
    static final double EXPLOSION = 1e6;

    private final LongFunction<LeastSquares> problems;
    private int[] batchSizes = {1, 8, 32};
    private double[] rates = {0.01, 0.1, 1};
    private int epochs = 8;
    private int checkpointsPerEpoch = 4;
    private long[] seeds = {1, 2, 3};

    private BatchRace(LongFunction<LeastSquares> problems) {
        this.problems = Args.notNull("problems", problems);
    }

    /** A race on the problems made from each seed. */
    public static BatchRace on(LongFunction<LeastSquares> problems) {
        return new BatchRace(problems);
    }

    /** The batch sizes (each >= 1 and dividing N / checkpointsPerEpoch, or equal to N for full-batch GD). */
    public BatchRace batchSizes(int... sizes) {
        Args.notNull("sizes", sizes);
        Args.check(sizes.length > 0, "sizes", "must not be empty", "none");
        for (int b : sizes) {
            Args.positive("batch size", b);
        }
        this.batchSizes = sizes.clone();
        return this;
    }

    /** The grid of constant learning rates every batch size tries. */
    public BatchRace rates(double... rates) {
        Args.notNull("rates", rates);
        Args.check(rates.length > 0, "rates", "must not be empty", "none");
        for (double r : rates) {
            Args.positive("rate", r);
        }
        this.rates = rates.clone();
        return this;
    }

    /** The budget in epochs (passes over the N examples). */
    public BatchRace epochs(int epochs) {
        this.epochs = Args.positive("epochs", epochs);
        return this;
    }

    /** How often per epoch the excess loss is measured (default 4). */
    public BatchRace checkpointsPerEpoch(int checkpoints) {
        this.checkpointsPerEpoch = Args.positive("checkpoints", checkpoints);
        return this;
    }

    /** The seeds; each gives its own problem and shuffles. */
    public BatchRace seeds(long... seeds) {
        Args.notNull("seeds", seeds);
        Args.check(seeds.length > 0, "seeds", "must not be empty", "none");
        this.seeds = seeds.clone();
        return this;
    }

    /** Runs every batch size x rate x seed and returns the excess loss at every checkpoint. */
    public Result run() {
        int checkpoints = epochs * checkpointsPerEpoch;
        // excess[b][r][s][c]: checkpoint c = 0 .. checkpoints (0 is the start).
        double[][][][] excess = new double[batchSizes.length][rates.length][seeds.length][];
        int n = -1;
        List<String> names = new ArrayList<>();
        List<Callable<Void>> jobs = new ArrayList<>();
        for (int s = 0; s < seeds.length; s++) {
            LeastSquares problem = Args.notNull("problem of seed " + seeds[s], problems.apply(seeds[s]));
            if (n < 0) {
                n = problem.examples();
            }
            Args.check(problem.examples() == n, "problems", "must all have the same number of examples (" + n + ")",
                    problem.examples());
            Args.check(n % checkpointsPerEpoch == 0, "checkpointsPerEpoch",
                    "must divide the number of examples (" + n + ")", checkpointsPerEpoch);
            for (int b = 0; b < batchSizes.length; b++) {
                int batch = batchSizes[b];
                Args.check(batch == n || (batch < n && (n / checkpointsPerEpoch) % batch == 0), "batch size",
                        "must equal N (" + n + ") or divide N / checkpointsPerEpoch (" + n / checkpointsPerEpoch + ")",
                        batch);
                for (int r = 0; r < rates.length; r++) {
                    int bi = b;
                    int ri = r;
                    int si = s;
                    long seed = seeds[s];
                    double rate = rates[r];
                    names.add("batch " + batch + ", rate " + rate + ", seed " + seed);
                    jobs.add(() -> {
                        excess[bi][ri][si] = runOne(problem, batch, rate, seed, checkpoints);
                        return null;
                    });
                }
            }
        }
        // Every (batch size, rate, seed) is independent and reads its problem only: side by side, one per core.
        Parallel.map(names, jobs, Parallel.level(), null);
        return new Result(batchSizes.clone(), rates.clone(), seeds.clone(), n, checkpointsPerEpoch, excess);
    }

    private double[] runOne(LeastSquares problem, int batch, double lr, long seed, int checkpoints) {
        int n = problem.examples();
        int d = problem.features();
        double[] w = new double[d];
        double[] g = new double[d];
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Random shuffle = new Random(seed * 1_000_003L + 17);
        double[] out = new double[checkpoints + 1];
        double start = problem.loss(w);
        out[0] = problem.excessLoss(w);
        long examplesDone = 0;
        int position = n;                       // forces a shuffle before the first batch
        boolean diverged = false;
        for (int c = 1; c <= checkpoints; c++) {
            long target = (long) c * n / checkpointsPerEpoch;
            while (!diverged && examplesDone + batch <= target) {
                if (position + batch > n) {
                    shuffle(order, shuffle);
                    position = 0;
                }
                problem.gradient(w, order, position, position + batch, g);
                for (int j = 0; j < d; j++) {
                    w[j] -= lr * g[j];
                }
                position += batch;
                examplesDone += batch;
                if (!Double.isFinite(w[0]) || Math.abs(w[0]) > 1e150) {
                    diverged = true;
                }
            }
            double loss = diverged ? Double.NaN : problem.loss(w);
            if (!Double.isFinite(loss) || loss > EXPLOSION * Math.max(start, 1e-12)) {
                diverged = true;
            }
            out[c] = diverged ? Double.POSITIVE_INFINITY : problem.excessLoss(w);
        }
        return out;
    }

    private static void shuffle(int[] a, Random random) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }

    /** The excess losses of a race, with each batch size's best rate for any budget. */
    public static final class Result {

        private final int[] batchSizes;
        private final double[] rates;
        private final long[] seeds;
        private final int examples;
        private final int checkpointsPerEpoch;
        private final double[][][][] excess;

        private Result(int[] batchSizes, double[] rates, long[] seeds, int examples, int checkpointsPerEpoch,
                double[][][][] excess) {
            this.batchSizes = batchSizes;
            this.rates = rates;
            this.seeds = seeds;
            this.examples = examples;
            this.checkpointsPerEpoch = checkpointsPerEpoch;
            this.excess = excess;
        }

        /** N, the number of examples per epoch. */
        public int examples() {
            return examples;
        }

        /** The number of checkpoints after the start. */
        public int checkpoints() {
            return excess[0][0][0].length - 1;
        }

        /** The budget in epochs at checkpoint c. */
        public double epochsAt(int checkpoint) {
            return checkpoint / (double) checkpointsPerEpoch;
        }

        /** The number of steps a batch size has taken after {@code epochs} epochs. */
        public long stepsAt(int batchSize, double epochs) {
            return (long) Math.floor(epochs * examples / batchSize + 1e-9);
        }

        /** The excess loss per seed of one batch size and rate after {@code epochs} epochs (+inf if it diverged). */
        public double[] excess(int batchSize, double rate, double epochs) {
            int b = batchIndex(batchSize);
            int r = rateIndex(rate);
            int c = checkpoint(epochs);
            double[] out = new double[seeds.length];
            for (int s = 0; s < seeds.length; s++) {
                out[s] = excess[b][r][s][c];
            }
            return out;
        }

        /**
         * The rate of the grid with the lowest excess loss after {@code epochs} epochs, averaged over seeds on a
         * log scale (a geometric mean, since excess losses span decades); a rate that diverged in any seed loses.
         */
        public double bestRate(int batchSize, double epochs) {
            int b = batchIndex(batchSize);
            int c = checkpoint(epochs);
            int best = -1;
            double bestScore = Double.POSITIVE_INFINITY;
            for (int r = 0; r < rates.length; r++) {
                double score = 0;
                for (int s = 0; s < seeds.length; s++) {
                    score += Math.log(Math.max(excess[b][r][s][c], 1e-300));
                }
                if (score < bestScore) {
                    bestScore = score;
                    best = r;
                }
            }
            Args.check(best >= 0, "batchSize", "diverged at every rate of the grid", batchSize);
            return rates[best];
        }

        /** The excess loss per seed of a batch size at its best rate for a budget of {@code epochs} epochs. */
        public double[] best(int batchSize, double epochs) {
            return excess(batchSize, bestRate(batchSize, epochs), epochs);
        }

        /** Whether the best rate for this budget is an end of the grid (then the grid should be widened). */
        public boolean bestAtEdge(int batchSize, double epochs) {
            double best = bestRate(batchSize, epochs);
            return best == Arrays.stream(rates).min().orElseThrow() || best == Arrays.stream(rates).max().orElseThrow();
        }

        /**
         * One row per batch size and checkpoint: epochs, steps, the best rate for that budget, and the excess
         * loss at it over the seeds (geometric mean, min and max).
         */
        public Table envelope() {
            IntColumn batch = IntColumn.create("batch");
            DoubleColumn ep = DoubleColumn.create("epochs");
            DoubleColumn steps = DoubleColumn.create("steps");
            DoubleColumn rate = DoubleColumn.create("best rate");
            DoubleColumn mean = DoubleColumn.create("excess loss (geometric mean)");
            DoubleColumn min = DoubleColumn.create("excess loss (min over seeds)");
            DoubleColumn max = DoubleColumn.create("excess loss (max over seeds)");
            for (int size : batchSizes) {
                for (int c = 1; c <= checkpoints(); c++) {
                    double e = epochsAt(c);
                    double[] v = best(size, e);
                    batch.append(size);
                    ep.append(e);
                    steps.append(stepsAt(size, e));
                    rate.append(bestRate(size, e));
                    mean.append(geometricMean(v));
                    min.append(Arrays.stream(v).min().orElseThrow());
                    max.append(Arrays.stream(v).max().orElseThrow());
                }
            }
            return Table.create("excess loss at each batch size's best rate for each budget", batch, ep, steps, rate,
                    mean, min, max);
        }

        /** The geometric mean of positive numbers (zeros count as 1e-300). */
        public static double geometricMean(double[] values) {
            Args.notNull("values", values);
            Args.check(values.length > 0, "values", "must not be empty", "none");
            double s = 0;
            for (double v : values) {
                s += Math.log(Math.max(v, 1e-300));
            }
            return Math.exp(s / values.length);
        }

        private int checkpoint(double epochs) {
            double c = epochs * checkpointsPerEpoch;
            int k = (int) Math.round(c);
            Args.check(Math.abs(c - k) < 1e-9 && k >= 0 && k <= checkpoints(), "epochs",
                    "must be a checkpoint: a multiple of 1/" + checkpointsPerEpoch + " up to " + epochsAt(checkpoints()),
                    epochs);
            return k;
        }

        private int batchIndex(int batchSize) {
            for (int b = 0; b < batchSizes.length; b++) {
                if (batchSizes[b] == batchSize) {
                    return b;
                }
            }
            throw new IllegalArgumentException("batchSize must be one of the race's " + Arrays.toString(batchSizes)
                    + ", got " + batchSize);
        }

        private int rateIndex(double rate) {
            for (int r = 0; r < rates.length; r++) {
                if (rates[r] == rate) {
                    return r;
                }
            }
            throw new IllegalArgumentException("rate must be one of the race's " + Arrays.toString(rates)
                    + ", got " + rate);
        }
    }
}
