package trainwell.results;

import java.util.List;
import trainwell.core.Args;

/**
 * How {@link Results#summarize} groups rows: by configuration columns (e.g. "optimizer", "lr"); within
 * a configuration, rows with the same {@code runColumn} value (default "seed") form one run, ordered by
 * {@code stepColumn} (default "step"). Missing run or step columns are fine: see {@link Results#summarize}.
 */
public record By(List<String> columns, String runColumn, String stepColumn) {

    /** Checks and copies the column names. */
    public By {
        Args.notNull("columns", columns);
        columns = List.copyOf(columns);
        Args.notNull("runColumn", runColumn);
        Args.notNull("stepColumn", stepColumn);
        Args.check(!columns.contains(runColumn), "runColumn", "must not also be a configuration column", runColumn);
    }

    /** The same grouping with another column naming the run (e.g. "run_id" instead of "seed"). */
    public By runs(String runColumn) {
        return new By(columns, runColumn, stepColumn);
    }

    /** The same grouping with another column ordering the rows of a run (e.g. "epoch" instead of "step"). */
    public By steps(String stepColumn) {
        return new By(columns, runColumn, stepColumn);
    }
}
