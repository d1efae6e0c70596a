package trainwell.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;
import trainwell.initialization.Init;
import trainwell.initialization.InitScheme;

class InputEmbeddingTest extends WithManager {


    /** The embedding of a single token at position 0..t-1, with every table entry set to 1. */
    private static float[] embedOnes(TransformerConfig config, int t) {
        InputEmbedding e = new InputEmbedding("embedding", 12, config);
        InitScheme.matrices("ones", Init.ones()).apply(e, 0, 1);
        e.initialize(manager, DataType.FLOAT32, new Shape(1, 1));
        try (NDManager m = manager.newSubManager()) {
            return e.apply(Tiny.store(m), m.zeros(new Shape(1, t), DataType.INT32), false).toFloatArray();
        }
    }

    @Test
    void sinusoidsFollowVaswaniSection3Point5() {
        int d = 8;
        float[] pe = InputEmbedding.sinusoidTable(4, d);
        assertEquals(Math.sin(1), pe[d], 1e-6);
        assertEquals(Math.cos(1), pe[d + 1], 1e-6);
        assertEquals(Math.sin(3 / Math.pow(10000, 2.0 / d)), pe[3 * d + 2], 1e-6);
        assertEquals(Math.cos(3 / Math.pow(10000, 6.0 / d)), pe[3 * d + 7], 1e-6);
    }

    @Test
    void tokenVectorsAreScaledBySqrtDModelWhenAsked() {
        float[] x = embedOnes(Tiny.config().withScaledEmbeddings(true), 1); // d = 32
        assertEquals(Math.sqrt(32) + Math.sin(0), x[0], 1e-5);
        assertEquals(Math.sqrt(32) + Math.cos(0), x[1], 1e-5);
    }

    @Test
    void tokenVectorsAreNotScaledWhenNotAsked() {
        assertEquals(1 + Math.cos(0), embedOnes(Tiny.config().withScaledEmbeddings(false), 1)[1], 1e-6);
    }

    @Test
    void learnedPositionsAddTheirOwnRow() {
        float[] x = embedOnes(Tiny.config().withScaledEmbeddings(false).withPositions(Positions.LEARNED), 2);
        assertEquals(2f, x[0], 1e-6);
        assertEquals(2f, x[32], 1e-6);
    }

    @Test
    void sequencesLongerThanMaxLengthAreRejected() {
        var e = assertThrows(IllegalArgumentException.class, () -> embedOnes(Tiny.config(), 17));
        assertEquals("sequence length must be <= maxLength (16), got 17", e.getMessage());
    }
}
