package trainwell.results;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import trainwell.core.Args;

/**
 * The record of one training run, built row by row: configuration values repeated on every row, and
 * metrics per step. Metrics may be logged at different steps (training loss every step, validation
 * loss every 100): a row's missing metrics are missing values in the table.
 *
 * <pre>{@code
 * RunLog log = RunLog.of("adam").config("optimizer", "adam").config("seed", 1);
 * log.add(step, Map.of("loss", loss));            // every step
 * log.add(step, "val_loss", validationLoss);       // now and then: joins the row of that step
 * Table table = log.table();
 * }</pre>
 */
public final class RunLog {

    private final String name;
    private final Map<String, Object> config = new LinkedHashMap<>();
    private final List<Integer> steps = new ArrayList<>();
    private final Map<String, List<Double>> metrics = new LinkedHashMap<>();

    private RunLog(String name) {
        this.name = name;
    }

    /** An empty log for a run of this name. */
    public static RunLog of(String name) {
        return new RunLog(Args.notNull("name", name));
    }

    /** A configuration value (text or number) repeated on every row, e.g. ("lr", 1e-3); before any row. */
    public RunLog config(String column, Object value) {
        Args.notNull("column", column);
        Args.notNull("value", value);
        Args.check(steps.isEmpty(), "config", "must be set before the first row", column);
        Args.check(!column.equals("step") && !metrics.containsKey(column), "column", "is already used", column);
        config.put(column, value);
        return this;
    }

    /**
     * Logs metrics at a step. Steps may repeat the last one (the metrics join its row) or grow;
     * a metric already logged at that step is an error. NaN is allowed (a diverged run).
     */
    public RunLog add(int step, Map<String, ? extends Number> values) {
        Args.nonNegative("step", step);
        Args.notNull("values", values);
        Args.check(!values.isEmpty(), "values", "must hold at least one metric", values);
        int last = steps.isEmpty() ? -1 : steps.get(steps.size() - 1);
        Args.check(step >= last, "step", "must not go back (last step was " + last + ")", step);
        if (step > last) {
            steps.add(step);
            metrics.values().forEach(col -> col.add(Double.NaN));
        }
        int row = steps.size() - 1;
        for (Map.Entry<String, ? extends Number> e : values.entrySet()) {
            String metric = Args.notNull("metric name", e.getKey());
            Args.check(!metric.equals("step") && !config.containsKey(metric), "metric", "is a configuration or step column", metric);
            Number value = Args.notNull("value of " + metric, e.getValue());
            // a metric seen for the first time is missing on all earlier rows
            List<Double> col = metrics.computeIfAbsent(metric, k -> new ArrayList<>(
                    java.util.Collections.nCopies(row + 1, Double.NaN)));
            Args.check(col.get(row).isNaN(), "metric " + metric, "was already logged at step " + step, value);
            col.set(row, value.doubleValue());
        }
        return this;
    }

    /** Logs one metric at a step. */
    public RunLog add(int step, String metric, double value) {
        return add(step, Map.of(Args.notNull("metric", metric), value));
    }

    /** Number of rows (distinct steps) so far. */
    public int size() {
        return steps.size();
    }

    /** The logged values of a metric, one per row (NaN where it was not logged). */
    public double[] values(String metric) {
        Args.check(metrics.containsKey(metric), "metric", "must be one of " + metrics.keySet(), metric);
        return metrics.get(metric).stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** The last logged (non-NaN) value of a metric; NaN if there is none. */
    public double last(String metric) {
        double[] v = values(metric);
        for (int i = v.length - 1; i >= 0; i--) {
            if (!Double.isNaN(v[i])) {
                return v[i];
            }
        }
        return Double.NaN;
    }

    /** The log as a table named after the run: "step", the configuration columns, then the metrics. */
    public Table table() {
        Table t = Table.create(name);
        t.addColumns(IntColumn.create("step", steps.stream().mapToInt(Integer::intValue).toArray()));
        int n = steps.size();
        for (Map.Entry<String, Object> e : config.entrySet()) {
            if (e.getValue() instanceof Number num) {
                double[] v = new double[n];
                Arrays.fill(v, num.doubleValue());
                t.addColumns(DoubleColumn.create(e.getKey(), v));
            } else {
                String[] v = new String[n];
                Arrays.fill(v, String.valueOf(e.getValue()));
                t.addColumns(StringColumn.create(e.getKey(), v));
            }
        }
        for (Map.Entry<String, List<Double>> e : metrics.entrySet()) {
            t.addColumns(DoubleColumn.create(e.getKey(), e.getValue().stream().mapToDouble(Double::doubleValue).toArray()));
        }
        return t;
    }
}
