package trainwell.training;

import java.util.Arrays;
import java.util.stream.Stream;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;
import trainwell.core.Args;

/** What the measuring listeners share: one run per listener, and tables that say which run and seed a row is from. */
final class RunColumns {

    private RunColumns() {}

    /**
     * {@code started}, checked to be the listener's first run ({@code held} is the run it already has, or null).
     *
     * @param listener the listener's class name for the message, e.g. "AttentionStats"
     */
    static TrainingRun claim(TrainingRun held, TrainingRun started, String listener) {
        Args.check(held == null, "listener", "belongs to one run; make a new " + listener + " for run " + started.name(),
                "already used by run " + (held == null ? "" : held.name()));
        return started;
    }

    /**
     * A table titled "{run name} ({what})" of {@code step}, then the columns run and seed (the same on every row, from
     * {@code run}; empty and 0 before a run), then copies of {@code columns}.
     */
    static Table table(String what, TrainingRun run, IntColumn step, Column<?>... columns) {
        int n = step.size();
        String name = run == null ? "" : run.name();
        String[] runs = new String[n];
        double[] seeds = new double[n];
        Arrays.fill(runs, name);
        Arrays.fill(seeds, run == null ? 0 : run.config().seed());
        Column<?>[] all = Stream.concat(Stream.of(step.copy(), StringColumn.create("run", runs),
                DoubleColumn.create("seed", seeds)), Arrays.stream(columns).map(Column::copy)).toArray(Column<?>[]::new);
        return Table.create(name + " (" + what + ")", all);
    }
}
