package trainwell.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class VocabularyTest {

    @Test
    void putsTheSpecialTokensFirstWithFixedIds() {
        Vocabulary v = Vocabulary.of(List.of("a", "b"));
        assertEquals(List.of("<pad>", "<bos>", "<eos>", "<unk>", "a", "b"), v.tokens());
        assertEquals(0, v.id(Vocabulary.PAD));
        assertEquals(1, v.id(Vocabulary.BOS));
        assertEquals(2, v.id(Vocabulary.EOS));
        assertEquals(3, v.id(Vocabulary.UNK));
    }

    @Test
    void keepsTheOrderGivenAndDropsDuplicates() {
        Vocabulary v = Vocabulary.of(List.of("z", "a", "z", "<pad>"));
        assertEquals(6, v.size());
        assertEquals(4, v.id("z"));
        assertEquals(5, v.id("a"));
    }

    @Test
    void mapsUnknownTokensToUnk() {
        Vocabulary v = Vocabulary.of(List.of("a"));
        assertEquals(Vocabulary.UNK_ID, v.id("never seen"));
        assertFalse(v.contains("never seen"));
        assertTrue(v.contains("a"));
    }

    @Test
    void looksUpTokensById() {
        assertEquals("b", Vocabulary.of(List.of("a", "b")).token(5));
    }

    @Test
    void rejectsIdsOutsideTheVocabulary() {
        var e = assertThrows(IllegalArgumentException.class, () -> Vocabulary.of(List.of("a")).token(5));
        assertEquals("id must be in [0, 5), got 5", e.getMessage());
    }

    @Test
    void equalsAnotherWithTheSameTokens() {
        assertEquals(Vocabulary.of(List.of("a", "b")), Vocabulary.of(List.of("a", "b")));
        assertEquals(Vocabulary.of(List.of("a")).hashCode(), Vocabulary.of(List.of("a")).hashCode());
    }
}
