package trainwell.training.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import com.google.gson.JsonObject;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import trainwell.models.WithManager;
import trainwell.optimizers.djl.ReferenceJson;

/** The z-loss reproduces torch.logsumexp and autograd (lib/reference/z_loss.py), ignored labels included. */
class ZLossTest extends WithManager {

    private static final double TOLERANCE = 1e-6;

    @Test
    void meanLogZPenaltyAndGradientMatchPyTorch() {
        for (JsonObject c : ReferenceJson.objects(ReferenceJson.load("z_loss", "z_loss.json").get("cases"))) {
            String name = c.get("name").getAsString();
            long[] shape = ReferenceJson.longs(c.get("shape"));
            NDArray logits = manager.create(ReferenceJson.floats(c.get("logits")), new Shape(shape));
            NDArray labels = manager.create(ReferenceJson.floats(c.get("labels")),
                    new Shape(Arrays.copyOf(shape, shape.length - 1)));
            ZLoss z = ZLoss.of(c.get("coefficient").getAsDouble()).ignoring(c.get("ignoreIndex").getAsInt());
            logits.setRequiresGradient(true);
            float meanLogZ;
            float penalty;
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                ZLoss.Terms t = z.terms(labels, logits);
                meanLogZ = t.meanLogZ().getFloat();
                penalty = t.penalty().getFloat();
                collector.backward(t.penalty());
            }
            double expectedLogZ = c.get("meanLogZ").getAsDouble();
            double expectedPenalty = c.get("penalty").getAsDouble();
            assertEquals(expectedLogZ, meanLogZ, TOLERANCE * Math.max(1, Math.abs(expectedLogZ)), name + " mean log Z");
            assertEquals(expectedPenalty, penalty, TOLERANCE * Math.max(1e-3, Math.abs(expectedPenalty)), name + " penalty");
            float[] expectedGrad = ReferenceJson.floats(c.get("grad"));
            // The gradient is a softmax of x - max(x): near |x| = 1000 float32 resolves x only to its ulp (6e-5), and
            // exp turns that absolute error into a relative one of the same size.
            float[] x = ReferenceJson.floats(c.get("logits"));
            double tolerance = Math.max(1e-5, 2 * Math.ulp((float) ReferenceJson.maxAbs(x)));
            try (NDArray g = logits.getGradient()) {
                double err = ReferenceJson.maxRelativeError(expectedGrad, g.toFloatArray(), ReferenceJson.maxAbs(expectedGrad));
                System.out.printf(java.util.Locale.ROOT, "z-loss %s: gradient error vs PyTorch %.3g (relative to max)%n", name, err);
                assertTrue(err <= tolerance, name + " gradient: relative error " + err + " > " + tolerance);
            }
        }
    }

    @Test
    void uniformZeroLogitsHaveLogZEqualToLogOfTheClassCount() {
        ZLoss.Terms t = ZLoss.of(2).terms(manager.create(new float[] {1, 0}), manager.zeros(new Shape(2, 8)));
        assertEquals(Math.log(8), t.meanLogZ().getFloat(), 1e-6);
        assertEquals(2 * Math.log(8) * Math.log(8), t.penalty().getFloat(), 1e-5);
    }

    @Test
    void aNegativeCoefficientIsRefused() {
        var e = assertThrows(IllegalArgumentException.class, () -> ZLoss.of(-1e-4));
        assertTrue(e.getMessage().contains("coefficient") && e.getMessage().contains("-1.0E-4"), e.getMessage());
    }

    @Test
    void labelsMustMatchTheLogitsWithoutTheClassAxis() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> ZLoss.of(0).terms(manager.zeros(new Shape(3)), manager.zeros(new Shape(2, 5))));
        assertTrue(e.getMessage().contains("labels"), e.getMessage());
    }
}
