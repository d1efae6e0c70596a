package trainwell.optimizers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The teaching schedule-free AdamW follows lib/reference/schedule_free.py (written from the authors'
 * adamw_schedulefree_reference.py and checked bit for bit against it) in float64: y (the parameter vector),
 * x (the average) and z (the base sequence) after each of 30 steps of the stored gradients, to 1e-9.
 */
class ScheduleFreeAdamTest {

    /** Normwise relative error allowed: |ours - torch| / max |torch| over the four coordinates. */
    static final double TOLERANCE = 1e-9;

    /** The Java optimizer of each case of schedule_free_cases.csv (the torch call is listed there). */
    static final Map<String, Supplier<ScheduleFreeAdam>> CASES = new LinkedHashMap<>();

    static {
        CASES.put("schedule_free", () -> Optimizers.scheduleFreeAdamW(0.1));
        CASES.put("schedule_free_warmup_wd",
                () -> Optimizers.scheduleFreeAdamW(0.2).betas(0.95, 0.99).eps(1e-6).weightDecay(0.1).warmup(8));
        CASES.put("schedule_free_changing_lr", () -> OptimizerSpec.scheduleFreeAdamW(0.05).withWarmupSteps(5)
                .fromScratch(step -> 0.1 * Math.pow(0.9, step)));
    }

    static Stream<String> cases() {
        return CASES.keySet().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void yXAndZFollowTheReferenceAfterEveryStep(String name) {
        double[][] grads = PyTorchReferenceTest.read("gradients.csv");
        double[][] y = PyTorchReferenceTest.read(name + ".csv");
        double[][] x = PyTorchReferenceTest.read(name + "_x.csv");
        double[][] z = PyTorchReferenceTest.read(name + "_z.csv");
        ScheduleFreeAdam optimizer = CASES.get(name).get();
        double[] p = y[0].clone();
        double worst = 0;
        for (int k = 0; k < grads.length; k++) {
            optimizer.step(p, grads[k]);
            double[][] ours = {p, optimizer.y(), optimizer.x(), optimizer.z()};
            double[][] theirs = {y[k + 1], y[k + 1], x[k + 1], z[k + 1]};
            String[] what = {"parameters", "y()", "x()", "z()"};
            for (int i = 0; i < ours.length; i++) {
                double err = FamilyAgreementTest.normwise(ours[i], theirs[i]);
                worst = Math.max(worst, err);
                assertTrue(err <= TOLERANCE, name + " step " + (k + 1) + " " + what[i] + ": error " + err);
            }
        }
        System.out.printf("%s: worst normwise error of y, x, z over %d steps %.2e%n", name, grads.length, worst);
    }

    @Test
    void theThreeSequencesReallyDiffer() {
        // Guards against a reference in which x, y and z coincide (any averaging rule would match it).
        for (String name : CASES.keySet()) {
            double[] y = last(name + ".csv");
            double[] x = last(name + "_x.csv");
            double[] z = last(name + "_z.csv");
            assertTrue(FamilyAgreementTest.normwise(x, z) > 0.02 && FamilyAgreementTest.normwise(y, x) > 0.002, name); // far above the 1e-9 tolerance
        }
    }

    @Test
    void atAConstantRateWithoutWarmupXIsThePlainMeanOfTheZs() {
        ScheduleFreeAdam sf = Optimizers.scheduleFreeAdamW(0.1);
        double[] p = {1.0, -2.0};
        double[] sum = {0, 0};
        for (int k = 0; k < 10; k++) {
            sf.step(p, new double[] {2 * p[0] - 0.5, p[1] + 0.1 * k});
            assertEquals(1.0 / (k + 1), sf.lastAveragingWeight(), 1e-15);
            sum[0] += sf.z()[0];
            sum[1] += sf.z()[1];
        }
        assertArrayEquals(new double[] {sum[0] / 10, sum[1] / 10}, sf.x(), 1e-12);
    }

    @Test
    void warmupRaisesTheRateLinearlyAndWeighsEarlyStepsLess() {
        ScheduleFreeAdam sf = Optimizers.scheduleFreeAdamW(0.4).warmup(4);
        double[] p = {1.0};
        double[] rates = new double[6];
        double[] weights = new double[6];
        for (int k = 0; k < 6; k++) {
            sf.step(p, new double[] {1.0});
            rates[k] = sf.lastWarmedUpRate();
            weights[k] = sf.lastAveragingWeight();
        }
        assertArrayEquals(new double[] {0.1, 0.2, 0.3, 0.4, 0.4, 0.4}, rates, 1e-15);
        // w_k = lr_max^2 = 0.01, 0.04, 0.09, 0.16, 0.16, 0.16; c_k = w_k / (w_0 + ... + w_k)
        assertArrayEquals(new double[] {1, 0.04 / 0.05, 0.09 / 0.14, 0.16 / 0.30, 0.16 / 0.46, 0.16 / 0.62},
                weights, 1e-12);
    }

    @Test
    void betaOneTakesTheGradientAtTheAverageAndBetaZeroAtZ() {
        ScheduleFreeAdam atX = Optimizers.scheduleFreeAdamW(0.1).betas(1.0, 0.999);
        ScheduleFreeAdam atZ = Optimizers.scheduleFreeAdamW(0.1).betas(0.0, 0.999);
        double[] p = {1.0, 2.0};
        double[] q = {1.0, 2.0};
        for (int k = 0; k < 5; k++) {
            atX.step(p, new double[] {p[0], -p[1]});
            atZ.step(q, new double[] {q[0], -q[1]});
        }
        assertArrayEquals(atX.x(), p, 0.0);
        assertArrayEquals(atZ.z(), q, 0.0);
    }

    @Test
    void theSequencesAreEmptyBeforeTheFirstStepAndAfterReset() {
        ScheduleFreeAdam sf = Optimizers.scheduleFreeAdamW(0.1);
        assertEquals(0, sf.x().length + sf.y().length + sf.z().length);
        assertTrue(Double.isNaN(sf.lastAveragingWeight()));
        sf.step(new double[] {1, 2}, new double[] {1, 1});
        sf.reset();
        assertEquals(0, sf.x().length + sf.y().length + sf.z().length + sf.secondMoment().length);
    }

    private static double[] last(String file) {
        double[][] rows = PyTorchReferenceTest.read(file);
        return rows[rows.length - 1];
    }
}
