package trainwell.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class TransformerClassifierTest extends WithManager {


    @BeforeAll
    static void open() {
        Engine.getInstance().setRandomSeed(9);
    }

    private static float[] logits(TransformerClassifier model, int[][] ids, int[][] maskFrom) {
        try (NDManager m = manager.newSubManager()) {
            NDArray real = Masks.realTokens(m, maskFrom, 0);
            return model.logits(Tiny.store(m), m.create(ids), real, false).toFloatArray();
        }
    }

    @Test
    void meanPoolingIgnoresPadIds() {
        TransformerClassifier model = Transformers.classifier(Tiny.config(), 3, Pooling.MEAN, manager);
        int[][] padded = {{3, 4, 5, 0, 0}};
        assertArrayEquals(logits(model, padded, padded), logits(model, new int[][] {{3, 4, 5, 7, 8}}, padded), 1e-5f);
    }

    @Test
    void meanPoolingOverPaddedRowEqualsTheUnpaddedRow() {
        TransformerClassifier model = Transformers.classifier(Tiny.config(), 3, Pooling.MEAN, manager);
        int[][] padded = {{3, 4, 5, 0, 0}};
        int[][] unpadded = {{3, 4, 5}};
        assertArrayEquals(logits(model, unpadded, unpadded), logits(model, padded, padded), 1e-5f);
    }

    @Test
    void firstTokenPoolingIgnoresPadIds() {
        TransformerClassifier model = Transformers.classifier(Tiny.config(), 2, Pooling.FIRST, manager);
        int[][] padded = {{3, 4, 0}};
        assertArrayEquals(logits(model, padded, padded), logits(model, new int[][] {{3, 4, 9}}, padded), 1e-5f);
    }

    @Test
    void predictReturnsOneClassPerRow() {
        TransformerClassifier model = Transformers.classifier(Tiny.config(), 4, Pooling.MEAN, manager);
        int[] classes = model.predict(manager, new int[][] {{3, 4, 5}, {6}}, 0);
        assertEquals(2, classes.length);
        for (int c : classes) {
            assertEquals(true, c >= 0 && c < 4);
        }
    }

    @Test
    void logitsHaveBatchClassesShape() {
        TransformerClassifier model = Transformers.classifier(Tiny.config(), 5, Pooling.MEAN, manager);
        try (NDManager m = manager.newSubManager()) {
            NDArray out = model.logits(Tiny.store(m), m.create(new int[][] {{3, 4}, {5, 6}}), null, false);
            assertEquals(new Shape(2, 5), out.getShape());
        }
    }
}
