package trainwell.optimizers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;

/**
 * Lion against steps computed by hand from Algorithm 2 of Chen et al. 2023 (PyTorch has no Lion):
 * c = b1 m + (1 - b1) g; p -= lr (sign(c) + wd p); m = b2 m + (1 - b2) g, with b1 0.9, b2 0.99.
 */
class LionTest {

    private static final double TOL = 1e-12;

    @Test
    void firstStepMovesEveryParameterByExactlyTheRateAgainstTheGradientSign() {
        Lion lion = Optimizers.lion(0.1);
        double[] p = {1.0, -0.5};
        // m = 0, so c = 0.1 g = (0.03, -0.02): signs (+, -).
        lion.step(p, new double[] {0.3, -0.2});
        assertArrayEquals(new double[] {0.9, -0.4}, p, TOL);
        // m = 0.01 g
        assertArrayEquals(new double[] {0.003, -0.002}, lion.momentum(), TOL);
    }

    @Test
    void secondStepFollowsTheNewGradientWhenItOutweighsTheMomentum() {
        Lion lion = Optimizers.lion(0.1);
        double[] p = {1.0, -0.5};
        lion.step(p, new double[] {0.3, -0.2});
        // c = 0.9 (0.003, -0.002) + 0.1 (-0.05, 0.1) = (-0.0023, 0.0082): signs (-, +).
        lion.step(p, new double[] {-0.05, 0.1});
        assertArrayEquals(new double[] {1.0, -0.5}, p, TOL);
        // m = 0.99 (0.003, -0.002) + 0.01 (-0.05, 0.1) = (0.00247, -0.00098)
        assertArrayEquals(new double[] {0.00247, -0.00098}, lion.momentum(), TOL);
    }

    @Test
    void thirdStepFollowsTheMomentumAgainstASmallOpposingGradient() {
        Lion lion = Optimizers.lion(0.1);
        double[] p = {1.0, -0.5};
        lion.step(p, new double[] {0.3, -0.2});
        lion.step(p, new double[] {-0.05, 0.1});
        // c = 0.9 (0.00247, -0.00098) + 0.1 (-0.02, 0) = (0.000223, -0.000882): signs (+, -),
        // although the gradient of p0 is negative.
        lion.step(p, new double[] {-0.02, 0.0});
        assertArrayEquals(new double[] {0.9, -0.4}, p, TOL);
        // m = 0.99 (0.00247, -0.00098) + 0.01 (-0.02, 0) = (0.0022453, -0.0009702)
        assertArrayEquals(new double[] {0.0022453, -0.0009702}, lion.momentum(), TOL);
    }

    @Test
    void decoupledWeightDecayShrinksTheOldWeightAlongsideTheSignStep() {
        Lion lion = Optimizers.lion(0.1).weightDecay(0.5);
        double[] p = {1.0, -0.5};
        lion.step(p, new double[] {0.3, -0.2});
        // p0 = 1 - 0.1 (1 + 0.5 * 1) = 0.85; p1 = -0.5 - 0.1 (-1 + 0.5 * -0.5) = -0.375
        assertArrayEquals(new double[] {0.85, -0.375}, p, TOL);
    }

    @Test
    void otherBetasChangeTheInterpolation() {
        Lion lion = Optimizers.lion(0.1).betas(0.5, 0.9);
        double[] p = {0.0};
        lion.step(p, new double[] {1.0});  // m = 0.1
        lion.step(p, new double[] {-0.3}); // c = 0.5 * 0.1 + 0.5 * -0.3 = -0.1: sign -, so p goes back up
        assertArrayEquals(new double[] {0.0}, p, TOL);
        assertArrayEquals(new double[] {0.9 * 0.1 + 0.1 * -0.3}, lion.momentum(), TOL);
    }

    @Test
    void aZeroGradientOnAFreshOptimizerDoesNotMove() {
        Lion lion = Optimizers.lion(0.1);
        double[] p = {2.0};
        lion.step(p, new double[] {0.0});
        assertArrayEquals(new double[] {2.0}, p, 0.0);
    }
}
