package trainwell.training;

import java.util.List;
import tech.tablesaw.api.Table;
import trainwell.core.Args;
import trainwell.results.Results;

/** The results of several training runs, with their histories stacked and summarised over seeds. */
public record Runs(List<TrainingResult> results) {

    /** Keeps an unmodifiable copy. */
    public Runs {
        Args.notNull("results", results);
        results = List.copyOf(results);
    }

    /**
     * Every run's history in one table (columns of {@link TrainingResult#history()}; "run" tells them apart).
     * A run that logged fewer columns (one that diverged before its first evaluation has no val_loss) gets
     * them as missing values.
     */
    public Table history() {
        return Results.concat("history", withSameColumns(results.stream().map(TrainingResult::history).toList()));
    }

    /** The tables with every numeric column that any of them has, added as missing values where absent. */
    private static List<Table> withSameColumns(List<Table> tables) {
        java.util.LinkedHashSet<String> names = new java.util.LinkedHashSet<>();
        tables.forEach(t -> names.addAll(t.columnNames()));
        return tables.stream().map(t -> {
            Table copy = t.copy();
            for (String name : names) {
                if (!copy.containsColumn(name)) {
                    // Only the optional columns (val_loss, val_accuracy, update_ratio) can be absent; all are numbers.
                    copy.addColumns(tech.tablesaw.api.DoubleColumn.create(name, copy.rowCount()));
                }
            }
            return copy;
        }).toList();
    }

    /** Every run's per-layer gradient norms in one table. */
    public Table layers() {
        return Results.concat("layers", results.stream().map(TrainingResult::layers).toList());
    }

    /**
     * One row per configuration ("run"): number of seeds, and the mean and sample standard deviation over
     * seeds of the final and best training loss, validation loss and validation accuracy.
     */
    public Table summary() {
        return Results.summarize(history(), Results.by("run"), Results.metric("loss"), Results.metric("val_loss"),
                Results.metric("val_accuracy").higherIsBetter());
    }

    /** How many runs diverged. */
    public int diverged() {
        return (int) results.stream().filter(TrainingResult::diverged).count();
    }

    /** The results of configuration {@code name}, one per seed. */
    public List<TrainingResult> of(String name) {
        return results.stream().filter(r -> r.name().equals(name)).toList();
    }
}
