package trainwell.optimizers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Convergence on the ill-conditioned quadratic 0.1 x^2 + 2 y^2 and the failure modes the lessons show. */
class FailureModesTest {

    private static final Surfaces.Quadratic QUADRATIC = Surfaces.illConditioned();
    private static final TrajectoryRecorder RECORDER = TrajectoryRecorder.on(QUADRATIC).steps(500);

    static Stream<Arguments> convergingOptimizers() {
        return Stream.of(
                Arguments.of(Optimizers.gd(0.4), 1e-6),
                Arguments.of(Optimizers.momentum(0.1, 0.9), 1e-6),
                Arguments.of(Optimizers.nesterov(0.1, 0.9), 1e-6),
                Arguments.of(Optimizers.adaGrad(1.0), 1e-6),
                Arguments.of(Optimizers.rmsProp(0.05), 1e-3),
                Arguments.of(Optimizers.adam(0.1), 1e-4),
                Arguments.of(Optimizers.adam(0.1).amsgrad(), 1e-4),
                Arguments.of(Optimizers.adamW(0.1), 1e-4),
                Arguments.of(Optimizers.rAdam(0.1), 1e-3),
                Arguments.of(Optimizers.lion(0.05), 1e-3));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("convergingOptimizers")
    void everyOptimizerReachesTheMinimumOfTheQuadratic(Optimizer optimizer, double tolerance) {
        Trajectory run = RECORDER.record(optimizer);
        assertFalse(run.diverged());
        assertTrue(run.finalLoss() < tolerance * run.losses().get(0),
                optimizer.name() + " ended at loss " + run.finalLoss());
    }

    @Test
    void twoOverLargestCurvatureIsTheStabilityLimitOfTheQuadratic() {
        assertEquals(4.0, QUADRATIC.largestCurvature(), 1e-12);
        assertEquals(0.5, QUADRATIC.stableStepLimit(), 1e-12);
    }

    @Test
    void gradientDescentJustBelowTwoOverLOscillatesAcrossTheValleyButConverges() {
        Trajectory run = RECORDER.record(Optimizers.gd(0.45));
        List<Point> points = run.points();
        for (int k = 1; k < 20; k++) {
            // y' = (1 - lr * 4) y = -0.8 y: the steep coordinate flips sign every step.
            assertTrue(points.get(k).y() * points.get(k - 1).y() < 0, "no sign flip at step " + k);
        }
        assertFalse(run.diverged());
        assertTrue(run.finalLoss() < 1e-10);
    }

    @Test
    void gradientDescentAboveTwoOverLDiverges() {
        Trajectory run = TrajectoryRecorder.on(QUADRATIC).steps(1000).record(Optimizers.gd(0.55));
        assertTrue(run.diverged());
        assertTrue(run.steps() < 1000);
        double firstY = Math.abs(run.points().get(0).y());
        assertTrue(Math.abs(run.end().y()) > 1000 * firstY, "|y| grew only to " + run.end().y());
    }

    @Test
    void divergingRunKeepsOnlyFiniteRecordedValues() {
        Trajectory run = TrajectoryRecorder.on(QUADRATIC).steps(100_000).record(Optimizers.gd(3.0));
        assertTrue(run.diverged());
        for (double loss : run.lossArray()) {
            assertTrue(Double.isFinite(loss));
        }
    }

    @Test
    void momentumNeedsFewerThanHalfTheStepsOfGradientDescentAtTheSameRate() {
        int gd = stepsToReach1e6(Optimizers.gd(0.25));
        int momentum = stepsToReach1e6(Optimizers.momentum(0.25, 0.5));
        assertTrue(2 * momentum < gd, "momentum " + momentum + " steps vs GD " + gd);
    }

    @Test
    void tunedMomentumBeatsGradientDescentAtItsBestRate() {
        // GD's best rate is 2 / (L + mu); heavy ball's is 4 / (sqrt L + sqrt mu)^2 with
        // momentum ((sqrt k - 1) / (sqrt k + 1))^2 (Polyak 1964), k the condition number.
        double big = QUADRATIC.largestCurvature();
        double small = QUADRATIC.smallestCurvature();
        double rootK = Math.sqrt(QUADRATIC.conditionNumber());
        int gd = stepsToReach1e6(Optimizers.gd(2 / (big + small)));
        double lr = 4 / Math.pow(Math.sqrt(big) + Math.sqrt(small), 2);
        int momentum = stepsToReach1e6(Optimizers.momentum(lr, Math.pow((rootK - 1) / (rootK + 1), 2)));
        assertTrue(2 * momentum < gd, "momentum " + momentum + " steps vs GD " + gd);
    }

    private static int stepsToReach1e6(Optimizer optimizer) {
        Trajectory run = TrajectoryRecorder.on(QUADRATIC).steps(2000).record(optimizer);
        return run.firstStepBelow(1e-6).orElseThrow();
    }

    // SGD on a noisy quadratic: with a constant rate the loss stops falling at a level set by lr * noise^2.
    private static final Surfaces.NoisyQuadratic NOISY = Surfaces.noisyQuadratic(0.5, 1.0, 1.0, 7);

    @Test
    void sgdWithConstantRateSettlesAtThePredictedNoiseFloor() {
        double lr = 0.1;
        double tail = tailMean(TrajectoryRecorder.on(NOISY).steps(5000).record(Optimizers.sgd(lr)), 1000);
        double floor = NOISY.noiseFloor(lr);
        assertEquals(floor, tail, 0.25 * floor, "tail loss " + tail + " vs predicted " + floor);
    }

    @Test
    void sgdWithConstantRateStopsImprovingOnTheNoisyQuadratic() {
        Trajectory run = TrajectoryRecorder.on(NOISY).steps(5000).record(Optimizers.sgd(0.1));
        double middle = mean(run.lossArray(), 1000, 3000);
        double late = mean(run.lossArray(), 3000, 5001);
        assertTrue(late > 0.7 * middle, "late " + late + " vs middle " + middle);
        double exact = TrajectoryRecorder.on(NOISY.quadratic()).steps(5000).record(Optimizers.gd(0.1)).finalLoss();
        assertTrue(late > 1e6 * exact, "late " + late + " vs exact-gradient GD " + exact);
    }

    @Test
    void halvingTheRateHalvesTheNoiseFloor() {
        double high = tailMean(TrajectoryRecorder.on(NOISY).steps(5000).record(Optimizers.sgd(0.1)), 1000);
        double low = tailMean(TrajectoryRecorder.on(NOISY).steps(5000).record(Optimizers.sgd(0.05)), 1000);
        assertEquals(0.5, low / high, 0.15);
    }

    @Test
    void aDecayingRateGoesBelowTheConstantRateFloor() {
        double constant = tailMean(TrajectoryRecorder.on(NOISY).steps(5000).record(Optimizers.sgd(0.1)), 4500);
        double decaying = tailMean(TrajectoryRecorder.on(NOISY).steps(5000)
                .record(Optimizers.sgd(step -> 0.1 / (1 + step / 100.0))), 4500);
        assertTrue(decaying < 0.2 * constant, "decaying " + decaying + " vs constant " + constant);
    }

    private static double tailMean(Trajectory run, int from) {
        double[] losses = run.lossArray();
        return mean(losses, from, losses.length);
    }

    private static double mean(double[] values, int from, int to) {
        double sum = 0;
        for (int k = from; k < to; k++) {
            sum += values[k];
        }
        return sum / (to - from);
    }
}
