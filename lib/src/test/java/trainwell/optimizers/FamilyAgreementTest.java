package trainwell.optimizers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import trainwell.optimizers.djl.TorchStyleOptimizer;
import trainwell.schedules.Schedule;

/**
 * One {@link OptimizerSpec} builds two optimizers: the teaching one on {@code double[]} and the DJL one on
 * float32 arrays. For every PyTorch reference case of lib/reference/optimizers.py and optimizer_families.py
 * (30 steps of a stored gradient sequence), both are built from the same spec and fed the same gradients;
 * after every step the DJL parameters agree with the teaching ones and with torch's float64 parameters to
 * float32 precision (the teaching ones agree with torch to 1e-6 relative: {@link PyTorchReferenceTest}).
 */
class FamilyAgreementTest {

    /**
     * Normwise relative error |djl - expected| / max |expected| after each step. float32 keeps about 7
     * digits; the worst case over the 28 cases and 30 steps is about 3e-7 (AdamW).
     */
    static final double FLOAT32_TOLERANCE = 1e-6;

    /** The spec and learning rate of each reference case (the torch call is in cases.csv / families_cases.csv). */
    static final Map<String, Case> CASES = new LinkedHashMap<>();

    record Case(OptimizerSpec spec, Schedule lr) {}

    static void put(String name, OptimizerSpec spec, double lr) {
        CASES.put(name, new Case(spec, step -> lr));
    }

    static {
        put("sgd", OptimizerSpec.sgd(), 0.1);
        put("sgd_wd", OptimizerSpec.sgd().withWeightDecay(0.1), 0.1);
        put("momentum", OptimizerSpec.momentum(0.9), 0.05);
        put("momentum_wd", OptimizerSpec.momentum(0.9).withWeightDecay(0.01), 0.05);
        put("nesterov", OptimizerSpec.nesterov(0.9), 0.05);
        put("nesterov_wd", OptimizerSpec.nesterov(0.8).withWeightDecay(0.05), 0.05);
        CASES.put("momentum_exponential_lr", new Case(OptimizerSpec.momentum(0.9), step -> 0.1 * Math.pow(0.9, step)));
        put("adagrad", OptimizerSpec.adaGrad(), 0.1);
        put("adagrad_wd", OptimizerSpec.adaGrad().withWeightDecay(0.1).withEps(1e-6), 0.1);
        put("rmsprop", OptimizerSpec.rmsProp(), 0.01);
        put("rmsprop_momentum", OptimizerSpec.rmsProp().withMomentum(0.9), 0.01);
        put("rmsprop_centered", OptimizerSpec.rmsProp().withCentered(true), 0.01);
        put("rmsprop_centered_momentum_wd", OptimizerSpec.rmsProp().withAlpha(0.9).withEps(1e-6).withMomentum(0.5)
                .withCentered(true).withWeightDecay(0.1), 0.01);
        put("adam", OptimizerSpec.adam(), 0.1);
        put("adam_betas_eps", OptimizerSpec.adam().withBetas(0.9, 0.98).withEps(1e-9), 0.1);
        put("adam_l2", OptimizerSpec.adamL2(0.1), 0.1);
        put("adam_amsgrad", OptimizerSpec.adam().withAmsgrad(true), 0.1);
        CASES.put("adam_exponential_lr", new Case(OptimizerSpec.adam(), step -> 0.1 * Math.pow(0.9, step)));
        put("adamw", OptimizerSpec.adamW(), 0.1);
        put("adamw_wd_amsgrad", OptimizerSpec.adamW(0.5).withAmsgrad(true), 0.1);
        put("radam", OptimizerSpec.rAdam(), 0.1);
        put("radam_wd", OptimizerSpec.rAdam().withWeightDecay(0.1), 0.1);
        put("radam_decoupled_wd", OptimizerSpec.rAdam().withWeightDecay(0.1).withDecoupled(true), 0.1);
        put("sgd_dampening", OptimizerSpec.momentum(0.9).withDampening(0.5), 0.05);
        put("sgd_dampening_wd", OptimizerSpec.momentum(0.8).withDampening(0.8).withWeightDecay(0.05), 0.05);
        put("adagrad_initial_accumulator", OptimizerSpec.adaGrad().withInitialAccumulator(0.5), 0.1);
        put("lion", OptimizerSpec.lion(), 0.05);
        put("lion_betas_wd", OptimizerSpec.lion().withBetas(0.95, 0.98).withWeightDecay(0.1), 0.05);
        // schedule-free AdamW: both versions' parameters hold y
        put("schedule_free", OptimizerSpec.scheduleFreeAdamW(), 0.1);
        put("schedule_free_warmup_wd", OptimizerSpec.scheduleFreeAdamW(0.1).withBetas(0.95, 0.99).withEps(1e-6)
                .withWarmupSteps(8), 0.2);
        CASES.put("schedule_free_changing_lr", new Case(OptimizerSpec.scheduleFreeAdamW(0.05).withWarmupSteps(5),
                step -> 0.1 * Math.pow(0.9, step)));
    }

    static NDManager manager;

    @BeforeAll
    static void open() {
        manager = NDManager.newBaseManager();
    }

    @AfterAll
    static void close() {
        manager.close();
    }

    static Stream<String> cases() {
        return CASES.keySet().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void teachingAndDjlVersionsAgreeWithEachOtherAndWithTorch(String name) {
        Case c = CASES.get(name);
        double[][] grads = PyTorchReferenceTest.read("gradients.csv");
        double[][] torch = PyTorchReferenceTest.read(name + ".csv");
        Optimizer teaching = c.spec().fromScratch(c.lr());
        double[] p = torch[0].clone();
        double worst = 0;
        try (NDManager m = manager.newSubManager();
                TorchStyleOptimizer djl = c.spec().djlBuilder().learningRate(c.lr()::at).build()) {
            NDArray weight = m.create(toFloats(p));
            for (int k = 0; k < grads.length; k++) {
                teaching.step(p, grads[k]);
                try (NDManager stepManager = m.newSubManager()) {
                    djl.update("p", weight, stepManager.create(toFloats(grads[k])));
                }
                float[] ours = weight.toFloatArray();
                double vsTorch = normwise(ours, torch[k + 1]);
                double vsTeaching = normwise(ours, p);
                worst = Math.max(worst, Math.max(vsTorch, vsTeaching));
                assertTrue(vsTorch <= FLOAT32_TOLERANCE, name + " step " + (k + 1) + ": DJL vs torch " + vsTorch);
                assertTrue(vsTeaching <= FLOAT32_TOLERANCE,
                        name + " step " + (k + 1) + ": DJL vs double[] " + vsTeaching);
            }
        }
        assertEquals(grads.length, teaching.stepCount());
        System.out.printf("%s: worst normwise error of the DJL version over %d steps %.2e%n", name, grads.length, worst);
    }

    @Test
    void everyReferenceCaseIsCheckedOnBothSides() throws IOException {
        List<String> listed = new ArrayList<>();
        for (String file : PyTorchReferenceTest.CASE_LISTS) {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(
                    FamilyAgreementTest.class.getResourceAsStream("/reference/optimizers/" + file),
                    StandardCharsets.UTF_8))) {
                reader.readLine();
                for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                    listed.add(line.substring(0, line.indexOf(',')));
                }
            }
        }
        assertEquals(listed.stream().sorted().toList(), CASES.keySet().stream().sorted().toList());
    }

    /**
     * Every family but Muon, whose teaching version works on a matrix rather than a {@code double[]}: its two
     * versions are checked against each other and against lib/reference/muon.py in MuonTest and
     * djl.MuonOptimizerTest.
     */
    @Test
    void everyFamilyIsCovered() {
        var families = CASES.values().stream().map(c -> c.spec().getClass()).distinct().count();
        assertEquals(OptimizerSpec.class.getPermittedSubclasses().length - 1, families);
    }

    @Test
    void aWrongHyperParameterOnOneSideIsCaught() {
        // the check has teeth: a DJL Adam with beta2 0.99 instead of 0.999 departs from torch's Adam(lr=0.1)
        double[][] grads = PyTorchReferenceTest.read("gradients.csv");
        double[][] torch = PyTorchReferenceTest.read("adam.csv");
        try (NDManager m = manager.newSubManager();
                TorchStyleOptimizer djl = OptimizerSpec.adam().withBetas(0.9, 0.99).djlBuilder().learningRate(0.1).build()) {
            NDArray weight = m.create(toFloats(torch[0]));
            double worst = 0;
            for (int k = 0; k < grads.length; k++) {
                djl.update("p", weight, m.create(toFloats(grads[k])));
                worst = Math.max(worst, normwise(weight.toFloatArray(), torch[k + 1]));
            }
            assertTrue(worst > 100 * FLOAT32_TOLERANCE, "worst " + worst);
        }
    }

    private static float[] toFloats(double[] values) {
        float[] out = new float[values.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) values[i];
        }
        return out;
    }

    private static double normwise(float[] actual, double[] expected) {
        double[] widened = new double[actual.length];
        for (int i = 0; i < actual.length; i++) {
            widened[i] = actual[i];
        }
        return normwise(widened, expected);
    }

    /** max |actual - expected| / max |expected| (infinite for NaN). */
    static double normwise(double[] actual, double[] expected) {
        double scale = 0;
        double err = 0;
        for (int i = 0; i < expected.length; i++) {
            scale = Math.max(scale, Math.abs(expected[i]));
            double e = Math.abs(actual[i] - expected[i]);
            err = Math.max(err, Double.isNaN(e) ? Double.POSITIVE_INFINITY : e);
        }
        return err / scale;
    }
}
