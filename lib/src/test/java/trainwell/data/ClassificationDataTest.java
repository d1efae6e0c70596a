package trainwell.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ClassificationDataTest {

    private static final List<LabelledSentence> SENTENCES = List.of(new LabelledSentence("t", 1, "Great food!"),
            new LabelledSentence("t", 0, "Bad."), new LabelledSentence("t", 1, "Great, great service."));

    private static NDManager manager;
    private static ClassificationData data;

    @BeforeAll
    static void open() {
        manager = NDManager.newBaseManager();
        data = ClassificationData.encode(SENTENCES,
                WordTokenizer.fit(SENTENCES.stream().map(LabelledSentence::text).toList()));
    }

    @AfterAll
    static void close() {
        manager.close();
    }

    @Test
    void padsSentencesAndKeepsTheirLabels() {
        try (NDManager step = manager.newSubManager(); ClassificationBatch batch = data.batch(step, new int[] {1, 2})) {
            assertEquals(new Shape(2, 5), batch.tokens().getShape());
            int[] tokens = batch.tokens().toIntArray();
            assertArrayEquals(new int[] {0, 0, 0}, java.util.Arrays.copyOfRange(tokens, 2, 5));
            assertArrayEquals(new float[] {1, 1, 0, 0, 0, 1, 1, 1, 1, 1}, batch.mask().toFloatArray());
            assertArrayEquals(new int[] {0, 1}, batch.labels().toIntArray());
            assertEquals(new Shape(2), batch.labels().getShape());
        }
    }

    @Test
    void labelsAreInt32() {
        try (NDManager step = manager.newSubManager(); ClassificationBatch batch = data.batch(step, new int[] {0})) {
            assertEquals(DataType.INT32, batch.labels().getDataType());
            assertEquals(DataType.INT32, batch.tokens().getDataType());
        }
    }

    @Test
    void countsTheClasses() {
        assertEquals(2, data.classes());
    }

    @Test
    void encodesTheWholeSentimentSetIntoShortSentences() {
        List<LabelledSentence> all = Datasets.sentiment();
        ClassificationData sentiment = ClassificationData.encode(all,
                WordTokenizer.builder().minFrequency(2).fit(all.stream().map(LabelledSentence::text).toList()));
        try (NDManager step = manager.newSubManager();
                ClassificationBatch batch = sentiment.batch(step, java.util.stream.IntStream.range(0, 3000).toArray())) {
            assertEquals(3000, batch.size());
            assertEquals(85, batch.tokens().getShape().get(1)); // the longest sentence has 85 tokens
        }
    }
}
