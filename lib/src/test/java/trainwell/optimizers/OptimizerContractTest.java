package trainwell.optimizers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** What every optimizer promises: step count, reset, last update and rate, names, fluent copies. */
class OptimizerContractTest {

    static Stream<Optimizer> all() {
        return Stream.of(Optimizers.gd(0.1), Optimizers.sgd(0.1), Optimizers.momentum(0.1, 0.9),
                Optimizers.nesterov(0.1, 0.9), Optimizers.adaGrad(0.1), Optimizers.rmsProp(0.1),
                Optimizers.adam(0.1), Optimizers.adamW(0.1), Optimizers.rAdam(0.1), Optimizers.lion(0.1),
                Optimizers.scheduleFreeAdamW(0.1));
    }

    private static double[] run(Optimizer optimizer, int steps) {
        double[] p = {1.0, -2.0};
        for (int k = 0; k < steps; k++) {
            optimizer.step(p, new double[] {2 * p[0] + 0.3, 4 * p[1] - 0.1 * k});
        }
        return p;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("all")
    void resetStartsTheSameRunAgain(Optimizer optimizer) {
        double[] first = run(optimizer, 7);
        assertEquals(7, optimizer.stepCount());
        optimizer.reset();
        assertEquals(0, optimizer.stepCount());
        assertArrayEquals(first, run(optimizer, 7), 0.0);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("all")
    void lastUpdateIsTheChangeOfTheLastStep(Optimizer optimizer) {
        double[] p = {1.0, -2.0};
        double[] before = p.clone();
        optimizer.step(p, new double[] {0.5, -0.25});
        double[] update = optimizer.lastUpdate();
        assertEquals(p[0] - before[0], update[0], 0.0);
        assertEquals(p[1] - before[1], update[1], 0.0);
        assertNotEquals(0.0, update[0]);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("all")
    void namedCopyHasTheNewNameAndTheSameRule(Optimizer optimizer) {
        Optimizer copy = optimizer.named("mine");
        assertEquals("mine", copy.name());
        assertArrayEquals(run(optimizer, 5), run(copy, 5), 0.0);
    }

    @Test
    void learningRateScheduleIsReadAtZeroBasedSteps() {
        Optimizer gd = Optimizers.gd(step -> 1.0 / (step + 1));
        double[] p = {0};
        gd.step(p, new double[] {1});
        assertEquals(1.0, gd.lastLearningRate(), 0.0);
        gd.step(p, new double[] {1});
        assertEquals(0.5, gd.lastLearningRate(), 0.0);
        assertEquals(-1.5, p[0], 1e-15);
    }

    @Test
    void lastLearningRateIsNaNBeforeTheFirstStep() {
        assertTrue(Double.isNaN(Optimizers.adam(0.1).lastLearningRate()));
    }

    @Test
    void defaultNamesTellTheVariantsApart() {
        assertEquals("GD", Optimizers.gd(0.1).name());
        assertEquals("SGD", Optimizers.sgd(0.1).name());
        assertEquals("Momentum 0.9", Optimizers.momentum(0.1, 0.9).name());
        assertEquals("Nesterov 0.9", Optimizers.nesterov(0.1, 0.9).name());
        assertEquals("Adam", Optimizers.adam(0.1).name());
        assertEquals("Adam (L2)", Optimizers.adam(0.1).weightDecay(0.01).name());
        assertEquals("AdamW", Optimizers.adamW(0.1).name());
        assertEquals("Adam AMSGrad", Optimizers.adam(0.1).amsgrad().name());
        assertEquals("RMSProp (centered)", Optimizers.rmsProp(0.1).centered().name());
    }

    @Test
    void fluentMethodsKeepAGivenName() {
        assertEquals("mine", Optimizers.adam(0.1).named("mine").betas(0.8, 0.9).name());
    }

    @Test
    void fluentMethodsReturnCopiesAndLeaveTheOriginalUnchanged() {
        Adam adam = Optimizers.adam(0.1);
        Adam other = adam.betas(0.8, 0.9);
        assertEquals(0.9, adam.settings().beta1(), 0.0);
        assertEquals(0.8, other.settings().beta1(), 0.0);
    }

    @Test
    void adamWDefaultsToPyTorchsWeightDecay() {
        OptimizerSpec.Adam s = Optimizers.adamW(1e-3).settings();
        assertEquals(0.01, s.weightDecay(), 0.0);
        assertTrue(s.decoupled());
    }

    @Test
    void adamWithWeightDecayIsNotAdamW() {
        // The same decay, coupled or decoupled, gives different steps once v differs from 1.
        double[] coupled = run(Optimizers.adam(0.1).weightDecay(0.1), 10);
        double[] decoupled = run(Optimizers.adamW(0.1).weightDecay(0.1), 10);
        assertNotEquals(coupled[0], decoupled[0]);
    }

    @Test
    void zeroLearningRateLeavesTheParametersAlone() {
        assertArrayEquals(new double[] {1.0, -2.0}, run(Optimizers.adam(0.0), 3), 0.0);
    }
}
