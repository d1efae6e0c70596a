package trainwell.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import org.junit.jupiter.api.Test;

class RunRandomnessTest {

    /** Ten dropout masks of a run with {@code seed}; with {@code barrier}, in lock step with another thread. */
    private static List<float[]> masks(long seed, CyclicBarrier barrier) throws Exception {
        List<float[]> out = new ArrayList<>();
        try (NDManager m = NDManager.newBaseManager(); RunRandomness r = RunRandomness.open(seed)) {
            NDArray ones = m.ones(new Shape(64));
            for (int i = 0; i < 10; i++) {
                if (barrier != null) {
                    barrier.await();
                }
                out.add(RunRandomness.dropout(ones, 0.5f).toFloatArray());
            }
        }
        return out;
    }

    @Test
    void aRunDrawsTheSameMasksAloneOrInterleavedWithAnotherRun() throws Exception {
        List<float[]> alone = masks(7, null);
        CyclicBarrier barrier = new CyclicBarrier(2);
        List<List<float[]>> together = new ArrayList<>(List.of(List.of(), List.of()));
        List<Throwable> errors = new ArrayList<>();
        Thread a = new Thread(() -> {
            try {
                together.set(0, masks(7, barrier));
            } catch (Exception e) {
                errors.add(e);
            }
        });
        Thread b = new Thread(() -> {
            try {
                together.set(1, masks(8, barrier));
            } catch (Exception e) {
                errors.add(e);
            }
        });
        a.start();
        b.start();
        a.join();
        b.join();
        assertTrue(errors.isEmpty(), errors.toString());
        for (int i = 0; i < 10; i++) {
            assertArrayEquals(alone.get(i), together.get(0).get(i), "mask " + i);
        }
        assertFalse(java.util.Arrays.equals(alone.get(0), together.get(1).get(0)), "another seed, other masks");
        assertFalse(java.util.Arrays.equals(alone.get(0), alone.get(1)), "a new mask at every call");
    }

    @Test
    void aRunsMaskDropsAboutTheRateKeepsTheScaleAndIsTheGradient() {
        int n = 100_001;   // odd: the last element comes from the first half of a 64-bit draw
        float rate = 0.1f;
        float[] out;
        float[] grad;
        try (NDManager m = NDManager.newBaseManager(); RunRandomness r = RunRandomness.open(5)) {
            NDArray x = m.ones(new Shape(n));
            x.setRequiresGradient(true);
            try (GradientCollector c = Engine.getInstance().newGradientCollector()) {
                NDArray y = RunRandomness.dropout(x, rate);
                System.gc();   // the Java buffer the mask was drawn into may be freed: the graph must not need it
                c.backward(y.sum());
                out = y.toFloatArray();
            }
            grad = x.getGradient().toFloatArray();
        }
        int dropped = 0;
        for (int i = 0; i < n; i++) {
            assertTrue(out[i] == 0f || out[i] == 1 / (1 - rate), "element " + i + " is " + out[i]);
            assertEquals(out[i], grad[i], "the gradient of the sum is the mask, element " + i);
            dropped += out[i] == 0f ? 1 : 0;
        }
        assertEquals(rate, dropped / (double) n, 0.005, "share dropped");   // sd of the share: 0.001
        assertTrue(out[n - 1] == 0f || out[n - 1] == 1 / (1 - rate));
    }

    @Test
    void aRunsMasksReuseOneBufferInsteadOfLeavingDirectMemoryToTheCollector() {
        java.lang.management.BufferPoolMXBean direct = java.lang.management.ManagementFactory
                .getPlatformMXBeans(java.lang.management.BufferPoolMXBean.class).stream()
                .filter(b -> b.getName().equals("direct")).findFirst().orElseThrow();
        try (NDManager m = NDManager.newBaseManager(); RunRandomness r = RunRandomness.open(2)) {
            NDArray x = m.ones(new Shape(32, 16, 32));
            RunRandomness.dropout(x, 0.1f).close();   // the thread's buffer exists from here on
            long before = direct.getCount();
            for (int i = 0; i < 500; i++) {
                RunRandomness.dropout(x, 0.1f).close();
            }
            // 500 masks of 64 KB each: a buffer per mask would show as hundreds of live direct buffers here
            assertTrue(direct.getCount() - before < 10, "direct buffers: " + before + " -> " + direct.getCount());
        }
    }

    @Test
    void aRunsMasksDoNotTouchTheEnginesGenerator() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray ones = m.ones(new Shape(64));
            Engine.getInstance().setRandomSeed(9);
            float[] expected = m.randomUniform(0, 1, new Shape(8)).toFloatArray();
            Engine.getInstance().setRandomSeed(9);
            try (RunRandomness r = RunRandomness.open(3)) {
                RunRandomness.dropout(ones, 0.5f);
            }
            assertArrayEquals(expected, m.randomUniform(0, 1, new Shape(8)).toFloatArray(),
                    "the engine's generator continues as if no mask had been drawn");
        }
    }

    @Test
    void outsideARunDropoutDrawsFromTheEnginesGeneratorAsBefore() {
        assertFalse(RunRandomness.active());
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray ones = m.ones(new Shape(64));
            Engine.getInstance().setRandomSeed(3);
            float[] ours = RunRandomness.dropout(ones, 0.5f).toFloatArray();
            Engine.getInstance().setRandomSeed(3);
            float[] uniform = m.randomUniform(0, 1, new Shape(64)).toFloatArray();
            int kept = 0;
            for (int i = 0; i < 64; i++) {
                assertEquals(uniform[i] >= 0.5f ? 2f : 0f, ours[i], "element " + i + " (uniform draw " + uniform[i] + ")");
                kept += ours[i] > 0 ? 1 : 0;
            }
            assertTrue(kept > 16 && kept < 48, "about half kept: " + kept);
        }
    }

    @Test
    void seededBuildsUnderTheSeedAndRunsNest() {
        try (NDManager m = NDManager.newBaseManager()) {
            float[] a = RunRandomness.seeded(11, () -> m.randomNormal(new Shape(8)).toFloatArray());
            float[] b = RunRandomness.seeded(11, () -> m.randomNormal(new Shape(8)).toFloatArray());
            assertArrayEquals(a, b);
        }
        try (RunRandomness outer = RunRandomness.open(1)) {
            long first = outer.nextSeed();
            try (RunRandomness inner = RunRandomness.open(1)) {
                assertEquals(first, inner.nextSeed(), "the same seed, the same sequence");
            }
            assertTrue(RunRandomness.active());
        }
        assertFalse(RunRandomness.active());
    }
}
