package trainwell.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class Seq2SeqBatchTest {

    private NDManager manager;

    // Two examples: sources of length 3 and 1, targets of length 1 and 2.
    private Seq2SeqBatch batch() {
        return Seq2SeqBatch.of(manager, List.of(new int[] {4, 5, 6}, new int[] {7}), List.of(new int[] {8}, new int[] {9, 10}));
    }

    @BeforeEach
    void open() {
        manager = NDManager.newBaseManager();
    }

    @AfterEach
    void close() {
        manager.close();
    }

    @Test
    void padsSourcesToTheLongestWithPadId() {
        assertArrayEquals(new int[] {4, 5, 6, 7, 0, 0}, batch().source().toIntArray());
        assertEquals(new Shape(2, 3), batch().source().getShape());
    }

    @Test
    void decoderInputStartsWithBos() {
        assertArrayEquals(new int[] {1, 8, 0, 1, 9, 10}, batch().decoderInput().toIntArray());
    }

    @Test
    void decoderLabelEndsWithEos() {
        assertArrayEquals(new int[] {8, 2, 0, 9, 10, 2}, batch().decoderLabel().toIntArray());
    }

    @Test
    void masksAreOneOnTokensAndZeroOnPadding() {
        Seq2SeqBatch batch = batch();
        assertArrayEquals(new float[] {1, 1, 1, 1, 0, 0}, batch.sourceMask().toFloatArray());
        assertArrayEquals(new float[] {1, 1, 0, 1, 1, 1}, batch.targetMask().toFloatArray());
        assertEquals(new Shape(2, 3), batch.targetMask().getShape());
    }

    @Test
    void idsAreInt32AndMasksFloat32() {
        Seq2SeqBatch batch = batch();
        assertEquals(DataType.INT32, batch.source().getDataType());
        assertEquals(DataType.INT32, batch.decoderInput().getDataType());
        assertEquals(DataType.INT32, batch.decoderLabel().getDataType());
        assertEquals(DataType.FLOAT32, batch.sourceMask().getDataType());
        assertEquals(DataType.FLOAT32, batch.targetMask().getDataType());
    }

    @Test
    void arraysBelongToTheCallersManager() {
        Seq2SeqBatch batch = batch();
        assertEquals(manager, batch.source().getManager());
        assertEquals(manager, batch.targetMask().getManager());
        assertEquals(2, batch.size());
    }

    @Test
    void closingTheBatchFreesItsArrays() {
        Seq2SeqBatch batch = batch();
        batch.close();
        assertTrue(batch.source().isReleased() && batch.sourceMask().isReleased() && batch.decoderInput().isReleased()
                && batch.decoderLabel().isReleased() && batch.targetMask().isReleased());
    }

    @Test
    void rejectsMismatchedSourcesAndTargets() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> Seq2SeqBatch.of(manager, List.of(new int[] {4}), List.of()));
        assertEquals("targets must have as many rows as sources (1), got 0", e.getMessage());
    }
}
