package trainwell.bench;

import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.Locale;
import trainwell.core.Args;
import trainwell.initialization.InitScheme;
import trainwell.models.TransformerConfig;
import trainwell.optimizers.OptimizerSpec;
import trainwell.schedules.Schedules;
import trainwell.training.Training;
import trainwell.training.TrainingConfig;
import trainwell.training.TrainingResult;

/**
 * One timed training run of the benchmark model with the library's loop ({@link Training}); bin/benchmark
 * runs it alternately with bin/benchmark_torch.py. Usage: {@code Benchmark [steps [warmup [seed]]]}; the
 * thread count is the JVM's {@code -Dai.djl.pytorch.num_threads}. Prints one line starting with RESULT,
 * which includes the step's FLOPs ({@link Flops#trainingStep}). {@code Benchmark --peak} prints one line
 * starting with PEAK: one core's float32 peak ({@link Flops#peakOfThisMachine()}).
 */
public final class Benchmark {

    /** Sequence length of the benchmark (the model reads 2 x 16 tokens). */
    public static final int HALF = 16;

    private Benchmark() {}

    /**
     * The benchmark model: Pre-LN, 2 layers, d_model 64, 4 heads, FFN 256, GELU, dropout 0.1, vocab 16,
     * sequence 32, normal(0.02) initialization, tied and scaled embeddings, sinusoidal positions.
     */
    public static TransformerConfig model() {
        return TransformerConfig.tiny().withVocab(16).withMaxLength(2 * HALF).withDecoderLayers(2)
                .withInit(InitScheme.normal(0.02));
    }

    /** Batch 64, AdamW 1e-3 (wd 0.01, not on biases, norms and embeddings), warmup 50 + cosine, clipping 1.0. */
    public static TrainingConfig training(int steps, long seed) {
        return TrainingConfig.defaults().withOptimizer(OptimizerSpec.adamW(0.01))
                .withSchedule(Schedules.warmupCosine(1e-3, 0, 50, steps)).withSteps(steps).withBatchSize(BATCH)
                .withClipNorm(1.0).withEvalEvery(steps).withSeed(seed).withProgress(false);
    }

    /** Batch size of the benchmark. */
    public static final int BATCH = 64;

    /** Matrix-product FLOPs of one training step of the benchmark model (see {@link Flops#trainingStep}). */
    public static double flopsPerStep() {
        return Flops.trainingStep(model(), BATCH, 2 * HALF);
    }

    /** Runs the benchmark once and prints its RESULT line (or, with --peak, the PEAK line). */
    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("--peak")) {
            Flops.Peak peak = Flops.peakOfThisMachine();
            System.out.println(String.format(Locale.ROOT, "PEAK gflops=%.1f flops_per_step=%.4g note=%s",
                    peak.gflops(), flopsPerStep(), peak.describe()));
            return;
        }
        int steps = args.length > 0 ? Integer.parseInt(args[0]) : 300;
        int warmup = args.length > 1 ? Integer.parseInt(args[1]) : 50;
        long seed = args.length > 2 ? Long.parseLong(args[2]) : 1;
        Args.check(steps > 50, "steps", "must exceed the 50 steps of learning-rate warm-up", steps);
        Args.check(warmup >= 0 && warmup < steps - 1, "warmup", "must be in [0, steps - 1)", warmup);
        // Process CPU time from the start of the first timed step to the start of the last step: on a busy
        // machine it varies far less than wall-clock time (it counts every thread of the process).
        long[] cpu = new long[2];
        TrainingResult r = Training.run("benchmark", training(steps, seed), s -> ReversalTask.of(model(), HALF)
                .onStep(step -> {
                    if (step == warmup) {
                        cpu[0] = processCpuNanos();
                    } else if (step == steps - 1) {
                        cpu[1] = processCpuNanos();
                    }
                }));
        double[] ms = r.history().doubleColumn("ms").asDoubleArray();
        double[] timed = Arrays.copyOfRange(ms, warmup, ms.length);
        System.out.println(String.format(Locale.ROOT,
                "RESULT engine=djl threads=%s steps=%d warmup=%d ms_mean=%.2f ms_median=%.2f cpu_ms=%.2f"
                        + " peak_rss_mb=%.0f final_loss=%.4f val_accuracy=%.4f flops=%.4g",
                System.getProperty("ai.djl.pytorch.num_threads", "default"), steps, warmup, mean(timed),
                median(timed), (cpu[1] - cpu[0]) / 1e6 / (steps - 1 - warmup), Rss.peakMb(), r.finalLoss(),
                r.finalValidationAccuracy(), flopsPerStep()));
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    static double mean(double[] v) {
        return Arrays.stream(v).average().orElse(Double.NaN);
    }

    static double median(double[] v) {
        if (v.length == 0) {
            return Double.NaN;
        }
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }
}
