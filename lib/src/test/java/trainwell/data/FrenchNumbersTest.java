package trainwell.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FrenchNumbersTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "0|zéro", "1|un", "10|dix", "11|onze", "16|seize", "17|dix-sept", "20|vingt", "21|vingt et un",
        "22|vingt-deux", "31|trente et un", "61|soixante et un", "70|soixante-dix", "71|soixante et onze",
        "72|soixante-douze", "79|soixante-dix-neuf", "80|quatre-vingts", "81|quatre-vingt-un",
        "90|quatre-vingt-dix", "91|quatre-vingt-onze", "99|quatre-vingt-dix-neuf", "100|cent", "101|cent un",
        "121|cent vingt et un", "180|cent quatre-vingts", "200|deux cents", "201|deux cent un",
        "280|deux cent quatre-vingts", "1000|mille", "1001|mille un", "2000|deux mille",
        "2080|deux mille quatre-vingts", "10000|dix mille", "21000|vingt et un mille",
        "80000|quatre-vingt mille", "100000|cent mille", "200000|deux cent mille",
        "211248|deux cent onze mille deux cent quarante-huit",
        "999999|neuf cent quatre-vingt-dix-neuf mille neuf cent quatre-vingt-dix-neuf",
        "1000000|un million", "2000000|deux millions", "80000000|quatre-vingts millions",
        "200000000|deux cents millions", "1001000|un million mille"})
    void writesKnownNumbersInTraditionalSpelling(int n, String words) {
        assertEquals(words, FrenchNumbers.words(n));
    }

    @Test
    void givesEveryNumberUpTo999999DifferentWords() {
        NumberWordsSupport.assertAllDistinct(FrenchNumbers::words, 999_999);
    }

    @Test
    void rejectsNumbersOutsideTheRange() {
        assertThrows(IllegalArgumentException.class, () -> FrenchNumbers.words(-1));
        assertThrows(IllegalArgumentException.class, () -> FrenchNumbers.words(1_000_000_000));
    }
}
