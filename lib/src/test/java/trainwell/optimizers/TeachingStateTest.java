package trainwell.optimizers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The internal state the lessons display: Adam's moments, RAdam's rectification, velocities, sums. */
class TeachingStateTest {

    private static final double[] CONSTANT_GRADIENT = {0.5, -2.0};

    @Test
    void adamsCorrectedFirstMomentEqualsAConstantGradientFromTheFirstStep() {
        Adam adam = Optimizers.adam(0.01);
        double[] p = {0, 0};
        for (int t = 1; t <= 5; t++) {
            adam.step(p, CONSTANT_GRADIENT);
            assertArrayEquals(CONSTANT_GRADIENT, adam.correctedFirstMoment(), 1e-12);
            assertArrayEquals(new double[] {0.25, 4.0}, adam.correctedSecondMoment(), 1e-12);
        }
    }

    @Test
    void adamsRawFirstMomentStartsTenTimesTooSmall() {
        Adam adam = Optimizers.adam(0.01);
        adam.step(new double[] {0, 0}, CONSTANT_GRADIENT);
        assertArrayEquals(new double[] {0.05, -0.2}, adam.firstMoment(), 1e-12);
        assertArrayEquals(new double[] {0.00025, 0.004}, adam.secondMoment(), 1e-12);
    }

    @Test
    void adamStepsByTheRateWhateverTheGradientScale() {
        Adam adam = Optimizers.adam(0.01);
        double[] p = {0, 0};
        adam.step(p, CONSTANT_GRADIENT);
        assertArrayEquals(new double[] {-0.01, 0.01}, adam.lastUpdate(), 1e-9);
        assertArrayEquals(new double[] {0.01 / 0.5, 0.01 / 2.0}, adam.effectiveStepSizes(), 1e-9);
    }

    @Test
    void adamWithoutBiasCorrectionTakesAFirstStepOfOneMinusBeta1OverSqrtOneMinusBeta2TimesTheRate() {
        Adam adam = Optimizers.adam(0.01).withoutBiasCorrection();
        double[] p = {0};
        adam.step(p, new double[] {1.0});
        // m = 0.1, v = 0.001: step = lr * 0.1 / sqrt(0.001) = 3.16 lr instead of lr.
        assertEquals(-0.01 * 0.1 / (Math.sqrt(0.001) + 1e-8), p[0], 1e-12);
    }

    @Test
    void adamsAmsgradKeepsTheLargestSecondMoment() {
        Adam adam = Optimizers.adam(0.01).amsgrad();
        double[] p = {0};
        adam.step(p, new double[] {10.0});
        double afterBig = adam.secondMoment()[0];
        adam.step(p, new double[] {0.0});
        assertTrue(adam.secondMoment()[0] < afterBig);
        // the AMSGrad maximum is still the first v, corrected with the step-2 factor
        assertEquals(afterBig / (1 - Math.pow(0.999, 2)), adam.correctedSecondMoment()[0], 1e-12);
    }

    @Test
    void radamIsNotAdaptiveForItsFirstFiveStepsWithDefaultBetas() {
        RAdam radam = Optimizers.rAdam(0.01);
        double[] p = {0};
        for (int t = 1; t <= 5; t++) {
            radam.step(p, new double[] {1.0});
            assertFalse(radam.rectified(), "step " + t);
            assertTrue(Double.isNaN(radam.rectification()));
            assertEquals(-0.01, radam.lastUpdate()[0], 1e-12); // bias-corrected momentum of a constant 1
        }
        radam.step(p, new double[] {1.0});
        assertTrue(radam.rectified());
        assertEquals(5.994163751655833, radam.rho(), 1e-9);
        assertTrue(radam.rectification() > 0 && radam.rectification() < 1);
    }

    @Test
    void momentumVelocityApproachesTheGradientOverOneMinusMu() {
        Momentum momentum = Optimizers.momentum(0.001, 0.9);
        double[] p = {0, 0};
        for (int t = 0; t < 200; t++) {
            momentum.step(p, CONSTANT_GRADIENT);
        }
        assertArrayEquals(new double[] {5.0, -20.0}, momentum.velocity(), 1e-6);
    }

    @Test
    void adaGradAccumulatesTheSquaredGradients() {
        AdaGrad adaGrad = Optimizers.adaGrad(0.1);
        double[] p = {0, 0};
        adaGrad.step(p, CONSTANT_GRADIENT);
        adaGrad.step(p, CONSTANT_GRADIENT);
        assertArrayEquals(new double[] {0.5, 8.0}, adaGrad.sumOfSquares(), 1e-12);
    }

    @Test
    void rmsPropSquareAverageIsADecayingMeanOfSquaredGradients() {
        RmsProp rmsProp = Optimizers.rmsProp(0.01);
        rmsProp.step(new double[] {0, 0}, CONSTANT_GRADIENT);
        assertArrayEquals(new double[] {0.01 * 0.25, 0.01 * 4.0}, rmsProp.squareAverage(), 1e-12);
    }

    @Test
    void stateIsEmptyBeforeTheFirstStepAndAfterReset() {
        Adam adam = Optimizers.adam(0.01);
        assertEquals(0, adam.firstMoment().length);
        adam.step(new double[] {0, 0}, CONSTANT_GRADIENT);
        adam.reset();
        assertEquals(0, adam.firstMoment().length);
        assertEquals(0, adam.lastUpdate().length);
    }
}
