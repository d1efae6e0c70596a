package trainwell.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EnglishNumbersTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "0|zero", "1|one", "10|ten", "11|eleven", "19|nineteen", "20|twenty", "21|twenty-one", "70|seventy",
        "71|seventy-one", "80|eighty", "81|eighty-one", "90|ninety", "91|ninety-one", "99|ninety-nine",
        "100|one hundred", "101|one hundred one", "110|one hundred ten", "999|nine hundred ninety-nine",
        "1000|one thousand", "1001|one thousand one", "1010|one thousand ten", "10000|ten thousand",
        "10010|ten thousand ten", "100000|one hundred thousand", "100001|one hundred thousand one",
        "211248|two hundred eleven thousand two hundred forty-eight",
        "999999|nine hundred ninety-nine thousand nine hundred ninety-nine",
        "1000000|one million", "1000001|one million one", "999999999|nine hundred ninety-nine million "
            + "nine hundred ninety-nine thousand nine hundred ninety-nine"})
    void writesKnownNumbers(int n, String words) {
        assertEquals(words, EnglishNumbers.words(n));
    }

    @Test
    void givesEveryNumberUpTo999999DifferentWords() {
        NumberWordsSupport.assertAllDistinct(EnglishNumbers::words, 999_999);
    }

    @Test
    void neverWritesAndNorDoubleSpaces() {
        for (int n = 0; n <= 999_999; n += 997) {
            String words = EnglishNumbers.words(n);
            assertTrue(!words.contains(" and ") && !words.contains("  ") && words.equals(words.strip()), words);
        }
    }

    @Test
    void rejectsNumbersOutsideTheRange() {
        var e = assertThrows(IllegalArgumentException.class, () -> EnglishNumbers.words(-1));
        assertEquals("n must be in [0, 999999999], got -1", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> EnglishNumbers.words(1_000_000_000));
    }
}
