package trainwell.data;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.modality.nlp.embedding.TrainableWordEmbedding;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import ai.djl.training.loss.SoftmaxCrossEntropyLoss;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The int32 ids and labels of our batches work with the DJL pieces a model feeds them to. */
class DjlCompatibilityTest {

    private static Seq2SeqBatch batch(NDManager manager) {
        return Seq2SeqBatch.of(manager, List.of(new int[] {4, 5}, new int[] {6}), List.of(new int[] {7, 8}, new int[] {9}));
    }

    @Test
    void anEmbeddingLooksUpInt32Ids() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Seq2SeqBatch batch = batch(manager);
            var embedding = TrainableWordEmbedding.builder().setEmbeddingSize(3)
                    .setVocabulary(new ai.djl.modality.nlp.DefaultVocabulary(
                            Vocabulary.of(List.of("a", "b", "c", "d", "e", "f")).tokens()))
                    .build();
            embedding.initialize(manager, DataType.FLOAT32, batch.source().getShape());
            NDArray out = embedding.forward(new ParameterStore(manager, false), new NDList(batch.source()), false)
                    .singletonOrThrow();
            assertEquals(new Shape(2, 2, 3), out.getShape());
        }
    }

    @Test
    void crossEntropyTakesInt32LabelsAndMasksMultiplyPerTokenLosses() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Seq2SeqBatch batch = batch(manager);
            long tokens = batch.decoderLabel().size();
            NDArray logits = manager.zeros(new Shape(tokens, 10)); // uniform: every token costs ln 10
            var loss = new SoftmaxCrossEntropyLoss("ce", 1, -1, true, true);
            NDArray perToken = loss.evaluate(new NDList(batch.decoderLabel().reshape(tokens)), new NDList(logits));
            assertEquals(Math.log(10), perToken.getFloat(), 1e-5);
        }
    }

    @Test
    void pickTakesInt32LabelsAndTheMaskKeepsOnlyRealTokens() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Seq2SeqBatch batch = batch(manager);
            NDArray logits = manager.zeros(new Shape(2, 3, 10)); // uniform: every token costs ln 10
            NDArray labels = batch.decoderLabel().expandDims(2);
            NDArray perToken = logits.logSoftmax(2).get(new NDIndex().addAllDim(2).addPickDim(labels)).neg().squeeze(2);
            assertEquals(new Shape(2, 3), perToken.getShape());
            assertEquals(5f, batch.targetMask().sum().getFloat()); // 3 + 2 real label tokens, 1 pad
            assertEquals(5 * Math.log(10), perToken.mul(batch.targetMask()).sum().getFloat(), 1e-5);
        }
    }
}
