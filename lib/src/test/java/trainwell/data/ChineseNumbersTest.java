package trainwell.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ChineseNumbersTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "0, 零", "1, 一", "10, 十", "11, 十一", "20, 二十", "21, 二十一", "70, 七十", "71, 七十一", "80, 八十",
        "81, 八十一", "90, 九十", "91, 九十一", "100, 一百", "101, 一百零一", "110, 一百一十", "1000, 一千",
        "1001, 一千零一", "1010, 一千零一十", "10000, 一万", "10010, 一万零一十", "10100, 一万零一百",
        "11000, 一万一千", "100000, 十万", "100001, 十万零一", "101000, 十万零一千", "150000, 十五万",
        "796918, 七十九万六千九百一十八", "999999, 九十九万九千九百九十九", "1000000, 一百万",
        "1010000, 一百零一万", "100000000, 一亿", "100000001, 一亿零一", "100010000, 一亿零一万"})
    void writesKnownNumbers(int n, String numerals) {
        assertEquals(numerals, ChineseNumbers.numerals(n));
    }

    @Test
    void dropsTheOneBeforeTenOnlyAtTheStart() {
        assertEquals("十五", ChineseNumbers.numerals(15));
        assertEquals("十五万", ChineseNumbers.numerals(150_000));
        assertEquals("一百一十五", ChineseNumbers.numerals(115));
        assertEquals("一万零一十五", ChineseNumbers.numerals(10_015));
    }

    @Test
    void givesEveryNumberUpTo999999DifferentNumerals() {
        NumberWordsSupport.assertAllDistinct(ChineseNumbers::numerals, 999_999);
    }

    @Test
    void rejectsNumbersOutsideTheRange() {
        assertThrows(IllegalArgumentException.class, () -> ChineseNumbers.numerals(-1));
        assertThrows(IllegalArgumentException.class, () -> ChineseNumbers.numerals(1_000_000_000));
    }
}
