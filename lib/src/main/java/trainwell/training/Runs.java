package trainwell.training;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;
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
     * A run that lacks a column another run has (a run that diverged before its first evaluation has no
     * val_loss) gets the column filled with missing values.
     */
    public Table history() {
        List<Table> tables = results.stream().map(r -> r.history().copy()).toList();
        for (Table t : tables) {
            for (Table other : tables) {
                for (Column<?> c : other.columns()) {
                    if (!t.containsColumn(c.name())) {
                        t.addColumns(c.emptyCopy(t.rowCount()));
                    }
                }
            }
        }
        return Results.concat("history", tables);
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

    /**
     * The runs of the configurations {@code names} only, in the order they ran (e.g. the runs of one
     * experiment that belong in one plot).
     *
     * @throws IllegalArgumentException if a name has no run (argument "names")
     */
    public Runs named(String... names) {
        Args.check(names != null && names.length > 0, "names", "must name at least one configuration", "none");
        Set<String> wanted = new HashSet<>();
        for (String n : names) {
            Args.check(n != null && !of(n).isEmpty(), "names", "has no run named '" + n + "'; runs are named "
                    + results.stream().map(TrainingResult::name).distinct().toList(), n);
            wanted.add(n);
        }
        return new Runs(results.stream().filter(r -> wanted.contains(r.name())).toList());
    }

    /** The results of configuration {@code name}, one per seed. */
    public List<TrainingResult> of(String name) {
        return results.stream().filter(r -> r.name().equals(name)).toList();
    }
}
