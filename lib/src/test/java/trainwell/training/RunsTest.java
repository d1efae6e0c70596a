package trainwell.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

class RunsTest {

    private static TrainingResult result(String name, boolean evaluated) {
        Table h = Table.create(name, IntColumn.create("step", 0, 1), StringColumn.create("run", name, name),
                DoubleColumn.create("seed", 1, 1), DoubleColumn.create("loss", 3, 2));
        if (evaluated) {
            h.addColumns(DoubleColumn.create("val_loss", Double.NaN, 2.5), DoubleColumn.create("val_accuracy", Double.NaN, 0.4));
        }
        TrainingResult.Status status = evaluated ? TrainingResult.Status.COMPLETED : TrainingResult.Status.DIVERGED;
        return new TrainingResult(name, TrainingConfig.defaults(), h, Table.create("layers"), status, "", 2, 1, 2.5, 0.1);
    }

    @Test
    void historyStacksARunThatDivergedBeforeItsFirstEvaluation() {
        Runs runs = new Runs(List.of(result("ok", true), result("diverged", false)));
        Table h = runs.history();
        assertEquals(4, h.rowCount());
        assertTrue(h.doubleColumn("val_loss").isMissing().contains(3), h.print());
        assertEquals(2.5, h.doubleColumn("val_loss").get(1));
    }

    @Test
    void summaryCoversEveryConfigurationWhenOneDivergedEarly() {
        Runs runs = new Runs(List.of(result("ok", true), result("diverged", false)));
        assertEquals(2, runs.summary().rowCount());
    }

    @Test
    void namedKeepsOnlyTheNamedConfigurationsInTheirRunOrder() {
        Runs runs = new Runs(List.of(result("a", true), result("b", true), result("c", true), result("a", true)));
        assertEquals(List.of("a", "c", "a"), runs.named("c", "a").results().stream().map(TrainingResult::name).toList());
        assertEquals(1, runs.named("b").results().size());
        var e = assertThrows(IllegalArgumentException.class, () -> runs.named("a", "d"));
        assertTrue(e.getMessage().startsWith("names") && e.getMessage().contains("'d'") && e.getMessage().contains("[a, b, c]"),
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> runs.named());
        assertTrue(e.getMessage().startsWith("names"), e.getMessage());
    }
}
