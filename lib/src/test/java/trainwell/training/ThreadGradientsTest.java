package trainwell.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import org.junit.jupiter.api.Test;

class ThreadGradientsTest {

    private static float[] gradientOf3xSquared(GradientCollector collector, NDManager m) {
        NDArray x = m.create(new float[] {1, 2, 3});
        x.setRequiresGradient(true);
        collector.backward(x.square().mul(3).sum());
        return x.getGradient().toFloatArray();
    }

    @Test
    void givesDjlsGradients() {
        try (NDManager m = NDManager.newBaseManager()) {
            float[] djl;
            try (GradientCollector c = Engine.getInstance().newGradientCollector()) {
                djl = gradientOf3xSquared(c, m);
            }
            float[] ours;
            try (GradientCollector c = new ThreadGradients()) {
                ours = gradientOf3xSquared(c, m);
            }
            assertArrayEquals(new float[] {6, 12, 18}, ours, 1e-6f);
            assertArrayEquals(djl, ours, 1e-6f);
            assertThrows(UnsupportedOperationException.class, () -> new ThreadGradients().zeroGradients());
            ThreadGradients.offOnThisThread();
        }
    }

    @Test
    void twoThreadsCollectAtOnce() throws Exception {
        CyclicBarrier bothInside = new CyclicBarrier(2);
        List<Throwable> errors = new ArrayList<>();
        List<float[]> grads = new ArrayList<>();
        Runnable work = () -> {
            ThreadGradients.offOnThisThread();
            try (NDManager m = NDManager.newBaseManager(); GradientCollector c = new ThreadGradients()) {
                bothInside.await();   // DJL's own collector throws here: one at a time in the process
                float[] g = gradientOf3xSquared(c, m);
                synchronized (grads) {
                    grads.add(g);
                }
            } catch (Exception | Error e) {
                synchronized (errors) {
                    errors.add(e);
                }
            }
        };
        Thread a = new Thread(work);
        Thread b = new Thread(work);
        a.start();
        b.start();
        a.join();
        b.join();
        assertTrue(errors.isEmpty(), errors.toString());
        assertArrayEquals(grads.get(0), grads.get(1));
    }
}
