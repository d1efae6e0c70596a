package trainwell.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.LocalDate;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EnglishDatesTest {

    @Test
    void writesTheCourseExample() {
        assertEquals("the seventh of December, twenty fifteen", EnglishDates.words(LocalDate.of(2015, 12, 7)));
    }

    @Test
    void writesFirstAndLastDaysOfMonths() {
        assertEquals("the first of January, nineteen hundred", EnglishDates.words(LocalDate.of(1900, 1, 1)));
        assertEquals("the twenty-ninth of February, two thousand", EnglishDates.words(LocalDate.of(2000, 2, 29)));
        assertEquals("the thirty-first of August, nineteen eighty-four", EnglishDates.words(LocalDate.of(1984, 8, 31)));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"1100, eleven hundred", "1900, nineteen hundred", "1901, nineteen oh one", "1910, nineteen ten",
        "1984, nineteen eighty-four", "1999, nineteen ninety-nine", "2000, two thousand", "2001, two thousand one",
        "2007, two thousand seven", "2010, twenty ten", "2015, twenty fifteen", "2021, twenty twenty-one",
        "2099, twenty ninety-nine"})
    void readsYearsAsSpoken(int year, String words) {
        assertEquals(words, EnglishDates.year(year));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"1, first", "2, second", "3, third", "5, fifth", "8, eighth", "9, ninth", "12, twelfth",
        "20, twentieth", "21, twenty-first", "22, twenty-second", "23, twenty-third", "30, thirtieth",
        "31, thirty-first"})
    void writesOrdinalDays(int day, String words) {
        assertEquals(words, EnglishDates.ordinal(day));
    }

    @Test
    void givesEveryDateFrom1900To2099DifferentWords() {
        Set<String> seen = new HashSet<>();
        int days = 0;
        for (LocalDate d = LocalDate.of(1900, 1, 1); d.getYear() <= 2099; d = d.plusDays(1), days++) {
            seen.add(EnglishDates.words(d));
        }
        assertEquals(days, seen.size());
    }

    @Test
    void rejectsYearsOutsideTheRange() {
        var e = assertThrows(IllegalArgumentException.class, () -> EnglishDates.year(2100));
        assertEquals("year must be in [1100, 2099], got 2100", e.getMessage());
    }
}
