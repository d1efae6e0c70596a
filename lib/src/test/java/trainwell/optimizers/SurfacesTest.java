package trainwell.optimizers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The 2-D surfaces: analytic gradients, minima, plotting boxes, noise. */
class SurfacesTest {

    static Stream<Surface> all() {
        return Stream.of(Surfaces.illConditioned(), Surfaces.quadratic(1, 3), Surfaces.rosenbrock(),
                Surfaces.beale(), Surfaces.saddle(), Surfaces.noisyQuadratic(0.1, 2, 1, 3));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("all")
    void gradientMatchesCentralFiniteDifferences(Surface surface) {
        double h = 1e-6;
        for (double[] q : new double[][] {{0.3, -0.7}, {-1.2, 1.1}, {2.0, 0.4}}) {
            double[] g = surface.gradient(q[0], q[1]);
            double dx = (surface.value(q[0] + h, q[1]) - surface.value(q[0] - h, q[1])) / (2 * h);
            double dy = (surface.value(q[0], q[1] + h) - surface.value(q[0], q[1] - h)) / (2 * h);
            assertEquals(dx, g[0], 1e-5 * Math.max(1, Math.abs(dx)));
            assertEquals(dy, g[1], 1e-5 * Math.max(1, Math.abs(dy)));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("all")
    void boxContainsTheStartAndTheMinimum(Surface surface) {
        assertTrue(surface.box().contains(surface.start()));
        surface.minimum().ifPresent(m -> assertTrue(surface.box().contains(m)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("all")
    void minimumHasZeroLossAndZeroGradient(Surface surface) {
        surface.minimum().ifPresent(m -> {
            assertEquals(0.0, surface.value(m), 1e-12);
            assertArrayEquals(new double[] {0, 0}, surface.gradient(m.x(), m.y()), 1e-12);
        });
    }

    @Test
    void knownMinimaAreWhereTheLiteratureSays() {
        assertEquals(Point.of(1, 1), Surfaces.rosenbrock().minimum().orElseThrow());
        assertEquals(Point.of(3, 0.5), Surfaces.beale().minimum().orElseThrow());
        assertEquals(Point.of(0, 0), Surfaces.illConditioned().minimum().orElseThrow());
    }

    @Test
    void saddleHasAZeroGradientAtTheOriginButNoMinimum() {
        assertTrue(Surfaces.saddle().minimum().isEmpty());
        assertArrayEquals(new double[] {0, 0}, Surfaces.saddle().gradient(0, 0), 0.0);
        assertTrue(Surfaces.saddle().value(0, 1) < Surfaces.saddle().value(0, 0));
    }

    @Test
    void illConditionedQuadraticHasConditionNumberTwenty() {
        Surfaces.Quadratic q = Surfaces.illConditioned();
        assertEquals(0.1 * 4 + 2 * 9, q.value(2, 3), 1e-12);
        assertEquals(20, q.conditionNumber(), 1e-12);
    }

    @Test
    void noisyGradientSourceRepeatsTheSameNoiseForTheSameSeed() {
        Surfaces.NoisyQuadratic noisy = Surfaces.noisyQuadratic(0.1, 2, 1, 42);
        Surface.GradientSource a = noisy.gradientSource();
        Surface.GradientSource b = noisy.gradientSource();
        for (int k = 0; k < 5; k++) {
            assertArrayEquals(a.gradient(1, 1), b.gradient(1, 1), 0.0);
        }
    }

    @Test
    void noisyGradientsDifferFromTheExactOneButAverageToIt() {
        Surfaces.NoisyQuadratic noisy = Surfaces.noisyQuadratic(0.1, 2, 1, 42);
        Surface.GradientSource source = noisy.gradientSource();
        assertNotEquals(noisy.gradient(1, 1)[0], source.gradient(1, 1)[0]);
        double sum = 0;
        int n = 20_000;
        for (int k = 0; k < n; k++) {
            sum += source.gradient(1, 1)[1];
        }
        assertEquals(4.0, sum / n, 4 / Math.sqrt(n)); // exact dy = 2 b y = 4; 4 standard errors
    }

    @Test
    void exactSurfacesGiveTheExactGradientToOptimizers() {
        Surface rosenbrock = Surfaces.rosenbrock();
        assertArrayEquals(rosenbrock.gradient(0.5, 0.5), rosenbrock.gradientSource().gradient(0.5, 0.5), 0.0);
    }
}
