package trainwell.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import trainwell.core.Args;
import trainwell.core.Parallel;
import trainwell.experiments.Experiments;
import trainwell.training.Runs;
import trainwell.training.TrainingConfig;
import trainwell.training.TrainingResult;

/**
 * The speed-up of running an experiment's runs side by side ({@code bin/benchmark --experiments}): the same
 * experiment (N runs of the benchmark model, one seed each) with one run at a time and with the default
 * level of {@link Parallel}, alternating, {@code repeats} times each. Checks that both give the same numbers
 * and prints one line per measurement, then
 * {@code experiments: N runs, sequential X s, concurrent Y s, speedup Z} (medians).
 * Usage: {@code ExperimentBench [runs [steps [repeats]]]}.
 */
public final class ExperimentBench {

    private ExperimentBench() {}

    /** Times one experiment of {@code runs} runs of {@code steps} steps at {@code level}; returns seconds and runs. */
    static Timed once(int runs, int steps, int level) {
        List<String> names = new ArrayList<>();
        List<TrainingConfig> configs = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            names.add("benchmark");
            configs.add(Benchmark.training(steps, i + 1));
        }
        long t0 = System.nanoTime();
        long c0 = cpuNanos();
        Runs r = Experiments.runAll(names, configs, s -> ReversalTask.of(Benchmark.model(), Benchmark.HALF), level);
        return new Timed((System.nanoTime() - t0) / 1e9, (cpuNanos() - c0) / 1e9, r);
    }

    /**
     * One experiment's wall-clock and process CPU seconds. CPU over wall clock is the number of cores the
     * process kept busy: about 2 for two runs side by side on two free cores; on a machine busy with other
     * work the scheduler gives the process less, whatever the number of its threads.
     */
    record Timed(double seconds, double cpuSeconds, Runs runs) {}

    private static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /** The largest relative difference of final training and validation loss between two experiments' runs. */
    static double largestDifference(Runs a, Runs b) {
        double d = 0;
        for (int i = 0; i < a.results().size(); i++) {
            TrainingResult x = a.results().get(i);
            TrainingResult y = b.results().get(i);
            d = Math.max(d, Math.abs(x.finalLoss() - y.finalLoss()) / Math.abs(x.finalLoss()));
            d = Math.max(d, Math.abs(x.finalValidationLoss() - y.finalValidationLoss()) / Math.abs(x.finalValidationLoss()));
        }
        return d;
    }

    /** Runs the comparison and prints its lines. */
    public static void main(String[] args) {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 6;
        int steps = args.length > 1 ? Integer.parseInt(args[1]) : 150;
        int repeats = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        Args.atLeast("runs", runs, 2);
        Args.check(steps > 50, "steps", "must exceed the 50 steps of learning-rate warm-up", steps);
        Args.positive("repeats", repeats);
        int level = Parallel.level();
        System.out.println(String.format(Locale.ROOT, "experiment: %d runs of %d steps of the benchmark model; "
                + "concurrent level %s; %d repeats, alternating", runs, steps, Parallel.describe(), repeats));
        once(2, 60, Math.min(2, level));   // warm-up: classes, native library, allocator
        double[] seq = new double[repeats];
        double[] con = new double[repeats];
        double diff = 0;
        for (int r = 0; r < repeats; r++) {
            Timed a = once(runs, steps, 1);
            Timed b = once(runs, steps, level);
            seq[r] = a.seconds();
            con[r] = b.seconds();
            diff = Math.max(diff, largestDifference(a.runs(), b.runs()));
            System.out.println(String.format(Locale.ROOT, "repeat %d: sequential %.1f s (%.2f cores busy), concurrent "
                    + "%.1f s (%.2f cores busy)", r + 1, seq[r], a.cpuSeconds() / seq[r], con[r], b.cpuSeconds() / con[r]));
        }
        double s = Benchmark.median(seq);
        double c = Benchmark.median(con);
        System.out.println(String.format(Locale.ROOT, "same numbers: largest relative difference of a run's final "
                + "losses %.2g (sequential against concurrent; tolerance 1e-4)", diff));
        System.out.println(String.format(Locale.ROOT, "experiments: %d runs, sequential %.1f s, concurrent %.1f s, "
                + "speedup %.2f (level %d, medians of %d)", runs, s, c, s / c, level, repeats));
        if (!(diff <= 1e-4)) {
            System.out.println("WARNING: the concurrent runs did not reproduce the sequential ones");
            System.exit(1);
        }
    }
}
