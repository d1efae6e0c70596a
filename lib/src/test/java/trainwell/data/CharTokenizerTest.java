package trainwell.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class CharTokenizerTest {

    @Test
    void buildsTheVocabularyFromTheCorpusSortedByCodePoint() {
        CharTokenizer tokenizer = CharTokenizer.fit("hello");
        assertEquals(List.of("<pad>", "<bos>", "<eos>", "<unk>", "e", "h", "l", "o"), tokenizer.vocabulary().tokens());
    }

    @Test
    void encodesOneIdPerCharacter() {
        assertArrayEquals(new int[] {5, 4, 6, 6, 7}, CharTokenizer.fit("hello").encode("hello"));
    }

    @Test
    void roundTripsTextMadeOfKnownCharacters() {
        String text = "Call me Ishmael. Some years ago—never mind how long\nprecisely";
        CharTokenizer tokenizer = CharTokenizer.fit(text);
        assertEquals(text, tokenizer.decode(tokenizer.encode(text)));
    }

    @Test
    void roundTripsChineseAndAccents() {
        List<String> texts = List.of("七十九万六千九百一十八", "zéro", "quatre-vingts");
        CharTokenizer tokenizer = CharTokenizer.fit(texts);
        for (String text : texts) {
            assertEquals(text, tokenizer.decode(tokenizer.encode(text)));
        }
    }

    @Test
    void encodesUnknownCharactersAsUnk() {
        assertArrayEquals(new int[] {4, Vocabulary.UNK_ID}, CharTokenizer.fit("a").encode("ab"));
    }

    @Test
    void decodingSkipsPadAndBosAndStopsAtEos() {
        CharTokenizer tokenizer = CharTokenizer.fit("ab");
        assertEquals("ab", tokenizer.decode(new int[] {1, 4, 5, 2, 4, 0, 0}));
        assertEquals("a<unk>", tokenizer.decode(new int[] {4, 3}));
    }

    @Test
    void rebuildsFromASavedVocabulary() {
        CharTokenizer tokenizer = CharTokenizer.fit("abc");
        assertArrayEquals(tokenizer.encode("cab"), CharTokenizer.with(tokenizer.vocabulary()).encode("cab"));
    }
}
