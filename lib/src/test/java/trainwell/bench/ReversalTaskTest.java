package trainwell.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import java.util.Random;
import org.junit.jupiter.api.Test;
import trainwell.models.TransformerConfig;
import trainwell.training.Prediction;

class ReversalTaskTest {

    private static final TransformerConfig SMALL = TransformerConfig.tiny().withVocab(8).withDModel(16).withHeads(2)
            .withDecoderLayers(1).withFfnWidth(32).withMaxLength(8);

    @Test
    void labelsAreTheReversedHalfAndTheRandomHalfIsIgnored() {
        try (ReversalTask task = ReversalTask.of(SMALL, 4); NDManager m = task.manager().newSubManager()) {
            Prediction p = task.trainBatch(m, new ParameterStore(m, false), 0, 3, new Random(5), true);
            assertArrayEquals(new long[] {3, 8, 8}, p.logits().getShape().getShape());
            int[] labels = p.labels().toIntArray();
            for (int b = 0; b < 3; b++) {
                for (int i = 0; i < 4; i++) {
                    assertEquals(-100, labels[b * 8 + i], "position " + i + " predicts a random token");
                    assertTrue(labels[b * 8 + 4 + i] >= 1 && labels[b * 8 + 4 + i] < 8);
                }
            }
        }
    }

    @Test
    void validationBatchesAreTheSameAtEveryEvaluation() {
        try (ReversalTask task = ReversalTask.of(SMALL, 4); NDManager m = task.manager().newSubManager()) {
            Prediction p = task.validationBatch(m, new ParameterStore(m, false), 0, 1);
            int[] labels = p.labels().toIntArray();
            Prediction again = task.validationBatch(m, new ParameterStore(m, false), 0, 1);
            assertArrayEquals(labels, again.labels().toIntArray(), "validation batches are fixed");
        }
    }

    @Test
    void rejectsAHalfShorterThanTwo() {
        assertThrows(IllegalArgumentException.class, () -> ReversalTask.of(SMALL, 1));
    }
}
