package trainwell.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

class RunsTest {

    private static TrainingResult run(String name, boolean evaluated) {
        Table h = Table.create(name, IntColumn.create("step", new int[] {0, 1}),
                StringColumn.create("run", new String[] {name, name}), DoubleColumn.create("loss", new double[] {3, 2}));
        if (evaluated) {
            h.addColumns(DoubleColumn.create("val_loss", new double[] {Double.NaN, 2.5}));
        }
        return new TrainingResult(name, TrainingConfig.defaults(), h, Table.create("layers"),
                evaluated ? TrainingResult.Status.COMPLETED : TrainingResult.Status.DIVERGED, "", 2, -1, Double.NaN, 0.1);
    }

    @Test
    void historyStacksARunThatDivergedBeforeItsFirstEvaluation() {
        Table h = new Runs(List.of(run("diverged", false), run("completed", true))).history();
        assertEquals(4, h.rowCount());
        assertTrue(h.containsColumn("val_loss"), h.columnNames().toString());
        assertEquals(3, h.doubleColumn("val_loss").countMissing(), "the diverged run's rows have no validation loss");
        assertEquals(2.5, h.doubleColumn("val_loss").getDouble(3), 0);
    }
}
