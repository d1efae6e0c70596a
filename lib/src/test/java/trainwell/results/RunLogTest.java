package trainwell.results;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.Table;

class RunLogTest {

    @Test
    void tableHasStepThenConfigurationThenMetrics() {
        Table t = RunLog.of("adam").config("optimizer", "adam").config("lr", 1e-3)
                .add(0, Map.of("loss", 2.0)).add(1, Map.of("loss", 1.5)).table();
        assertEquals("adam", t.name());
        assertEquals(List.of("step", "optimizer", "lr", "loss"), t.columnNames());
        assertEquals(ColumnType.STRING, t.column("optimizer").type());
        assertEquals(ColumnType.DOUBLE, t.column("lr").type());
        assertEquals(List.of("adam", "adam"), t.stringColumn("optimizer").asList());
        assertEquals(List.of(0, 1), t.intColumn("step").asList());
    }

    @Test
    void metricsLoggedAtTheSameStepShareARow() {
        RunLog log = RunLog.of("r").add(100, "loss", 1.0).add(100, "val_loss", 1.2);
        assertEquals(1, log.size());
        assertEquals(1.2, log.table().doubleColumn("val_loss").get(0), 0);
    }

    @Test
    void aMetricLoggedLaterIsMissingOnEarlierRows() {
        RunLog log = RunLog.of("r").add(0, "loss", 3).add(1, "loss", 2).add(1, "val_loss", 2.5).add(2, "loss", 1);
        assertArrayEquals(new double[] {Double.NaN, 2.5, Double.NaN}, log.values("val_loss"), 0);
        assertEquals(2.5, log.last("val_loss"), 0);
        assertTrue(log.table().doubleColumn("val_loss").isMissing(0));
    }

    @Test
    void stepsMustNotGoBack() {
        RunLog log = RunLog.of("r").add(5, "loss", 1);
        var e = assertThrows(IllegalArgumentException.class, () -> log.add(4, "loss", 1));
        assertTrue(e.getMessage().contains("last step was 5"), e.getMessage());
    }

    @Test
    void aMetricCannotBeLoggedTwiceAtOneStep() {
        RunLog log = RunLog.of("r").add(5, "loss", 1);
        assertThrows(IllegalArgumentException.class, () -> log.add(5, "loss", 2));
    }

    @Test
    void configurationComesBeforeTheFirstRow() {
        RunLog log = RunLog.of("r").add(0, "loss", 1);
        assertThrows(IllegalArgumentException.class, () -> log.config("seed", 1));
    }

    @Test
    void runLogsConcatenateAndSummarize() {
        Table a = RunLog.of("s1").config("optimizer", "sgd").config("seed", 1).add(0, "loss", 2).add(1, "loss", 1).table();
        Table b = RunLog.of("s2").config("optimizer", "sgd").config("seed", 2).add(0, "loss", 2).add(1, "loss", 3).table();
        Table all = Results.concat("runs", List.of(a, b));
        assertEquals(4, all.rowCount());
        Table s = Results.summarize(all, Results.by("optimizer"), Results.metric("loss"));
        assertEquals(2.0, s.doubleColumn("loss_final_mean").get(0), 1e-12);
        assertEquals(Math.sqrt(2), s.doubleColumn("loss_final_std").get(0), 1e-12);
    }

    @Test
    void concatRejectsTablesWithOtherColumns() {
        Table a = RunLog.of("a").add(0, "loss", 1).table();
        Table b = RunLog.of("b").add(0, "acc", 1).table();
        var e = assertThrows(IllegalArgumentException.class, () -> Results.concat("x", List.of(a, b)));
        assertTrue(e.getMessage().contains("tables[1]"), e.getMessage());
    }
}
