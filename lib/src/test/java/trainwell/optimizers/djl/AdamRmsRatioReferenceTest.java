package trainwell.optimizers.djl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import trainwell.optimizers.OptimizerSpec;

/**
 * AdamOptimizer's RMS ratio and second moment against torch.optim's own state (lib/reference/adam_rms.py): the
 * script replays AdamW / Adam and computes sqrt(mean(g^2 / max(exp_avg_sq / (1 - beta2^t), eps^2))) in float64
 * from torch's {@code exp_avg_sq}; here the same gradients go through AdamOptimizer, which computes the ratio
 * itself in float32.
 */
class AdamRmsRatioReferenceTest {

    static final double TOLERANCE = 1e-5;
    static JsonObject reference;
    static NDManager manager;

    @BeforeAll
    static void load() {
        reference = ReferenceJson.load("adam_rms", "adam_rms.json");
        manager = NDManager.newBaseManager();
    }

    @AfterAll
    static void close() {
        manager.close();
    }

    static JsonObject caseNamed(String name) {
        return ReferenceJson.objects(reference.get("cases")).stream()
                .filter(o -> o.get("name").getAsString().equals(name)).findFirst().orElseThrow();
    }

    static OptimizerSpec specOf(JsonObject c) {
        double beta2 = c.get("beta2").getAsDouble();
        double wd = c.get("weightDecay").getAsDouble();
        return c.get("coupled").getAsBoolean() ? OptimizerSpec.adam().withBetas(0.9, beta2).withWeightDecay(wd)
                : OptimizerSpec.adamW(wd).withBetas(0.9, beta2);
    }

    /** Replays a case; returns the RMS ratio of each step for "weight", and checks every stored number. */
    static double[] replay(String name, double[] worst) {
        JsonObject c = caseNamed(name);
        JsonObject shapes = c.getAsJsonObject("shapes");
        long[] weightShape = ReferenceJson.longs(shapes.get("weight"));
        List<JsonObject> steps = ReferenceJson.objects(c.get("steps"));
        double[] weightRms = new double[steps.size()];
        try (NDManager m = manager.newSubManager()) {
            Linear block = Linear.builder().setUnits(weightShape[0]).build();
            block.initialize(m, DataType.FLOAT32, new Shape(1, weightShape[1]));
            List<Parameter> params = new ArrayList<>();
            for (String p : shapes.keySet()) {
                Parameter param = block.getParameters().get(p);
                param.getArray().set(ReferenceJson.floats(c.getAsJsonObject("initial").get(p)));
                params.add(param);
            }
            ParameterGroups groups = ParameterGroups.of(block)
                    .add(ParameterGroup.noDecay(), ParameterGroups::isExcludedFromDecayByDefault)
                    .otherwise(ParameterGroup.decay());
            AdamOptimizer adam = (AdamOptimizer) specOf(c).djlBuilder()
                    .learningRate(c.get("lr").getAsDouble())
                    .groups(groups).build();
            adam.recordRmsRatios(true);
            for (int t = 0; t < steps.size(); t++) {
                JsonObject s = steps.get(t);
                for (Parameter p : params) {
                    try (NDManager stepManager = m.newSubManager()) {
                        NDArray grad = stepManager.create(ReferenceJson.floats(s.getAsJsonObject("grad").get(p.getName())),
                                p.getArray().getShape());
                        adam.update(p.getId(), p.getArray(), grad);
                    }
                }
                Map<String, AdamOptimizer.RmsRatio> ratios = adam.takeRmsRatios();
                assertEquals(params.size(), ratios.size(), name + " step " + t + ": one ratio per parameter");
                for (Parameter p : params) {
                    JsonObject observed = s.getAsJsonObject("observed").getAsJsonObject(p.getName());
                    AdamOptimizer.RmsRatio r = ratios.get(p.getId());
                    assertEquals(observed.get("step").getAsInt(), r.update(), name + ": update number");
                    assertEquals(p.getArray().size(), r.elements());
                    double expected = observed.get("rms").getAsDouble();
                    double err = Math.abs(r.rms() - expected) / expected;
                    worst[0] = Math.max(worst[0], err);
                    assertTrue(err <= TOLERANCE, name + " step " + t + " " + p.getName() + ": rms " + r.rms()
                            + " vs torch " + expected + ", relative error " + err);
                    if (p.getName().equals("weight")) {
                        weightRms[t] = r.rms();
                    }
                    if (observed.has("exp_avg_sq")) {
                        float[] v = ReferenceJson.floats(observed.get("exp_avg_sq"));
                        double[] copy = adam.secondMoment(p.getId()).orElseThrow();
                        float[] actual = new float[copy.length];
                        for (int i = 0; i < copy.length; i++) {
                            actual[i] = (float) copy[i];
                        }
                        double e = ReferenceJson.maxRelativeError(v, actual, ReferenceJson.maxAbs(v));
                        worst[1] = Math.max(worst[1], e);
                        assertTrue(e <= TOLERANCE, name + " step " + t + " " + p.getName() + ": exp_avg_sq error " + e);
                    }
                    if (s.has("param")) {
                        float[] w = ReferenceJson.floats(s.getAsJsonObject("param").get(p.getName()));
                        double e = ReferenceJson.maxRelativeError(w, p.getArray().toFloatArray(), ReferenceJson.maxAbs(w));
                        assertTrue(e <= TOLERANCE, name + " step " + t + " " + p.getName() + ": weight error " + e);
                    }
                }
            }
            adam.close();
        }
        return weightRms;
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"adamw_0.999", "adamw_0.95", "adam_l2_0.999", "jump_0.999", "jump_0.95"})
    void matchesTheRatioComputedFromTorchsState(String name) {
        double[] worst = new double[2];
        replay(name, worst);
        System.out.printf("%s: worst relative error of the RMS ratio %.2e, of exp_avg_sq %.2e%n", name, worst[0], worst[1]);
    }

    @Test
    void aGradient100TimesLargerMakesTheRatioJumpFurtherWithBeta2Of0999Than095() {
        double[] worst = new double[2];
        double[] slow = replay("jump_0.999", worst);
        double[] fast = replay("jump_0.95", worst);
        int jump = caseNamed("jump_0.999").get("jumpAt").getAsInt();
        System.out.printf("RMS ratio of the weight at steps %d..%d (jump x100 at %d):%n  beta2 0.999: %.3f %.3f | %.3f | %.3f %.3f%n"
                + "  beta2 0.95:  %.3f %.3f | %.3f | %.3f %.3f%n", jump - 2, jump + 2, jump,
                slow[jump - 2], slow[jump - 1], slow[jump], slow[jump + 1], slow[jump + 2],
                fast[jump - 2], fast[jump - 1], fast[jump], fast[jump + 1], fast[jump + 2]);
        for (double[] run : new double[][] {slow, fast}) {
            assertTrue(Math.abs(run[jump - 1] - 1) < 0.2, "steady gradients keep the ratio near 1: " + run[jump - 1]);
        }
        // Bounds from the definition: u_t contains (1 - beta2) g_t^2 / (1 - beta2^t), so each element's ratio is at
        // most (1 - beta2^t) / (1 - beta2): RMS <= 13.4 at t = 201 for 0.999, <= 4.47 for 0.95.
        assertTrue(slow[jump] > 10, "beta2 0.999: the ratio jumps far above 1: " + slow[jump]);
        assertTrue(fast[jump] > 3 && fast[jump] < 4.48, "beta2 0.95: it jumps less: " + fast[jump]);
        assertTrue(slow[jump] > 2.5 * fast[jump], "0.999 " + slow[jump] + " vs 0.95 " + fast[jump]);
    }

    @Test
    void recordsNothingUnlessAskedAndNamesBadArguments() {
        try (NDManager m = manager.newSubManager()) {
            Linear block = Linear.builder().setUnits(2).build();
            block.initialize(m, DataType.FLOAT32, new Shape(1, 3));
            Parameter w = block.getParameters().get("weight");
            AdamOptimizer adam = (AdamOptimizer) OptimizerSpec.adamW(0.01).djlBuilder().learningRate(0.01).build();
            assertTrue(adam.secondMoment(w.getId()).isEmpty(), "no state before the first update");
            adam.update(w.getId(), w.getArray(), m.ones(w.getArray().getShape()));
            assertTrue(adam.takeRmsRatios().isEmpty(), "recording is off by default");
            assertEquals(1, adam.updatesOf(w.getId()));
            double[] v = adam.secondMoment(w.getId()).orElseThrow();
            assertEquals(0.001, v[0], 1e-9, "v_1 = (1 - beta2) g^2 with g = 1");
            v[0] = 42;
            assertEquals(0.001, adam.secondMoment(w.getId()).orElseThrow()[0], 1e-9, "a copy, not the state");
            var e = assertThrows(IllegalArgumentException.class, () -> adam.secondMoment(null));
            assertTrue(e.getMessage().contains("parameterId"), e.getMessage());
            adam.close();
        }
    }
}
