package trainwell.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class TasksTest {

    private static final List<Task> ALL = List.of(Tasks.englishNumbers(0, 999_999), Tasks.frenchNumbers(0, 999_999),
            Tasks.chineseNumbers(0, 999_999), Tasks.englishDates(1900, 2099), Tasks.copy(10, 3, 8),
            Tasks.reverse(10, 3, 8), Tasks.sort(10, 3, 8));

    @Test
    void sameSeedGivesSamePairs() {
        for (Task task : ALL) {
            assertEquals(task.pairs(200, 7), task.pairs(200, 7), task.name());
        }
    }

    @Test
    void differentSeedsGiveDifferentPairs() {
        for (Task task : ALL) {
            assertNotEquals(task.pairs(50, 7), task.pairs(50, 8), task.name());
        }
    }

    @Test
    void pairsHaveDistinctSources() {
        for (Task task : ALL) {
            List<TextPair> pairs = task.pairs(2000, 1);
            assertEquals(2000, pairs.stream().map(TextPair::source).distinct().count(), task.name());
        }
    }

    @Test
    void canDrawTheWholeOfASmallRange() {
        List<TextPair> pairs = Tasks.frenchNumbers(0, 99).pairs(100, 3);
        assertEquals(100, pairs.stream().map(TextPair::target).distinct().count());
    }

    @Test
    void numberTargetsAreTheDigitsOfTheSource() {
        for (TextPair pair : Tasks.englishNumbers(0, 999_999).pairs(500, 2)) {
            assertEquals(pair.source(), EnglishNumbers.words(Integer.parseInt(pair.target())));
        }
        for (TextPair pair : Tasks.chineseNumbers(10, 20).pairs(11, 2)) {
            int n = Integer.parseInt(pair.target());
            assertTrue(n >= 10 && n <= 20);
            assertEquals(pair.source(), ChineseNumbers.numerals(n));
        }
    }

    @Test
    void dateTargetsAreIsoDatesOfTheSource() {
        for (TextPair pair : Tasks.englishDates(1990, 1991).pairs(300, 4)) {
            LocalDate date = LocalDate.parse(pair.target());
            assertTrue(date.getYear() == 1990 || date.getYear() == 1991);
            assertEquals(pair.source(), EnglishDates.words(date));
        }
    }

    @Test
    void sequenceTasksApplyTheirRule() {
        for (TextPair pair : Tasks.reverse(5, 2, 6).pairs(200, 5)) {
            assertEquals(new StringBuilder(pair.source()).reverse().toString(), pair.target());
            assertTrue(pair.source().length() >= 2 && pair.source().length() <= 6);
            assertTrue(pair.source().chars().allMatch(c -> c >= 'a' && c < 'a' + 5));
        }
        for (TextPair pair : Tasks.sort(26, 1, 10).pairs(200, 5)) {
            char[] sorted = pair.source().toCharArray();
            Arrays.sort(sorted);
            assertEquals(new String(sorted), pair.target());
        }
        for (TextPair pair : Tasks.copy(3, 4, 4).pairs(50, 5)) {
            assertEquals(pair.source(), pair.target());
        }
    }

    @Test
    void reportsHowManyDistinctSourcesExist() {
        assertEquals(1_000_000, Tasks.englishNumbers(0, 999_999).size());
        assertEquals(LocalDate.of(2100, 1, 1).toEpochDay() - LocalDate.of(1900, 1, 1).toEpochDay(),
                Tasks.englishDates(1900, 2099).size());
        assertEquals(9 + 27, Tasks.copy(3, 2, 3).size());
        assertEquals(Long.MAX_VALUE, Tasks.copy(26, 1, 100).size());
    }

    @Test
    void refusesMorePairsThanDistinctSources() {
        var e = assertThrows(IllegalArgumentException.class, () -> Tasks.copy(2, 1, 2).pairs(7, 1));
        assertEquals("count must not exceed the number of distinct sources (6), got 7", e.getMessage());
    }

    @Test
    void rejectsBadRanges() {
        assertThrows(IllegalArgumentException.class, () -> Tasks.englishNumbers(10, 9));
        assertThrows(IllegalArgumentException.class, () -> Tasks.frenchNumbers(-1, 9));
        assertThrows(IllegalArgumentException.class, () -> Tasks.chineseNumbers(0, 1_000_000_000));
        assertThrows(IllegalArgumentException.class, () -> Tasks.englishDates(1099, 2000));
        assertThrows(IllegalArgumentException.class, () -> Tasks.reverse(27, 1, 3));
        assertThrows(IllegalArgumentException.class, () -> Tasks.sort(5, 4, 3));
    }

    @Test
    void namesDescribeTheTask() {
        assertEquals("english numbers 0..999999, english dates 1900..2099, reverse of 3..8 letters from 10",
                List.of(ALL.get(0), ALL.get(3), ALL.get(5)).stream().map(Task::name).collect(Collectors.joining(", ")));
    }
}
