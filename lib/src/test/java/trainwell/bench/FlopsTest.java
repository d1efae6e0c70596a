package trainwell.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import trainwell.models.TransformerConfig;

class FlopsTest {

    @Test
    void benchmarkStepCountedByHand() {
        // Per token and layer 2*64*192 + 2*64*64 + 2*2*64*256 = 98304; 2048 tokens, 2 layers: 402,653,184.
        // Attention: 64 sequences x 2 layers x 2 products x 2 x 32 x 32 x 64 = 33,554,432. Output layer:
        // 2048 x 2 x 64 x 16 = 4,194,304. Forward 440,401,920; the step is 3 x that.
        assertEquals(3 * 440_401_920.0, Benchmark.flopsPerStep(), 0.5);
    }

    @Test
    void scalesWithBatchAndLayers() {
        TransformerConfig c = Benchmark.model();
        assertEquals(2 * Flops.trainingStep(c, 8, 32), Flops.trainingStep(c, 16, 32), 1e-6);
        double one = Flops.trainingStep(c.withDecoderLayers(1), 8, 32);
        double two = Flops.trainingStep(c.withDecoderLayers(2), 8, 32);
        double three = Flops.trainingStep(c.withDecoderLayers(3), 8, 32);
        assertEquals(two - one, three - two, 1e-6, "each layer adds the same");
        assertTrue(one > two - one, "the output layer comes on top of the layers");
    }

    @Test
    void badArgumentsAreNamed() {
        var e = assertThrows(IllegalArgumentException.class, () -> Flops.trainingStep(Benchmark.model(), 0, 32));
        assertTrue(e.getMessage().contains("batch"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Flops.peakOf("processor : 0\n"));
        assertTrue(e.getMessage().contains("cpu MHz"), e.getMessage());
    }

    @Test
    void peakFollowsTheProcessor() {
        String zen4 = "processor\t: 0\nvendor_id\t: AuthenticAMD\ncpu family\t: 25\nmodel\t\t: 17\n"
                + "cpu MHz\t\t: 2596.142\nflags\t\t: fpu sse avx2 fma avx512f avx512bw\n";
        Flops.Peak p = Flops.peakOf(zen4);
        assertEquals(32, p.flopsPerCycle());
        assertEquals(83.08, p.gflops(), 0.01);
        assertTrue(p.describe().contains("83 GFLOP/s"), p.describe());
        assertEquals(64, Flops.peakOf(zen4.replace("25", "26")).flopsPerCycle(), "Zen 5: full 512-bit pipes");
        assertEquals(64, Flops.peakOf(zen4.replace("AuthenticAMD", "GenuineIntel")).flopsPerCycle());
        assertEquals(32, Flops.peakOf(zen4.replace(" avx512f", "")).flopsPerCycle(), "AVX2 with FMA");
        assertEquals(8, Flops.peakOf(zen4.replace(" avx512f", "").replace(" fma", "")).flopsPerCycle());
    }

    @Test
    void thisMachineHasAPeak() {
        Flops.Peak p = Flops.peakOfThisMachine();
        assertTrue(p.gflops() > 1 && p.gflops() < 1000, p.describe());
    }
}
