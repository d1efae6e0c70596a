package trainwell.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import trainwell.core.Args;
import trainwell.models.TransformerConfig;

/**
 * Floating-point operations of a training step, counted from the configuration, and the float32 peak of
 * one CPU core, read from /proc/cpuinfo: bin/benchmark divides the one by the step time to print GFLOP/s
 * and the fraction of the peak each engine reaches.
 */
public final class Flops {

    private Flops() {}

    /**
     * FLOPs of one training step of a decoder-only language model ({@code decoderLayers} layers) on
     * {@code batch} sequences of {@code length} tokens: the matrix products only, 2 FLOPs per multiply-add.
     * Forward, per token and layer: QKV projection 2 d 3d, output projection 2 d d, FFN 2 d f + 2 f d; per
     * sequence and layer: scores Q K^T 2 T T d and weights times values 2 T T d (all heads together, the
     * causal mask saves nothing: the full T x T products are computed); per token: output layer 2 d V. The
     * backward pass takes two products of the same size per product (gradients of both operands), so a step
     * is 3 x the forward. Not counted: softmax, LayerNorm, GELU, dropout, loss, optimizer (each a few
     * operations per element, a few percent of the total at this size).
     */
    public static double trainingStep(TransformerConfig config, int batch, int length) {
        Args.notNull("config", config);
        Args.positive("batch", batch);
        Args.positive("length", length);
        double d = config.dModel();
        double f = config.ffnWidth();
        double tokens = (double) batch * length;
        double perTokenAndLayer = 2 * d * 3 * d + 2 * d * d + 2 * d * f + 2 * f * d;
        double attentionPerSequenceAndLayer = 2.0 * 2 * length * length * d;
        double forward = config.decoderLayers() * (tokens * perTokenAndLayer + batch * attentionPerSequenceAndLayer)
                + tokens * 2 * d * config.sourceVocab();
        return 3 * forward;
    }

    /**
     * The float32 peak of one core: {@code ghz} x {@code flopsPerCycle}, with the reason for the second.
     *
     * @param ghz           the clock in /proc/cpuinfo ("cpu MHz"; a core may boost above it)
     * @param flopsPerCycle float32 FLOPs per cycle from fused multiply-adds (vector lanes x 2 x FMA issued per cycle)
     * @param basis         how flopsPerCycle follows from the processor
     */
    public record Peak(double ghz, int flopsPerCycle, String basis) {

        /** GFLOP/s of one core at the stated clock. */
        public double gflops() {
            return ghz * flopsPerCycle;
        }

        /** One line for bin/benchmark's output. */
        public String describe() {
            return String.format(Locale.ROOT, "one core's float32 peak %.0f GFLOP/s = %.2f GHz x %d FLOP/cycle (%s)",
                    gflops(), ghz, flopsPerCycle, basis);
        }
    }

    /** The peak of one core of this machine, from /proc/cpuinfo. */
    public static Peak peakOfThisMachine() {
        try {
            return peakOf(Files.readString(Path.of("/proc/cpuinfo")));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read /proc/cpuinfo: " + e.getMessage(), e);
        }
    }

    /**
     * The peak from the text of /proc/cpuinfo (its first processor). AVX-512 gives 16 float32 lanes, an FMA
     * 2 FLOPs per lane; Intel's server cores issue two 512-bit FMAs per cycle (64 FLOP/cycle), AMD Zen 4
     * (family 25) only one: it runs each 512-bit FMA on its two 256-bit FMA pipes together (32 FLOP/cycle,
     * the same as AVX2 with two 256-bit FMA pipes); Zen 5 (family 26) has full 512-bit pipes (64).
     */
    public static Peak peakOf(String cpuinfo) {
        Args.notNull("cpuinfo", cpuinfo);
        String mhz = field(cpuinfo, "cpu MHz");
        Args.check(mhz != null, "cpuinfo", "has no 'cpu MHz' line", cpuinfo.length() + " characters");
        double ghz = Double.parseDouble(mhz) / 1000;
        String flags = " " + String.valueOf(field(cpuinfo, "flags")) + " ";
        String vendor = String.valueOf(field(cpuinfo, "vendor_id"));
        String family = String.valueOf(field(cpuinfo, "cpu family"));
        boolean avx512 = flags.contains(" avx512f ");
        boolean fma = flags.contains(" fma ");
        if (avx512 && vendor.equals("AuthenticAMD") && family.equals("25")) {
            return new Peak(ghz, 32, "AMD Zen 4: AVX-512, 16 lanes x 2 FLOP per FMA, one 512-bit FMA per cycle on two 256-bit pipes");
        }
        if (avx512) {
            return new Peak(ghz, 64, "AVX-512: 16 lanes x 2 FLOP per FMA x 2 FMA units");
        }
        if (fma) {
            return new Peak(ghz, 32, "AVX2: 8 lanes x 2 FLOP per FMA x 2 FMA units");
        }
        return new Peak(ghz, 8, "SSE: 4 lanes x (1 add + 1 multiply) per cycle");
    }

    private static String field(String cpuinfo, String name) {
        for (String line : cpuinfo.split("\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().equals(name)) {
                return line.substring(colon + 1).trim();
            }
        }
        return null;
    }
}
