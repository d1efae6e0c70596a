package trainwell.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import trainwell.training.Training;
import trainwell.training.TrainingResult;

/**
 * A long run of the library's training loop that watches the process's resident memory (bin/soak): the
 * benchmark's tiny language model on the reversal task, resident memory read every 100 steps. Native
 * tensors are not garbage-collected, so a leak of one tensor per step shows up here as steady growth.
 * Usage: {@code Soak [steps [every [warmup]]]} (3000, 100, 500). Prints the figures, then a verdict line.
 */
public final class Soak {

    /** The growth after warm-up that counts as flat. */
    public static final double FLAT = 0.10;

    private Soak() {}

    /** Runs the soak and prints RSS every {@code every} steps, the growth after warm-up and the verdict. */
    public static void main(String[] args) {
        int steps = args.length > 0 ? Integer.parseInt(args[0]) : 3000;
        int every = args.length > 1 ? Integer.parseInt(args[1]) : 100;
        int warmup = args.length > 2 ? Integer.parseInt(args[2]) : 500;
        List<Integer> marks = new ArrayList<>();
        List<Double> rss = new ArrayList<>();
        long start = System.nanoTime();
        TrainingResult r = Training.run("soak", Benchmark.training(steps, 1).withEvalEvery(500),
                s -> ReversalTask.of(Benchmark.model(), Benchmark.HALF).onStep(step -> {
                    if (step % every == 0) {
                        double mb = Rss.currentMb();
                        marks.add(step);
                        rss.add(mb);
                        System.out.println(String.format(Locale.ROOT, "step %5d  RSS %6.1f MB  heap %5.1f MB  %.0f s",
                                step, mb, heapMb(), (System.nanoTime() - start) / 1e9));
                    }
                }));
        double end = Rss.currentMb();
        System.out.println(String.format(Locale.ROOT, "step %5d  RSS %6.1f MB  (after the run)", r.stepsRun(), end));
        double atWarmup = Double.NaN;
        double max = 0;
        for (int i = 0; i < marks.size(); i++) {
            if (marks.get(i) >= warmup) {
                atWarmup = Double.isNaN(atWarmup) ? rss.get(i) : atWarmup;
                max = Math.max(max, rss.get(i));
            }
        }
        max = Math.max(max, end);
        double growth = (max - atWarmup) / atWarmup;
        System.out.println(String.format(Locale.ROOT,
                "SOAK %d steps in %.0f s (%.1f ms/step), final loss %.4f, validation accuracy %.3f; RSS at step %d"
                        + " %.1f MB, highest after it %.1f MB, at the end %.1f MB: growth %.1f%% (%s; flat means < %.0f%%)",
                r.stepsRun(), r.seconds(), r.msPerStep(), r.finalLoss(), r.finalValidationAccuracy(), warmup,
                atWarmup, max, end, 100 * growth, growth < FLAT ? "flat" : "NOT flat", 100 * FLAT));
    }

    private static double heapMb() {
        Runtime rt = Runtime.getRuntime();
        return (rt.totalMemory() - rt.freeMemory()) / 1048576.0;
    }
}
