package trainwell.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class WordTokenizerTest {

    private static final List<String> TEXTS = List.of("The food was great!", "Great service, great food.",
            "I don't like the food.");

    @Test
    void splitsWordsAndPunctuation() {
        assertEquals(List.of("i", "don't", "like", "it", ",", "really", "!", "!", "10", "/", "10"),
                WordTokenizer.fit(TEXTS).split("I don't like it, really!!  10/10"));
    }

    @Test
    void ordersWordsByFrequencyThenAlphabetically() {
        Vocabulary v = WordTokenizer.fit(TEXTS).vocabulary();
        assertEquals(List.of("<pad>", "<bos>", "<eos>", "<unk>", "food", "great", ".", "the"), v.tokens().subList(0, 8));
    }

    @Test
    void dropsWordsBelowTheMinimumFrequency() {
        Vocabulary v = WordTokenizer.builder().minFrequency(2).fit(TEXTS).vocabulary();
        assertEquals(List.of("<pad>", "<bos>", "<eos>", "<unk>", "food", "great", ".", "the"), v.tokens());
    }

    @Test
    void keepsAtMostMaxWordsPlusTheSpecials() {
        assertEquals(4 + 2, WordTokenizer.builder().maxWords(2).fit(TEXTS).vocabulary().size());
    }

    @Test
    void keepsCaseWhenAsked() {
        WordTokenizer tokenizer = WordTokenizer.builder().lowercase(false).fit(TEXTS);
        assertEquals(Vocabulary.UNK_ID, tokenizer.encode("GREAT")[0]);
        assertEquals(List.of("Great", "!"), tokenizer.split("Great!"));
    }

    @Test
    void roundTripsToTokensSeparatedBySpaces() {
        WordTokenizer tokenizer = WordTokenizer.fit(TEXTS);
        assertEquals("great service , great food .", tokenizer.decode(tokenizer.encode("Great service, great food.")));
    }

    @Test
    void reEncodingDecodedTextGivesTheSameIds() {
        WordTokenizer tokenizer = WordTokenizer.fit(TEXTS);
        for (String text : TEXTS) {
            int[] ids = tokenizer.encode(text);
            assertArrayEquals(ids, tokenizer.encode(tokenizer.decode(ids)), text);
        }
    }

    @Test
    void encodesUnseenWordsAsUnk() {
        assertArrayEquals(new int[] {Vocabulary.UNK_ID, 4}, WordTokenizer.fit(TEXTS).encode("pizza food"));
    }

    @Test
    void rejectsANonPositiveMinimumFrequency() {
        var e = assertThrows(IllegalArgumentException.class, () -> WordTokenizer.builder().minFrequency(0));
        assertEquals("minFrequency must be > 0, got 0", e.getMessage());
    }
}
