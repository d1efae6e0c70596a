package trainwell.tuning;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.Table;

class RangeCurveTest {

    private static final double[] LR = {1e-4, 1e-3, 1e-2, 1e-1, 1};
    private static final double[] LOSS = {3.0, 2.5, 1.5, 1.0, 9.0};

    @Test
    void withoutSmoothingTheCurveIsTheRawLoss() {
        assertArrayEquals(LOSS, RangeCurve.of(LR, LOSS, 0).smoothed(), 1e-12);
    }

    @Test
    void smoothingIsABiasCorrectedMovingAverage() {
        double[] s = RangeCurve.of(LR, LOSS, 0.5).smoothed();
        assertEquals(3.0, s[0], 1e-12);                            // not pulled toward 0
        assertEquals((0.5 * 0.5 * 3.0 + 0.5 * 2.5) / 0.75, s[1], 1e-12);
    }

    @Test
    void minimumRateIsWhereTheSmoothedLossIsLowest() {
        assertEquals(1e-1, RangeCurve.of(LR, LOSS, 0).minimumLr(), 1e-15);
        assertEquals(1.0, RangeCurve.of(LR, LOSS, 0).minimumLoss(), 1e-15);
    }

    @Test
    void suggestedRateIsATenthOfTheMinimumRate() {
        assertEquals(1e-2, RangeCurve.of(LR, LOSS, 0).suggestedLr(), 1e-15);
    }

    @Test
    void nonFiniteLossesAreIgnoredWhenLookingForTheMinimum() {
        double[] loss = {3.0, 2.0, Double.NaN, Double.POSITIVE_INFINITY, 2.5};
        assertEquals(1e-3, RangeCurve.of(LR, loss, 0).minimumLr(), 1e-15);
    }

    @Test
    void readsARunsHistoryTable() {
        Table history = Table.create("h", DoubleColumn.create("lr", LR), DoubleColumn.create("loss", LOSS));
        assertEquals(1e-1, RangeCurve.of(history, 0).minimumLr(), 1e-15);
    }

    @Test
    void tableHasTheRateTheLossAndTheSmoothedLoss() {
        Table t = RangeCurve.of(LR, LOSS, 0.9).table();
        assertEquals(5, t.rowCount());
        assertEquals(java.util.List.of("lr", "loss", "smoothed"), t.columnNames());
    }

    @Test
    void rejectsArraysOfDifferentLengths() {
        var e = assertThrows(IllegalArgumentException.class, () -> RangeCurve.of(LR, new double[] {1, 2}, 0));
        assertEquals(true, e.getMessage().contains("loss"), e.getMessage());
    }

    @Test
    void rejectsASmoothingFactorOfOne() {
        var e = assertThrows(IllegalArgumentException.class, () -> RangeCurve.of(LR, LOSS, 1));
        assertEquals(true, e.getMessage().contains("beta"), e.getMessage());
    }
}
