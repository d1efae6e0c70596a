package trainwell.results;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

class CalibrationTest {

    @Test
    void predictionsRightAsOftenAsTheySayHaveZeroError() {
        var c = Calibration.of("m", new double[] {0.75, 0.75, 0.75, 0.75}, new boolean[] {true, true, true, false});
        assertEquals(0.0, c.expectedCalibrationError(10), 1e-12);
    }

    @Test
    void anOverconfidentModelScoresItsGap() {
        var c = Calibration.of("m", new double[] {0.9, 0.9, 0.9, 0.9}, new boolean[] {true, false, true, false});
        assertEquals(0.4, c.expectedCalibrationError(10), 1e-12);
    }

    @Test
    void binsAreWeightedByTheirShareOfPredictions() {
        // Bin (0.9, 1]: confidence 0.95, all right (gap 0.05); bin (0.5, 0.6]: 0.55, none right (gap 0.55).
        var c = Calibration.of("m", new double[] {0.95, 0.95, 0.55, 0.55}, new boolean[] {true, true, false, false});
        assertEquals(0.5 * 0.05 + 0.5 * 0.55, c.expectedCalibrationError(10), 1e-12);
    }

    @Test
    void oneBinMeasuresOnlyTheOverallGap() {
        var c = Calibration.of("m", new double[] {0.95, 0.95, 0.55, 0.55}, new boolean[] {true, true, false, false});
        assertEquals(Math.abs(c.accuracy() - c.meanConfidence()), c.expectedCalibrationError(1), 1e-12);
    }

    @Test
    void accuracyAndMeanConfidenceAreOverAllPredictions() {
        var c = Calibration.of("m", new double[] {0.2, 0.4, 0.9}, new boolean[] {false, true, true});
        assertEquals(2.0 / 3, c.accuracy(), 1e-12);
        assertEquals(0.5, c.meanConfidence(), 1e-12);
        assertEquals(3, c.size());
    }

    @Test
    void reliabilityHasOneRowPerNonEmptyBin() {
        var c = Calibration.of("eps 0", new double[] {0.95, 0.92, 0.55, 0.15}, new boolean[] {true, false, true, false});
        Table t = c.reliability(10);
        assertEquals(List.of("model", "bin", "count", "confidence", "accuracy"), t.columnNames());
        assertEquals(3, t.rowCount());
        assertEquals("eps 0", t.stringColumn("model").get(0));
        assertArrayEquals(new double[] {0.2, 0.6, 1.0}, t.doubleColumn("bin").asDoubleArray(), 1e-12);
        assertArrayEquals(new int[] {1, 1, 2}, t.intColumn("count").asIntArray());
        assertEquals(0.935, t.doubleColumn("confidence").get(2), 1e-12);
        assertEquals(0.5, t.doubleColumn("accuracy").get(2), 1e-12);
    }

    @Test
    void aConfidenceOnABinEdgeBelongsToTheBinItCloses() {
        var c = Calibration.of("m", new double[] {0.5, 0.0, 1.0}, new boolean[] {true, false, true});
        assertArrayEquals(new double[] {0.1, 0.5, 1.0}, c.reliability(10).doubleColumn("bin").asDoubleArray(), 1e-12);
    }

    @Test
    void theRecordKeepsItsOwnArrays() {
        double[] conf = {0.6};
        boolean[] ok = {true};
        var c = Calibration.of("m", conf, ok);
        conf[0] = 0.1;
        ok[0] = false;
        c.confidence()[0] = 0.2;
        assertEquals(0.6, c.meanConfidence(), 0);
        assertEquals(1.0, c.accuracy(), 0);
    }

    @Test
    void badInputIsRejectedByName() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> Calibration.of("m", new double[] {0.5, 1.2}, new boolean[] {true, true}));
        assertTrue(e.getMessage().contains("confidence[1]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Calibration.of("m", new double[] {0.5}, new boolean[] {true, false}));
        assertTrue(e.getMessage().contains("correct"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Calibration.of("m", new double[0], new boolean[0]));
        var c = Calibration.of("m", new double[] {0.5}, new boolean[] {true});
        e = assertThrows(IllegalArgumentException.class, () -> c.expectedCalibrationError(0));
        assertTrue(e.getMessage().contains("bins"), e.getMessage());
    }
}
