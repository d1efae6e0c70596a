package trainwell.training.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import com.google.gson.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import trainwell.optimizers.djl.ReferenceJson;

/** Label-smoothed cross-entropy reproduces torch.nn.functional.cross_entropy(label_smoothing=...). */
class LabelSmoothingCrossEntropyTest {

    static final double TOLERANCE = 1e-6;
    NDManager manager;

    @BeforeEach
    void open() {
        manager = NDManager.newBaseManager();
    }

    @AfterEach
    void close() {
        manager.close();
    }

    NDList logits(float[] values, long... shape) {
        return new NDList(manager.create(values, new Shape(shape)));
    }

    NDList labels(long[] values, long... shape) {
        return new NDList(manager.create(values, new Shape(shape)));
    }

    @Test
    void lossAndGradientMatchPyTorchForEveryShapeEpsilonAndIgnoreIndex() {
        JsonObject reference = ReferenceJson.load("label_smoothing.json");
        for (JsonObject c : ReferenceJson.objects(reference.get("cases"))) {
            String label = c.get("name").getAsString() + " eps " + c.get("epsilon").getAsDouble();
            long[] shape = ReferenceJson.longs(c.get("shape"));
            NDArray logits = manager.create(ReferenceJson.floats(c.get("logits")), new Shape(shape));
            // labels arrive as floats, as DJL datasets often deliver them
            NDArray labels = manager.create(ReferenceJson.floats(c.get("labels")),
                    new Shape(java.util.Arrays.copyOf(shape, shape.length - 1)));
            LabelSmoothingCrossEntropy loss = LabelSmoothingCrossEntropy.withSmoothing(c.get("epsilon").getAsDouble())
                    .ignoring(c.get("ignoreIndex").getAsInt());
            logits.setRequiresGradient(true);
            float value;
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                NDArray l = loss.evaluate(new NDList(labels), new NDList(logits));
                value = l.getFloat();
                collector.backward(l);
            }
            double expected = c.get("loss").getAsDouble();
            assertEquals(expected, value, TOLERANCE * Math.abs(expected), label + " loss");
            float[] expectedGrad = ReferenceJson.floats(c.get("grad"));
            try (NDArray g = logits.getGradient()) {
                double err = ReferenceJson.maxRelativeError(expectedGrad, g.toFloatArray(),
                        ReferenceJson.maxAbs(expectedGrad));
                assertTrue(err <= TOLERANCE, label + " gradient: relative error " + err);
            }
        }
    }

    @Test
    void smoothingSpreadsEpsilonOverAllClasses() {
        // uniform logits: -log p = log C for every class, so any epsilon gives log C
        NDList uniform = logits(new float[] {0, 0, 0, 0}, 1, 4);
        float value = LabelSmoothingCrossEntropy.withSmoothing(0.3).evaluate(labels(new long[] {2}, 1), uniform)
                .getFloat();
        assertEquals(Math.log(4), value, 1e-6);
    }

    @Test
    void ignoredPositionsDoNotCountInTheMean() {
        NDList logits = logits(new float[] {2, 0, 0, 5, 0, 0}, 1, 2, 3);
        float both = LabelSmoothingCrossEntropy.plain().evaluate(labels(new long[] {0, 0}, 1, 2), logits).getFloat();
        float firstOnly = LabelSmoothingCrossEntropy.plain().ignoring(9)
                .evaluate(labels(new long[] {0, 9}, 1, 2), logits).getFloat();
        float firstAlone = LabelSmoothingCrossEntropy.plain()
                .evaluate(labels(new long[] {0}, 1), logits(new float[] {2, 0, 0}, 1, 3)).getFloat();
        assertEquals(firstAlone, firstOnly, 1e-6);
        assertTrue(both < firstOnly, "the ignored position had a smaller loss");
    }

    @Test
    void allPositionsIgnoredGivesNaNLikePyTorch() {
        float value = LabelSmoothingCrossEntropy.withSmoothing(0.1)
                .evaluate(labels(new long[] {-100, -100}, 2), logits(new float[] {1, 2, 3, 4}, 2, 2)).getFloat();
        assertTrue(Float.isNaN(value));
    }

    @Test
    void rejectsEpsilonOutsideZeroToOne() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LabelSmoothingCrossEntropy.withSmoothing(1.0));
        assertTrue(e.getMessage().contains("epsilon") && e.getMessage().contains("1.0"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> LabelSmoothingCrossEntropy.withSmoothing(-0.1));
        assertThrows(IllegalArgumentException.class, () -> LabelSmoothingCrossEntropy.withSmoothing(Double.NaN));
    }

    @Test
    void rejectsLabelsWhoseShapeDoesNotMatchTheLogits() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LabelSmoothingCrossEntropy.plain().evaluate(labels(new long[] {0, 1, 2}, 3),
                        logits(new float[12], 2, 2, 3)));
        assertTrue(e.getMessage().contains("labels") && e.getMessage().contains("(2, 2)"), e.getMessage());
    }

    @Test
    void rejectsLogitsThatAreNotTwoOrThreeDimensional() {
        assertThrows(IllegalArgumentException.class,
                () -> LabelSmoothingCrossEntropy.plain().evaluate(labels(new long[] {0}, 1), logits(new float[3], 3)));
    }

    @Test
    void rejectsLabelsOutsideTheClassRange() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LabelSmoothingCrossEntropy.plain().evaluate(labels(new long[] {0, 3}, 2),
                        logits(new float[6], 2, 3)));
        assertTrue(e.getMessage().contains("[0, 3)"), e.getMessage());
    }

    @Test
    void leavesOnlyTheResultInTheManager() {
        NDList logits = logits(new float[30], 2, 3, 5);
        NDList labels = new NDList(manager.zeros(new Shape(2, 3), DataType.INT64));
        int before = manager.getManagedArrays().size();
        NDArray value = LabelSmoothingCrossEntropy.withSmoothing(0.1).evaluate(labels, logits);
        assertEquals(before + 1, manager.getManagedArrays().size());
        value.close();
    }
}
