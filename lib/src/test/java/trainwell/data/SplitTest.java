package trainwell.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SplitTest {

    private static final List<Integer> ITEMS = IntStream.range(0, 1000).boxed().toList();

    @Test
    void cutsByTheFractionsGiven() {
        Split<Integer> split = Split.shuffled(ITEMS, 0.8, 0.1, 1);
        assertEquals(800, split.train().size());
        assertEquals(100, split.validation().size());
        assertEquals(100, split.test().size());
    }

    @Test
    void partsAreDisjointAndCoverEveryItem() {
        Split<Integer> split = Split.shuffled(ITEMS, 0.7, 0.2, 1);
        Set<Integer> all = new HashSet<>(split.train());
        all.addAll(split.validation());
        all.addAll(split.test());
        assertEquals(1000, all.size());
        assertEquals(1000, split.size());
    }

    @Test
    void sameSeedGivesSameSplit() {
        assertEquals(Split.shuffled(ITEMS, 0.8, 0.1, 5), Split.shuffled(ITEMS, 0.8, 0.1, 5));
        assertNotEquals(Split.shuffled(ITEMS, 0.8, 0.1, 5).train(), Split.shuffled(ITEMS, 0.8, 0.1, 6).train());
    }

    @Test
    void shufflesRatherThanCuttingInOrder() {
        assertNotEquals(ITEMS.subList(0, 800), Split.shuffled(ITEMS, 0.8, 0.1, 1).train());
    }

    @Test
    void leavesTheCallersListAlone() {
        List<Integer> items = new ArrayList<>(ITEMS);
        Split.shuffled(items, 0.5, 0.5, 1);
        assertEquals(ITEMS, items);
    }

    @Test
    void acceptsFractionsThatSumToOne() {
        Split<Integer> split = Split.shuffled(ITEMS, 0.8, 0.2, 1);
        assertEquals(0, split.test().size());
    }

    @Test
    void rejectsFractionsThatDoNotFit() {
        var e = assertThrows(IllegalArgumentException.class, () -> Split.shuffled(ITEMS, 0.8, 0.3, 1));
        assertEquals("validationFraction must be <= 1 - trainFraction (0.19999999999999996), got 0.3", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Split.shuffled(ITEMS, 0, 0.1, 1));
        assertThrows(IllegalArgumentException.class, () -> Split.shuffled(ITEMS, 0.8, -0.1, 1));
        assertThrows(IllegalArgumentException.class, () -> Split.shuffled(ITEMS, Double.NaN, 0.1, 1));
    }
}
