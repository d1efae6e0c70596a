package trainwell.experiments;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.function.DoubleFunction;
import java.util.function.LongFunction;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import trainwell.core.Args;
import trainwell.experiments.Experiments;
import trainwell.training.TrainingConfig;
import trainwell.training.TrainingResult;
import trainwell.training.TrainingTask;
import trainwell.tuning.LrSensitivity;

/**
 * One recipe trained at every peak learning rate of a log-spaced grid, over seeds, and what Wortsman et
 * al. (2023, "Small-scale proxies for large-scale Transformer training instabilities") read from such a
 * sweep: the <em>learning-rate sensitivity</em> ({@link LrSensitivity}: the mean over the rates of min(loss(rate),
 * initial loss) minus the best loss), and here also the width of the basin of rates that train, in decades.
 *
 * <p>Every run goes through {@link Experiments#runAll}, so the sweep runs its independent runs the way
 * the library runs any experiment. A run's loss is its final validation loss; a diverged run, or one
 * without a finite validation loss, counts at its loss at initialization (the first step's training
 * loss, before any update), as in Wortsman et al.
 */
public final class RateSweep {

    private final String name;
    private final double[] rates;
    private final long[] seeds;
    private final double[][] loss;      // [rate][seed], capped at the initial loss
    private final double[][] initial;   // [rate][seed]
    private final boolean[][] diverged; // [rate][seed]
    private final List<TrainingResult> results;

    private RateSweep(String name, double[] rates, long[] seeds, double[][] loss, double[][] initial,
            boolean[][] diverged, List<TrainingResult> results) {
        this.name = name;
        this.rates = rates;
        this.seeds = seeds;
        this.loss = loss;
        this.initial = initial;
        this.diverged = diverged;
        this.results = results;
    }

    /**
     * Trains {@code training.apply(rate)} once per rate and seed (one experiment: {@link #runAll} of this recipe),
     * on a fresh task per run from {@code task}.
     *
     * @param name     the recipe's name (runs are named "name @ rate")
     * @param training the training configuration for a peak rate (its schedule peaks at that rate)
     * @param task     a fresh task (model and data) for a seed
     * @param rates    the peak rates, increasing and log-spaced (equal ratios), at least two
     * @param seeds    at least one seed
     */
    public static RateSweep run(String name, DoubleFunction<TrainingConfig> training,
            LongFunction<? extends TrainingTask> task, double[] rates, long... seeds) {
        Args.notNull("name", name);
        Args.notNull("training", training);
        Args.notNull("task", task);
        checkRates(rates);
        Args.check(seeds != null && seeds.length > 0, "seeds", "must hold at least one seed", "none");
        return runAll(List.of(name), List.of(training), List.of(task), rates, seeds).get(0);
    }

    /**
     * The sweeps of several recipes over the same rates and seeds, with all their runs in one experiment: the
     * runs of one recipe fill the cores while the last runs of another finish, where one {@link #run} per recipe
     * would leave a core idle at the end of each sweep. Recipe i is named {@code names.get(i)}, trained by
     * {@code trainings.get(i)} on fresh tasks from {@code tasks.get(i)}; the sweeps come back in that order, each
     * with the numbers {@link #run} gives for that recipe alone (same runs, same seeds).
     *
     * @param names     the recipes' names, distinct (runs are named "name @ rate")
     * @param trainings per recipe, the training configuration for a peak rate
     * @param tasks     per recipe, a fresh task (model and data) for a seed
     * @param rates     the peak rates, increasing and log-spaced (equal ratios), at least two
     * @param seeds     at least one seed
     */
    public static List<RateSweep> runAll(List<String> names, List<? extends DoubleFunction<TrainingConfig>> trainings,
            List<? extends LongFunction<? extends TrainingTask>> tasks, double[] rates, long... seeds) {
        Args.notNull("names", names);
        Args.notNull("trainings", trainings);
        Args.notNull("tasks", tasks);
        Args.check(!names.isEmpty(), "names", "must name at least one recipe", names);
        Args.check(trainings.size() == names.size(), "trainings", "must give one training per recipe (" + names.size() + ")",
                trainings.size());
        Args.check(tasks.size() == names.size(), "tasks", "must give one task per recipe (" + names.size() + ")", tasks.size());
        Args.check(new HashSet<>(names).size() == names.size(), "names", "must be distinct", names);
        checkRates(rates);
        Args.check(seeds != null && seeds.length > 0, "seeds", "must hold at least one seed", "none");
        List<String> runNames = new ArrayList<>();
        List<TrainingConfig> configs = new ArrayList<>();
        List<LongFunction<? extends TrainingTask>> runTasks = new ArrayList<>();
        for (int k = 0; k < names.size(); k++) {
            String name = Args.notNull("names[" + k + "]", names.get(k));
            DoubleFunction<TrainingConfig> training = Args.notNull("trainings[" + k + "]", trainings.get(k));
            LongFunction<? extends TrainingTask> task = Args.notNull("tasks[" + k + "]", tasks.get(k));
            for (double rate : rates) {
                TrainingConfig config = Args.notNull("trainings[" + k + "].apply(" + rate + ")", training.apply(rate));
                for (long seed : seeds) {
                    runNames.add(runName(name, rate));
                    configs.add(config.withSeed(seed));
                    runTasks.add(task);
                }
            }
        }
        List<TrainingResult> results = Experiments.runAll(runNames, configs, runTasks).results();
        List<RateSweep> sweeps = new ArrayList<>();
        for (String name : names) {
            sweeps.add(of(name, rates, seeds, results));
        }
        return List.copyOf(sweeps);
    }

    /** A sweep from finished runs, found by their name ("name @ rate", see {@link #runName}) and seed. */
    public static RateSweep of(String name, double[] rates, long[] seeds, List<TrainingResult> runs) {
        Args.notNull("name", name);
        checkRates(rates);
        Args.check(seeds != null && seeds.length > 0, "seeds", "must hold at least one seed", "none");
        Args.notNull("runs", runs);
        double[][] loss = new double[rates.length][seeds.length];
        double[][] initial = new double[rates.length][seeds.length];
        boolean[][] diverged = new boolean[rates.length][seeds.length];
        List<TrainingResult> ordered = new ArrayList<>();
        for (int i = 0; i < rates.length; i++) {
            for (int j = 0; j < seeds.length; j++) {
                TrainingResult r = find(runs, runName(name, rates[i]), seeds[j]);
                ordered.add(r);
                initial[i][j] = initialLoss(r);
                diverged[i][j] = r.diverged();
                double v = r.finalValidationLoss();
                loss[i][j] = r.diverged() || !Double.isFinite(v) ? initial[i][j] : Math.min(v, initial[i][j]);
            }
        }
        return new RateSweep(name, rates.clone(), seeds.clone(), loss, initial, diverged, List.copyOf(ordered));
    }

    /** The name of the run of recipe {@code name} at {@code rate}: "name @ 4.6e-03". */
    public static String runName(String name, double rate) {
        return name + " @ " + String.format(Locale.ROOT, "%.1e", rate);
    }

    /**
     * The width, in decades, of the widest run of consecutive grid rates that train: the number of those
     * rates times the grid's spacing (each rate stands for the cell of the log-spaced grid around it).
     * 0 when no rate trains.
     */
    public static double basinDecades(double[] rates, boolean[] trains) {
        checkRates(rates);
        Args.notNull("trains", trains);
        Args.check(trains.length == rates.length, "trains", "must have one entry per rate (" + rates.length + ")", trains.length);
        int best = 0;
        int current = 0;
        for (boolean t : trains) {
            current = t ? current + 1 : 0;
            best = Math.max(best, current);
        }
        return best * spacingDecades(rates);
    }

    /** The spacing of a log-spaced grid in decades: log10(rate[i+1] / rate[i]). */
    public static double spacingDecades(double[] rates) {
        checkRates(rates);
        return Math.log10(rates[rates.length - 1] / rates[0]) / (rates.length - 1);
    }

    /** The recipe's name. */
    public String name() {
        return name;
    }

    /** The peak rates (a copy). */
    public double[] rates() {
        return rates.clone();
    }

    /** The seeds (a copy). */
    public long[] seeds() {
        return seeds.clone();
    }

    /** Every run, rates outer, seeds inner. */
    public List<TrainingResult> results() {
        return results;
    }

    /** The run at rate index {@code rate} and seed index {@code seed}. */
    public TrainingResult result(int rate, int seed) {
        Args.check(rate >= 0 && rate < rates.length, "rate", "must be an index into the " + rates.length + " rates", rate);
        Args.check(seed >= 0 && seed < seeds.length, "seed", "must be an index into the " + seeds.length + " seeds", seed);
        return results.get(rate * seeds.length + seed);
    }

    /** The final validation loss of every run, [rate][seed]; a diverged run at its initial loss. */
    public double[][] losses() {
        return Arrays.stream(loss).map(double[]::clone).toArray(double[][]::new);
    }

    /** The losses of one seed (index) over the rates. */
    public double[] lossesOfSeed(int seed) {
        Args.check(seed >= 0 && seed < seeds.length, "seed", "must be an index into the " + seeds.length + " seeds", seed);
        return Arrays.stream(loss).mapToDouble(row -> row[seed]).toArray();
    }

    /** The loss at initialization of one seed (index): the mean over its runs of the first step's loss. */
    public double initialLoss(int seed) {
        Args.check(seed >= 0 && seed < seeds.length, "seed", "must be an index into the " + seeds.length + " seeds", seed);
        return Arrays.stream(initial).mapToDouble(row -> row[seed]).average().orElseThrow();
    }

    /** The mean over the seeds of the initial loss. */
    public double initialLoss() {
        double s = 0;
        for (int j = 0; j < seeds.length; j++) {
            s += initialLoss(j);
        }
        return s / seeds.length;
    }

    /** The number of runs that diverged. */
    public int divergedRuns() {
        int n = 0;
        for (boolean[] row : diverged) {
            for (boolean d : row) {
                n += d ? 1 : 0;
            }
        }
        return n;
    }

    /** The learning-rate sensitivity of each seed's curve (see {@link LrSensitivity}). */
    public double[] sensitivityPerSeed() {
        double[] s = new double[seeds.length];
        for (int j = 0; j < seeds.length; j++) {
            s[j] = LrSensitivity.of(rates, lossesOfSeed(j), initialLoss(j)).value();
        }
        return s;
    }

    /** Per rate: true when every seed's loss is at most {@code threshold}. */
    public boolean[] trainsInEverySeed(double threshold) {
        Args.finite("threshold", threshold);
        boolean[] t = new boolean[rates.length];
        for (int i = 0; i < rates.length; i++) {
            t[i] = Arrays.stream(loss[i]).allMatch(l -> l <= threshold);
        }
        return t;
    }

    /** The basin, in decades, of rates where every seed's loss is at most {@code threshold}. */
    public double basinDecades(double threshold) {
        return basinDecades(rates, trainsInEverySeed(threshold));
    }

    /** The basin of each seed on its own, in decades. */
    public double[] basinDecadesPerSeed(double threshold) {
        Args.finite("threshold", threshold);
        double[] b = new double[seeds.length];
        for (int j = 0; j < seeds.length; j++) {
            double[] l = lossesOfSeed(j);
            boolean[] t = new boolean[rates.length];
            for (int i = 0; i < rates.length; i++) {
                t[i] = l[i] <= threshold;
            }
            b[j] = basinDecades(rates, t);
        }
        return b;
    }

    /** The lowest rate where every seed trains, or NaN. */
    public double lowestTrainingRate(double threshold) {
        boolean[] t = trainsInEverySeed(threshold);
        for (int i = 0; i < t.length; i++) {
            if (t[i]) {
                return rates[i];
            }
        }
        return Double.NaN;
    }

    /**
     * One row per rate: recipe, rate, mean, min and max of the loss over the seeds, and the number of seeds
     * whose loss is at most {@code threshold} ("trained") and that diverged.
     */
    public Table table(double threshold) {
        Args.finite("threshold", threshold);
        Table t = Table.create(name, StringColumn.create("recipe"), DoubleColumn.create("rate"),
                DoubleColumn.create("loss_mean"), DoubleColumn.create("loss_min"), DoubleColumn.create("loss_max"),
                IntColumn.create("trained"), IntColumn.create("diverged"));
        for (int i = 0; i < rates.length; i++) {
            double[] l = loss[i];
            int trained = (int) Arrays.stream(l).filter(v -> v <= threshold).count();
            int div = 0;
            for (boolean d : diverged[i]) {
                div += d ? 1 : 0;
            }
            t.stringColumn("recipe").append(name);
            t.doubleColumn("rate").append(rates[i]);
            t.doubleColumn("loss_mean").append(Arrays.stream(l).average().orElseThrow());
            t.doubleColumn("loss_min").append(Arrays.stream(l).min().orElseThrow());
            t.doubleColumn("loss_max").append(Arrays.stream(l).max().orElseThrow());
            t.intColumn("trained").append(trained);
            t.intColumn("diverged").append(div);
        }
        return t;
    }

    /** Log-spaced rates from {@code lo} to {@code hi}, {@code n} of them, ends included. */
    public static double[] logSpaced(double lo, double hi, int n) {
        Args.positive("lo", lo);
        Args.positive("hi", hi);
        Args.check(hi > lo, "hi", "must be above lo (" + lo + ")", hi);
        Args.atLeast("n", n, 2);
        double[] r = new double[n];
        for (int i = 0; i < n; i++) {
            r[i] = lo * Math.pow(hi / lo, (double) i / (n - 1));
        }
        return r;
    }

    private static double initialLoss(TrainingResult r) {
        Table h = r.history();
        Args.check(h.rowCount() > 0, "runs", "must have recorded at least one step", r.name());
        return h.doubleColumn("loss").getDouble(0);
    }

    private static TrainingResult find(List<TrainingResult> runs, String runName, long seed) {
        for (TrainingResult r : runs) {
            if (r.name().equals(runName) && r.config().seed() == seed) {
                return r;
            }
        }
        throw new IllegalArgumentException("runs: no run named '" + runName + "' with seed " + seed);
    }

    private static void checkRates(double[] rates) {
        Args.notNull("rates", rates);
        Args.check(rates.length >= 2, "rates", "must hold at least two rates", rates.length);
        for (int i = 0; i < rates.length; i++) {
            Args.check(Double.isFinite(rates[i]) && rates[i] > 0, "rates", "must be positive and finite", Arrays.toString(rates));
            if (i > 0) {
                Args.check(rates[i] > rates[i - 1], "rates", "must increase", Arrays.toString(rates));
            }
        }
        double step = Math.log(rates[1] / rates[0]);
        for (int i = 2; i < rates.length; i++) {
            Args.check(Math.abs(Math.log(rates[i] / rates[i - 1]) - step) <= 0.02 * step, "rates",
                    "must be log-spaced (equal ratios between neighbours)", Arrays.toString(rates));
        }
    }
}
