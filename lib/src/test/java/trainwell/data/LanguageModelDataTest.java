package trainwell.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class LanguageModelDataTest {

    private static final String TEXT = "abcdefghijklmnopqrstuvwxyz";
    private static NDManager manager;
    private static LanguageModelData data;

    @BeforeAll
    static void open() {
        manager = NDManager.newBaseManager();
        data = LanguageModelData.encode(TEXT, CharTokenizer.fit(TEXT)); // ids 4..29 in order
    }

    @AfterAll
    static void close() {
        manager.close();
    }

    @Test
    void batchesHaveShapeBatchByLength() {
        try (NDManager step = manager.newSubManager(); LanguageModelBatch batch = data.batch(step, 8, 5, new Random(1))) {
            assertEquals(new Shape(8, 5), batch.input().getShape());
            assertEquals(new Shape(8, 5), batch.target().getShape());
            assertEquals(DataType.INT32, batch.input().getDataType());
        }
    }

    @Test
    void targetIsTheInputShiftedByOneToken() {
        try (NDManager step = manager.newSubManager(); LanguageModelBatch batch = data.batch(step, 16, 4, new Random(2))) {
            int[] input = batch.input().toIntArray();
            int[] target = batch.target().toIntArray();
            for (int i = 0; i < input.length; i++) {
                assertEquals(input[i] + 1, target[i]); // consecutive letters have consecutive ids
            }
        }
    }

    @Test
    void windowsCanReachTheLastToken() {
        int lastId = data.ids(TEXT.length() - 1, TEXT.length())[0];
        boolean reached = false;
        Random random = new Random(3);
        for (int i = 0; i < 50 && !reached; i++) {
            try (NDManager step = manager.newSubManager(); LanguageModelBatch batch = data.batch(step, 4, 25, random)) {
                reached = Arrays.stream(batch.target().toIntArray()).anyMatch(id -> id == lastId);
            }
        }
        assertEquals(true, reached);
    }

    @Test
    void sameSeedGivesSameBatches() {
        try (NDManager step = manager.newSubManager()) {
            int[] a = data.batch(step, 4, 6, new Random(9)).input().toIntArray();
            int[] b = data.batch(step, 4, 6, new Random(9)).input().toIntArray();
            assertArrayEquals(a, b);
        }
    }

    @Test
    void slicesAreContiguousParts() {
        assertEquals(TEXT.length(), data.slice(0, 0.5).size() + data.slice(0.5, 1).size());
        assertArrayEquals(data.ids(13, 26), data.slice(0.5, 1).ids(0, 13));
    }

    @Test
    void rejectsWindowsLongerThanTheCorpus() {
        var e = assertThrows(IllegalArgumentException.class, () -> data.batch(manager, 1, 26, new Random(1)));
        assertEquals("length must be in [1, 26), got 26", e.getMessage());
    }

    @Test
    void encodesMobyDickWithOneIdPerCharacter() {
        String text = Datasets.mobyDick();
        CharTokenizer tokenizer = CharTokenizer.fit(text);
        assertEquals(83 + 4, tokenizer.vocabulary().size());
        assertEquals(text.length(), LanguageModelData.encode(text, tokenizer).size());
    }
}
