package trainwell.optimizers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RotatedQuadraticTest {

    private static final Surface BOWL = Surfaces.rotatedQuadratic(0.5, 6, 0.7);

    @Test
    void theGradientMatchesCentralDifferences() {
        double h = 1e-6;
        for (double[] p : new double[][] {{1, 2}, {-0.3, 0.8}, {2.5, -1}}) {
            double[] g = BOWL.gradient(p[0], p[1]);
            assertEquals((BOWL.value(p[0] + h, p[1]) - BOWL.value(p[0] - h, p[1])) / (2 * h), g[0], 1e-6);
            assertEquals((BOWL.value(p[0], p[1] + h) - BOWL.value(p[0], p[1] - h)) / (2 * h), g[1], 1e-6);
        }
    }

    @Test
    void gradientDescentIsStableJustBelowTwoOverTheLargeCurvatureAndDivergesJustAbove() {
        var below = TrajectoryRecorder.on(BOWL).steps(400).record(Optimizers.gd(0.99 * 2 / 6));
        var above = TrajectoryRecorder.on(BOWL).steps(400).record(Optimizers.gd(1.01 * 2 / 6));
        assertTrue(below.finalLoss() < BOWL.value(BOWL.start()), "below 2/L the loss falls");
        assertTrue(above.diverged() || above.finalLoss() > BOWL.value(BOWL.start()), "above 2/L it grows");
    }

    @Test
    void itIsNotAQuadraticRecordSoItsLimitCannotBeReadOff() {
        assertTrue(!(BOWL instanceof Surfaces.Quadratic));
    }

    @Test
    void tailKeepsTheLastPointsAndTheirLosses() {
        var run = TrajectoryRecorder.on(BOWL).steps(10).record(Optimizers.gd(0.1));
        var tail = run.tail(4);
        assertEquals(4, tail.points().size());
        assertEquals(run.end(), tail.end());
        assertEquals(run.losses().get(7), tail.losses().get(0));
        assertThrows(IllegalArgumentException.class, () -> run.tail(12));
    }

    @Test
    void badArgumentsAreNamed() {
        var e = assertThrows(IllegalArgumentException.class, () -> Surfaces.rotatedQuadratic(2, 1, 0));
        assertTrue(e.getMessage().contains("large"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Surfaces.rotatedQuadratic(0, 1, 0));
        assertTrue(e.getMessage().contains("small"), e.getMessage());
    }
}
