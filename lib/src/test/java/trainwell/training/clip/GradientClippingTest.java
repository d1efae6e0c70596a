package trainwell.training.clip;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.ParameterList;
import ai.djl.training.GradientCollector;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import com.google.gson.JsonObject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import trainwell.optimizers.djl.ReferenceJson;

/** Global-norm clipping reproduces torch.nn.utils.clip_grad_norm_; DJL's optClipGrad does not. */
class GradientClippingTest {

    static final double TOLERANCE = 1e-6;
    final JsonObject reference = ReferenceJson.load("clipping.json");
    NDManager manager;

    @BeforeEach
    void open() {
        manager = NDManager.newBaseManager();
    }

    @AfterEach
    void close() {
        manager.close();
    }

    /** Parameters p0, p1, ... of the given shapes whose gradients are exactly {@code grads}. */
    ParameterList withGradients(List<long[]> shapes, List<float[]> grads) {
        ParameterList list = new ParameterList();
        NDArray loss = null;
        for (int i = 0; i < shapes.size(); i++) {
            NDArray array = manager.zeros(new Shape(shapes.get(i)));
            array.setRequiresGradient(true);
            list.add("p" + i, Parameter.builder().setName("p" + i).setType(Parameter.Type.WEIGHT)
                    .optArray(array).build());
        }
        try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            for (int i = 0; i < shapes.size(); i++) {
                // d/dp sum(p * G) = G
                NDArray term = list.get(i).getValue().getArray().mul(manager.create(grads.get(i), new Shape(shapes.get(i))))
                        .sum();
                loss = loss == null ? term : loss.add(term);
            }
            collector.backward(loss);
        }
        return list;
    }

    ParameterList referenceParameters() {
        List<long[]> shapes = ReferenceJson.objects(wrap(reference.get("shapes"))).stream()
                .map(o -> ReferenceJson.longs(o.get("v"))).toList();
        List<float[]> grads = ReferenceJson.objects(wrap(reference.get("grads"))).stream()
                .map(o -> ReferenceJson.floats(o.get("v"))).toList();
        return withGradients(shapes, grads);
    }

    static com.google.gson.JsonArray wrap(com.google.gson.JsonElement arrays) {
        com.google.gson.JsonArray out = new com.google.gson.JsonArray();
        arrays.getAsJsonArray().forEach(a -> {
            JsonObject o = new JsonObject();
            o.add("v", a);
            out.add(o);
        });
        return out;
    }

    static float[] gradient(Parameter p) {
        try (NDArray g = p.getArray().getGradient()) {
            return g.toFloatArray();
        }
    }

    @Test
    void returnsPyTorchsTotalNormAndScalesLikeClipGradNorm() {
        for (JsonObject c : ReferenceJson.objects(reference.get("cases"))) {
            ParameterList params = referenceParameters();
            double maxNorm = c.get("maxNorm").getAsDouble();
            double total = GradientClipping.clipGlobalNorm(params, maxNorm);
            double expectedTotal = c.get("totalNorm").getAsDouble();
            assertEquals(expectedTotal, total, TOLERANCE * expectedTotal, "total norm, maxNorm " + maxNorm);
            List<JsonObject> clipped = ReferenceJson.objects(wrap(c.get("clipped")));
            for (int i = 0; i < params.size(); i++) {
                float[] expected = ReferenceJson.floats(clipped.get(i).get("v"));
                double err = ReferenceJson.maxRelativeError(expected, gradient(params.get(i).getValue()),
                        ReferenceJson.maxAbs(expected));
                assertTrue(err <= TOLERANCE, "maxNorm " + maxNorm + " p" + i + ": relative error " + err);
            }
        }
    }

    @Test
    void leavesGradientsAloneWhenTheNormIsBelowMaxNorm() {
        ParameterList params = withGradients(List.of(new long[] {2}), List.of(new float[] {3, 4}));
        assertEquals(5.0, GradientClipping.clipGlobalNorm(params, 10), 1e-6);
        assertArrayEquals(new float[] {3, 4}, gradient(params.get(0).getValue()));
    }

    @Test
    void scalesTheWholeVectorToMaxNormKeepingItsDirection() {
        ParameterList params = withGradients(List.of(new long[] {1}, new long[] {1}), List.of(new float[] {3},
                new float[] {-4}));
        GradientClipping.clipGlobalNorm(params, 1);
        float scale = (float) (1 / (5 + GradientClipping.EPS));
        assertEquals(3 * scale, gradient(params.get(0).getValue())[0], 1e-7);
        assertEquals(-4 * scale, gradient(params.get(1).getValue())[0], 1e-7);
    }

    @Test
    void perParameterNormsMatchPyTorch() {
        ParameterList params = referenceParameters();
        double[] expected = ReferenceJson.doubles(ReferenceJson.objects(reference.get("cases")).get(0)
                .get("perParameterNorms"));
        Map<String, Double> norms = GradientNorms.perParameter(params);
        assertEquals(List.of("p0", "p1", "p2"), List.copyOf(norms.keySet()));
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], norms.get("p" + i), TOLERANCE * expected[i]);
        }
    }

    @Test
    void frozenParametersAreLeftOut() {
        ParameterList params = withGradients(List.of(new long[] {2}, new long[] {2}), List.of(new float[] {3, 4},
                new float[] {1, 1}));
        params.get(1).getValue().freeze(true);
        assertEquals(Map.of("p0", 5.0), GradientNorms.perParameter(params));
        assertEquals(5.0, GradientNorms.global(params), 1e-6);
    }

    @Test
    void nonFiniteGradientsAreReportedAndLeftUnchanged() {
        ParameterList params = withGradients(List.of(new long[] {2}), List.of(new float[] {Float.NaN, 1}));
        double total = GradientClipping.clipGlobalNorm(params, 1);
        assertFalse(Double.isFinite(total));
        assertEquals(1f, gradient(params.get(0).getValue())[1]);
    }

    @Test
    void zeroGradientsClearsEvenNaNForASkippedStep() {
        ParameterList params = withGradients(List.of(new long[] {2}), List.of(new float[] {Float.NaN, 1}));
        GradientClipping.zeroGradients(params);
        assertArrayEquals(new float[] {0, 0}, gradient(params.get(0).getValue()));
    }

    @Test
    void clippingLeavesNoArraysBehindInTheManager() {
        ParameterList params = referenceParameters();
        int before = manager.getManagedArrays().size();
        for (int i = 0; i < 100; i++) {
            GradientClipping.clipGlobalNorm(params, 0.5);
            GradientNorms.perParameter(params);
        }
        assertEquals(before, manager.getManagedArrays().size());
    }

    @Test
    void rejectsMaxNormThatIsNotPositive() {
        ParameterList params = new ParameterList();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> GradientClipping.clipGlobalNorm(params, 0));
        assertTrue(e.getMessage().contains("maxNorm"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> GradientClipping.clipGlobalNorm(params, Double.NaN));
    }

    /**
     * Documents DJL itself: optClipGrad(0.5) clamps each gradient element from above only. A
     * gradient of -3 stays -3, 3 becomes 0.5, and the update's direction changes; a global-norm
     * clip would scale all three by the same factor.
     */
    @Test
    void djlOptClipGradIsAOneSidedElementwiseClampNotANormClip() {
        Optimizer djlSgd = Optimizer.sgd().setLearningRateTracker(Tracker.fixed(1f)).optClipGrad(0.5f).build();
        NDArray weight = manager.zeros(new Shape(3));
        NDArray grad = manager.create(new float[] {-3f, 0.2f, 3f});
        djlSgd.update("w", weight, grad);
        // w = 0 - lr * clamp_max(g, 0.5)
        assertArrayEquals(new float[] {3f, -0.2f, -0.5f}, weight.toFloatArray(), 1e-6f);

        ParameterList params = withGradients(List.of(new long[] {3}), List.of(new float[] {-3f, 0.2f, 3f}));
        GradientClipping.clipGlobalNorm(params, 0.5);
        float[] clipped = gradient(params.get(0).getValue());
        assertEquals(-clipped[0], clipped[2], 1e-7, "a norm clip keeps the symmetry of -3 and 3");
    }
}
