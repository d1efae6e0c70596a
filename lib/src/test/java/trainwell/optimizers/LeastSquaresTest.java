package trainwell.optimizers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LeastSquaresTest {

    private static final LeastSquares PROBLEM = LeastSquares.synthetic(200, 5, 10, 0.3, 4);

    @Test
    void excessLossIsZeroAtTheOptimumAndMatchesLossMinusOptimalLossElsewhere() {
        assertEquals(0, PROBLEM.excessLoss(PROBLEM.optimum()), 1e-12);
        assertEquals(PROBLEM.optimalLoss(), PROBLEM.loss(PROBLEM.optimum()), 1e-12);
        double[] w = {0.3, -1, 2, 0, 0.5};
        assertEquals(PROBLEM.loss(w) - PROBLEM.optimalLoss(), PROBLEM.excessLoss(w), 1e-9);
    }

    @Test
    void theOptimumHasAZeroFullGradientAndMovingAwayRaisesTheLoss() {
        int[] all = java.util.stream.IntStream.range(0, PROBLEM.examples()).toArray();
        double[] g = new double[5];
        PROBLEM.gradient(PROBLEM.optimum(), all, 0, all.length, g);
        for (double gj : g) {
            assertEquals(0, gj, 1e-10);
        }
        double[] w = PROBLEM.optimum();
        w[2] += 0.1;
        assertTrue(PROBLEM.loss(w) > PROBLEM.optimalLoss());
    }

    @Test
    void theMiniBatchGradientMatchesFiniteDifferencesOfTheBatchLoss() {
        int[] rows = {3, 17, 42};
        double[] w = {0.2, 0.1, -0.4, 1, 0};
        double[] g = new double[5];
        PROBLEM.gradient(w, rows, 0, 3, g);
        // The loss of rows {3, 17, 42} alone, via a problem-free formula: gradient(w) . e_j by central differences.
        for (int j = 0; j < 5; j++) {
            double h = 1e-6;
            double[] up = w.clone();
            double[] down = w.clone();
            up[j] += h;
            down[j] -= h;
            double[] gu = new double[5];
            double[] gd = new double[5];
            PROBLEM.gradient(up, rows, 0, 3, gu);
            PROBLEM.gradient(down, rows, 0, 3, gd);
            // The batch loss is quadratic, so its gradient is linear in w: the difference is exact.
            assertEquals(g[j], (gu[j] + gd[j]) / 2, 1e-9);
        }
        double[] full = new double[5];
        int[] all = java.util.stream.IntStream.range(0, PROBLEM.examples()).toArray();
        PROBLEM.gradient(w, all, 0, all.length, full);
        double h = 1e-5;
        for (int j = 0; j < 5; j++) {
            double[] up = w.clone();
            double[] down = w.clone();
            up[j] += h;
            down[j] -= h;
            assertEquals((PROBLEM.loss(up) - PROBLEM.loss(down)) / (2 * h), full[j], 1e-6);
        }
    }

    @Test
    void theConditionNumberSpreadsTheCurvatureAndFullBatchGdIsStableBelowTwoOverL() {
        LeastSquares p = LeastSquares.synthetic(4000, 4, 100, 0, 1);
        double l = p.largestCurvature();
        assertEquals(1, l, 0.1, "the first feature has variance 1");
        int[] all = java.util.stream.IntStream.range(0, p.examples()).toArray();
        for (double factor : new double[] {0.95, 1.05}) {
            double[] w = new double[4];
            double[] g = new double[4];
            for (int t = 0; t < 300; t++) {
                p.gradient(w, all, 0, all.length, g);
                for (int j = 0; j < 4; j++) {
                    w[j] -= factor * 2 / l * g[j];
                }
            }
            double excess = p.excessLoss(w);
            if (factor < 1) {
                assertTrue(excess < p.excessLoss(new double[4]), "below 2/L the loss falls");
            } else {
                assertTrue(excess > 1e3 * p.excessLoss(new double[4]), "above 2/L it blows up: " + excess);
            }
        }
    }

    @Test
    void badArgumentsAreNamed() {
        var e = assertThrows(IllegalArgumentException.class, () -> LeastSquares.synthetic(3, 5, 10, 0, 1));
        assertTrue(e.getMessage().contains("examples"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> LeastSquares.synthetic(30, 5, 0.5, 0, 1));
        assertTrue(e.getMessage().contains("conditionNumber"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> PROBLEM.loss(new double[2]));
        assertTrue(e.getMessage().contains("w"), e.getMessage());
    }
}
