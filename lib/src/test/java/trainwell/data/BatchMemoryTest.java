package trainwell.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Batches made on a per-step sub-manager must not pile up in the long-lived manager. */
class BatchMemoryTest {

    private static NDManager base;

    @BeforeAll
    static void open() {
        base = NDManager.newBaseManager();
    }

    @AfterAll
    static void close() {
        base.close();
    }

    @Test
    void closingTheStepManagerFreesSeq2SeqBatches() {
        List<TextPair> pairs = Tasks.reverse(10, 2, 12).pairs(256, 1);
        CharTokenizer tokenizer = CharTokenizer.fit("abcdefghij");
        TranslationData data = TranslationData.encode(pairs, tokenizer, tokenizer);
        int before = base.getManagedArrays().size();
        Seq2SeqBatch last = null;
        for (int step = 0; step < 1000; step++) {
            try (NDManager stepManager = base.newSubManager()) {
                last = data.batch(stepManager, new int[] {step % 256, (step + 1) % 256, (step + 7) % 256});
                last.source().add(1); // a result of an op on the batch also belongs to the step manager
                if (step == 0) {
                    assertTrue(base.getManagedArrays().size() > before, "the batch must be visible while open");
                }
            }
        }
        assertEquals(before, base.getManagedArrays().size());
        assertTrue(last.source().isReleased() && last.targetMask().isReleased());
    }

    @Test
    void closingTheStepManagerFreesLanguageModelBatches() {
        LanguageModelData data = LanguageModelData.encode("the quick brown fox jumps over the lazy dog",
                CharTokenizer.fit("the quick brown fox jumps over the lazy dog"));
        Random random = new Random(1);
        int before = base.getManagedArrays().size();
        for (int step = 0; step < 1000; step++) {
            try (NDManager stepManager = base.newSubManager()) {
                data.batch(stepManager, 4, 8, random);
            }
        }
        assertEquals(before, base.getManagedArrays().size());
    }

    @Test
    void closingTheStepManagerFreesClassificationBatches() {
        List<LabelledSentence> sentences = List.of(new LabelledSentence("t", 0, "bad"), new LabelledSentence("t", 1, "good"));
        ClassificationData data = ClassificationData.encode(sentences, WordTokenizer.fit(List.of("bad good")));
        int before = base.getManagedArrays().size();
        for (int step = 0; step < 1000; step++) {
            try (NDManager stepManager = base.newSubManager()) {
                data.batch(stepManager, new int[] {0, 1});
            }
        }
        assertEquals(before, base.getManagedArrays().size());
    }
}
