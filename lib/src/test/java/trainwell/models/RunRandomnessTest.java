package trainwell.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
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
