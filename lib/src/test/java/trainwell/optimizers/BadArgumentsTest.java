package trainwell.optimizers;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import trainwell.optimizers.djl.ParameterGroups;
import trainwell.schedules.Schedule;

/** Every public factory and fluent method rejects bad input with a message naming the argument and value. */
class BadArgumentsTest {

    private static final Schedule NO_SCHEDULE = null;

    static Stream<Arguments> badCalls() {
        return Stream.of(
                bad("lr", "-0.1", () -> Optimizers.constant(-0.1)),
                bad("lr", "-0.1", () -> Optimizers.gd(-0.1)),
                bad("lr", "NaN", () -> Optimizers.gd(Double.NaN)),
                bad("learningRate", "null", () -> Optimizers.gd(NO_SCHEDULE)),
                bad("lr", "Infinity", () -> Optimizers.sgd(Double.POSITIVE_INFINITY)),
                bad("learningRate", "null", () -> Optimizers.sgd(NO_SCHEDULE)),
                bad("weightDecay", "-1.0", () -> Optimizers.sgd(0.1).weightDecay(-1)),
                bad("lr", "-1.0", () -> Optimizers.momentum(-1, 0.9)),
                bad("momentum", "1.0", () -> Optimizers.momentum(0.1, 1.0)),
                bad("momentum", "-0.5", () -> Optimizers.momentum(0.1, -0.5)),
                bad("learningRate", "null", () -> Optimizers.momentum(NO_SCHEDULE, 0.9)),
                bad("weightDecay", "NaN", () -> Optimizers.momentum(0.1, 0.9).weightDecay(Double.NaN)),
                bad("lr", "NaN", () -> Optimizers.nesterov(Double.NaN, 0.9)),
                bad("momentum", "0.0", () -> Optimizers.nesterov(0.1, 0.0)),
                bad("learningRate", "null", () -> Optimizers.nesterov(NO_SCHEDULE, 0.9)),
                bad("lr", "-0.1", () -> Optimizers.adaGrad(-0.1)),
                bad("learningRate", "null", () -> Optimizers.adaGrad(NO_SCHEDULE)),
                bad("eps", "0.0", () -> Optimizers.adaGrad(0.1).eps(0)),
                bad("weightDecay", "-0.1", () -> Optimizers.adaGrad(0.1).weightDecay(-0.1)),
                bad("lr", "-0.1", () -> Optimizers.rmsProp(-0.1)),
                bad("learningRate", "null", () -> Optimizers.rmsProp(NO_SCHEDULE)),
                bad("alpha", "1.0", () -> Optimizers.rmsProp(0.1).alpha(1.0)),
                bad("eps", "-1.0E-8", () -> Optimizers.rmsProp(0.1).eps(-1e-8)),
                bad("momentum", "1.5", () -> Optimizers.rmsProp(0.1).momentum(1.5)),
                bad("weightDecay", "-0.1", () -> Optimizers.rmsProp(0.1).weightDecay(-0.1)),
                bad("lr", "-0.001", () -> Optimizers.adam(-1e-3)),
                bad("learningRate", "null", () -> Optimizers.adam(NO_SCHEDULE)),
                bad("beta1", "1.0", () -> Optimizers.adam(1e-3).betas(1.0, 0.999)),
                bad("beta2", "-0.1", () -> Optimizers.adam(1e-3).betas(0.9, -0.1)),
                bad("beta2", "NaN", () -> Optimizers.adam(1e-3).betas(0.9, Double.NaN)),
                bad("eps", "0.0", () -> Optimizers.adam(1e-3).eps(0)),
                bad("weightDecay", "-0.01", () -> Optimizers.adam(1e-3).weightDecay(-0.01)),
                bad("lr", "NaN", () -> Optimizers.adamW(Double.NaN)),
                bad("learningRate", "null", () -> Optimizers.adamW(NO_SCHEDULE)),
                bad("weightDecay", "-0.01", () -> Optimizers.adamW(1e-3).weightDecay(-0.01)),
                bad("lr", "-0.001", () -> Optimizers.rAdam(-1e-3)),
                bad("learningRate", "null", () -> Optimizers.rAdam(NO_SCHEDULE)),
                bad("beta1", "1.2", () -> Optimizers.rAdam(1e-3).betas(1.2, 0.999)),
                bad("eps", "0.0", () -> Optimizers.rAdam(1e-3).eps(0)),
                bad("weightDecay", "-1.0", () -> Optimizers.rAdam(1e-3).weightDecay(-1)),
                bad("weightDecay", "-1.0", () -> Optimizers.rAdam(1e-3).decoupledWeightDecay(-1)),
                bad("lr", "-1.0E-4", () -> Optimizers.lion(-1e-4)),
                bad("learningRate", "null", () -> Optimizers.lion(NO_SCHEDULE)),
                bad("beta2", "1.0", () -> Optimizers.lion(1e-4).betas(0.9, 1.0)),
                bad("weightDecay", "-1.0", () -> Optimizers.lion(1e-4).weightDecay(-1)),
                // OptimizerSpec: the one place of the checks
                bad("momentum", "1.0", () -> OptimizerSpec.momentum(1.0)),
                bad("momentum", "-0.1", () -> OptimizerSpec.sgd().withMomentum(-0.1)),
                bad("dampening", "1.5", () -> OptimizerSpec.momentum(0.9).withDampening(1.5)),
                bad("dampening", "0.5", () -> OptimizerSpec.nesterov(0.9).withDampening(0.5)),
                bad("momentum", "0.0", () -> OptimizerSpec.nesterov(0.0)),
                bad("weightDecay", "-1.0", () -> OptimizerSpec.sgd().withWeightDecay(-1)),
                bad("beta1", "1.0", () -> OptimizerSpec.adam().withBetas(1.0, 0.999)),
                bad("beta2", "NaN", () -> OptimizerSpec.adamW(0.1).withBetas(0.9, Double.NaN)),
                bad("eps", "0.0", () -> OptimizerSpec.adam().withEps(0)),
                bad("weightDecay", "-0.01", () -> OptimizerSpec.adamL2(-0.01)),
                bad("weightDecay", "Infinity", () -> OptimizerSpec.adamW(Double.POSITIVE_INFINITY)),
                bad("alpha", "1.0", () -> OptimizerSpec.rmsProp().withAlpha(1.0)),
                bad("eps", "-1.0E-8", () -> OptimizerSpec.rmsProp().withEps(-1e-8)),
                bad("momentum", "1.5", () -> OptimizerSpec.rmsProp().withMomentum(1.5)),
                bad("eps", "0.0", () -> OptimizerSpec.adaGrad().withEps(0)),
                bad("initialAccumulator", "-1.0", () -> OptimizerSpec.adaGrad().withInitialAccumulator(-1)),
                bad("beta1", "1.2", () -> OptimizerSpec.rAdam().withBetas(1.2, 0.999)),
                bad("eps", "NaN", () -> OptimizerSpec.rAdam().withEps(Double.NaN)),
                bad("beta2", "1.0", () -> OptimizerSpec.lion().withBetas(0.9, 1.0)),
                bad("weightDecay", "-0.1", () -> OptimizerSpec.lion().withWeightDecay(-0.1)),
                bad("beta1", "1.5", () -> OptimizerSpec.scheduleFreeAdamW().withBetas(1.5, 0.999)),
                bad("beta1", "-0.1", () -> OptimizerSpec.scheduleFreeAdamW().withBetas(-0.1, 0.999)),
                bad("beta2", "1.0", () -> OptimizerSpec.scheduleFreeAdamW().withBetas(0.9, 1.0)),
                bad("eps", "0.0", () -> OptimizerSpec.scheduleFreeAdamW().withEps(0)),
                bad("weightDecay", "-0.1", () -> OptimizerSpec.scheduleFreeAdamW(-0.1)),
                bad("warmupSteps", "-1", () -> OptimizerSpec.scheduleFreeAdamW().withWarmupSteps(-1)),
                bad("lr", "-0.1", () -> Optimizers.scheduleFreeAdamW(-0.1)),
                bad("learningRate", "null", () -> Optimizers.scheduleFreeAdamW(NO_SCHEDULE)),
                bad("beta2", "NaN", () -> Optimizers.scheduleFreeAdamW(0.1).betas(0.9, Double.NaN)),
                bad("warmupSteps", "-5", () -> Optimizers.scheduleFreeAdamW(0.1).warmup(-5)),
                bad("warmupSteps", "-2", () -> new trainwell.optimizers.djl.ScheduleFreeAveraging(-2)),
                bad("lr", "null", () -> OptimizerSpec.adam().build(null, ParameterGroups.uniform())),
                bad("groups", "null", () -> OptimizerSpec.adam().build(step -> 0.1, null)),
                bad("lr", "-0.1", () -> OptimizerSpec.lion().fromScratch(-0.1)),
                bad("name", "null", () -> Optimizers.adam(1e-3).named(null)),
                bad("a", "0.0", () -> Surfaces.quadratic(0, 1)),
                bad("b", "-2.0", () -> Surfaces.quadratic(1, -2)),
                bad("noise", "-1.0", () -> Surfaces.noisyQuadratic(1, 1, -1, 0)),
                bad("lr", "0.6", () -> Surfaces.noisyQuadratic(0.1, 2, 1, 0).noiseFloor(0.6)),
                bad("b", "0.0", () -> new Surfaces.Rosenbrock(1, 0)),
                bad("xMax", "-1.0", () -> new Box(0, -1, 0, 1)),
                bad("yMin", "NaN", () -> new Box(0, 1, Double.NaN, 1)),
                bad("surface", "null", () -> TrajectoryRecorder.on(null)),
                bad("steps", "-1", () -> TrajectoryRecorder.on(Surfaces.saddle()).steps(-1)),
                bad("start.x", "NaN", () -> TrajectoryRecorder.on(Surfaces.saddle()).from(Double.NaN, 0)),
                bad("explosionFactor", "1.0", () -> TrajectoryRecorder.on(Surfaces.saddle()).explosionFactor(1)),
                bad("optimizer", "null", () -> TrajectoryRecorder.on(Surfaces.saddle()).record(null)),
                bad("losses.size()", "0",
                        () -> new Trajectory("x", List.of(Point.of(0, 0)), List.of(), false)));
    }

    private static Arguments bad(String argument, String value, Executable call) {
        return Arguments.of(argument, value, call);
    }

    @ParameterizedTest(name = "{0} = {1}")
    @MethodSource("badCalls")
    void rejectsWithAMessageNamingArgumentAndValue(String argument, String value, Executable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertTrue(e.getMessage().startsWith(argument + " "), e.getMessage());
        assertTrue(e.getMessage().contains(value), e.getMessage());
    }

    @Test
    void stepRejectsGradientsOfAnotherLength() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Optimizers.adam(0.1).step(new double[3], new double[2]));
        assertTrue(e.getMessage().startsWith("grads.length must equal params.length (3)"), e.getMessage());
    }

    @Test
    void stepRejectsAParameterVectorOfAnotherLengthUntilReset() {
        Optimizer adam = Optimizers.adam(0.1);
        adam.step(new double[2], new double[2]);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> adam.step(new double[3], new double[3]));
        assertTrue(e.getMessage().startsWith("params.length must stay 2"), e.getMessage());
        adam.reset();
        adam.step(new double[3], new double[3]);
    }

    @Test
    void stepRejectsNullAndEmptyVectors() {
        Optimizer gd = Optimizers.gd(0.1);
        assertThrows(IllegalArgumentException.class, () -> gd.step(null, new double[1]));
        assertThrows(IllegalArgumentException.class, () -> gd.step(new double[1], null));
        assertThrows(IllegalArgumentException.class, () -> gd.step(new double[0], new double[0]));
    }

    @Test
    void stepRejectsAScheduleThatGivesANegativeRate() {
        Optimizer gd = Optimizers.gd(step -> 0.1 - 0.1 * step);
        gd.step(new double[1], new double[1]);
        gd.step(new double[1], new double[1]);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> gd.step(new double[1], new double[1]));
        assertTrue(e.getMessage().startsWith("learning rate at step 2 must be"), e.getMessage());
        assertTrue(e.getMessage().contains("-0.1"), e.getMessage());
    }
}
