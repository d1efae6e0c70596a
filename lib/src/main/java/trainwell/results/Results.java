package trainwell.results;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.Table;
import trainwell.core.Args;
import trainwell.core.Language;

/**
 * Helpers for experiment results held in Tablesaw tables (one row per step, or one row per run):
 * summaries over seeds, pivot grids for heat maps, and CSV files in a results folder.
 *
 * <pre>{@code
 * Table summary = Results.summarize(runs, by("optimizer", "lr"), metric("val_loss"));
 * Pivot grid = Results.pivot(summary, "lr", "weight_decay", "val_loss_final_mean");
 * Results.saveCsv(summary, "optimizers.csv");
 * }</pre>
 */
public final class Results {

    /** System property that overrides the default results folder. */
    public static final String FOLDER_PROPERTY = "trainwell.results.dir";

    private static volatile Path folder;

    private Results() {}

    /** Groups by these configuration columns (runs told apart by "seed", ordered by "step"). */
    public static By by(String... columns) {
        Args.notNull("columns", columns);
        return new By(List.of(columns), "seed", "step");
    }

    /** A metric whose best value is its minimum (a loss); see {@link Metric#higherIsBetter()}. */
    public static Metric metric(String column) {
        return new Metric(column, false);
    }

    /**
     * One row per configuration with, for each metric, the mean and the sample standard deviation
     * (n - 1) over runs of the run's final value and of its best value.
     *
     * <p>Rows form one run per distinct value of the run column ({@code by.runColumn()}, "seed") within
     * a configuration; without that column, all rows of a configuration are one run. A run's final value
     * is the metric at its largest step (the step column, or table order if there is none) among rows
     * where the metric is present, so an evaluation logged every 100 steps works. Its best value is the
     * minimum (or maximum, see {@link Metric#higherIsBetter()}) over the run.
     *
     * <p>Columns: the configuration columns, {@code runs}, then per metric {@code <m>_final_mean},
     * {@code <m>_final_std}, {@code <m>_best_mean}, {@code <m>_best_std}. A std over one run is missing.
     */
    public static Table summarize(Table table, By by, Metric... metrics) {
        Args.notNull("table", table);
        Args.notNull("by", by);
        Args.notNull("metrics", metrics);
        Args.check(metrics.length > 0, "metrics", "must name at least one metric", "none");
        for (String c : by.columns()) {
            Columns.column(table, c);
        }
        double[] steps = table.containsColumn(by.stepColumn()) ? Columns.doubles(table, by.stepColumn()) : null;
        List<String> runKeys = table.containsColumn(by.runColumn())
                ? Columns.labels(table, by.runColumn()) : null;

        // configuration key -> run key -> rows, each in order of first appearance
        Map<String, Map<String, List<Integer>>> configs = new LinkedHashMap<>();
        List<List<String>> keyColumns = by.columns().stream().map(c -> Columns.labels(table, c)).toList();
        for (int r = 0; r < table.rowCount(); r++) {
            StringBuilder key = new StringBuilder();
            for (List<String> col : keyColumns) {
                key.append(col.get(r)).append('\u0000');
            }
            String run = runKeys == null ? "" : runKeys.get(r);
            configs.computeIfAbsent(key.toString(), k -> new LinkedHashMap<>())
                    .computeIfAbsent(run, k -> new ArrayList<>()).add(r);
        }

        int[] firstRows = configs.values().stream()
                .mapToInt(runs -> runs.values().iterator().next().get(0)).toArray();
        Table out = table.selectColumns(by.columns().toArray(String[]::new)).rows(firstRows);
        out.setName(Language.format("summary of %s", "%s 的汇总", table.name() == null ? "runs" : table.name()));
        out.addColumns(IntColumn.create("runs", configs.values().stream().mapToInt(Map::size).toArray()));
        for (Metric m : metrics) {
            double[] values = Columns.doubles(table, m.column());
            int n = configs.size();
            double[][] cols = new double[4][n];
            int i = 0;
            for (Map<String, List<Integer>> runs : configs.values()) {
                double[] finals = new double[runs.size()];
                double[] bests = new double[runs.size()];
                int k = 0;
                for (List<Integer> rows : runs.values()) {
                    finals[k] = finalValue(values, steps, rows);
                    bests[k] = bestValue(values, rows, m);
                    k++;
                }
                Stats f = Stats.of(finals);
                Stats b = Stats.of(bests);
                cols[0][i] = f.mean();
                cols[1][i] = f.std();
                cols[2][i] = b.mean();
                cols[3][i] = b.std();
                i++;
            }
            String[] names = {"_final_mean", "_final_std", "_best_mean", "_best_std"};
            for (int c = 0; c < 4; c++) {
                out.addColumns(DoubleColumn.create(m.column() + names[c], cols[c]));
            }
        }
        return out;
    }

    private static double finalValue(double[] values, double[] steps, List<Integer> rows) {
        double value = Double.NaN;
        double lastStep = Double.NEGATIVE_INFINITY;
        for (int r : rows) {
            if (Double.isNaN(values[r])) {
                continue;
            }
            double step = steps == null ? r : steps[r];
            if (step >= lastStep) {
                lastStep = step;
                value = values[r];
            }
        }
        return value;
    }

    private static double bestValue(double[] values, List<Integer> rows, Metric m) {
        double best = Double.NaN;
        for (int r : rows) {
            best = m.better(best, values[r]);
        }
        return best;
    }

    /**
     * A grid of {@code valueColumn} with one row per value of {@code rowColumn} and one column per value
     * of {@code columnColumn} (numeric labels sorted ascending, text labels in order of appearance).
     * Missing combinations are NaN; two rows for one cell are an error (summarize over seeds first).
     */
    public static Pivot pivot(Table table, String rowColumn, String columnColumn, String valueColumn) {
        Args.notNull("table", table);
        List<String> rowKeys = Columns.labels(table, rowColumn);
        List<String> colKeys = Columns.labels(table, columnColumn);
        double[] values = Columns.doubles(table, valueColumn);
        List<String> rowLabels = orderedLabels(table, rowColumn, rowKeys);
        List<String> colLabels = orderedLabels(table, columnColumn, colKeys);
        double[][] grid = new double[rowLabels.size()][colLabels.size()];
        for (double[] row : grid) {
            Arrays.fill(row, Double.NaN);
        }
        boolean[][] seen = new boolean[rowLabels.size()][colLabels.size()];
        for (int r = 0; r < table.rowCount(); r++) {
            int i = rowLabels.indexOf(rowKeys.get(r));
            int j = colLabels.indexOf(colKeys.get(r));
            Args.check(!seen[i][j], "table", "must have one row per " + rowColumn + " x " + columnColumn
                    + " (summarize over seeds first); a second row for", rowColumn + "=" + rowKeys.get(r)
                    + ", " + columnColumn + "=" + colKeys.get(r));
            seen[i][j] = true;
            grid[i][j] = values[r];
        }
        return new Pivot(rowColumn, columnColumn, valueColumn, rowLabels, colLabels, grid);
    }

    private static List<String> orderedLabels(Table table, String column, List<String> keys) {
        List<String> distinct = new ArrayList<>(new java.util.LinkedHashSet<>(keys));
        if (table.column(column) instanceof NumericColumn<?>) {
            double[] v = Columns.doubles(table, column);
            Map<String, Double> number = new LinkedHashMap<>();
            for (int r = 0; r < keys.size(); r++) {
                number.putIfAbsent(keys.get(r), v[r]);
            }
            distinct.sort(Comparator.comparingDouble(number::get));
        }
        return distinct;
    }

    /**
     * Stacks tables with the same columns (e.g. one {@link RunLog} table per run) into one, named
     * {@code name}; the columns of later tables may come in another order.
     */
    public static Table concat(String name, List<Table> tables) {
        Args.notNull("tables", tables);
        Args.check(!tables.isEmpty(), "tables", "must not be empty", "no tables");
        Table first = tables.get(0);
        Table out = first.emptyCopy();
        out.setName(Args.notNull("name", name));
        for (int i = 0; i < tables.size(); i++) {
            Table t = tables.get(i);
            Args.check(t.columnCount() == first.columnCount()
                    && t.columnNames().containsAll(first.columnNames()), "columns of tables[" + i + "]",
                    "must equal those of tables[0] " + first.columnNames(), t.columnNames());
            out.append(t.selectColumns(first.columnNames().toArray(String[]::new)));
        }
        return out;
    }

    /** The results folder: set by {@link #useFolder}, else the system property, else {@code results/} here. */
    public static Path folder() {
        Path f = folder;
        if (f != null) {
            return f;
        }
        String p = System.getProperty(FOLDER_PROPERTY);
        return p != null && !p.isBlank() ? Path.of(p) : Path.of(System.getProperty("user.dir"), "results");
    }

    /** Sets the results folder for this JVM; {@code null} returns to the default. */
    public static void useFolder(Path dir) {
        folder = dir;
    }

    /** Writes a table as CSV into the results folder (created if missing); returns the file. */
    public static Path saveCsv(Table table, String fileName) {
        Args.notNull("table", table);
        Args.notNull("fileName", fileName);
        Args.check(!fileName.isBlank() && !fileName.contains("/") && !fileName.contains("\\"), "fileName",
                "must be a plain file name (the folder is Results.folder())", fileName);
        String name = fileName.endsWith(".csv") ? fileName : fileName + ".csv";
        Path file = folder().resolve(name);
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            table.write().csv(file.toFile());
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write " + file, e);
        }
    }

    /** Reads a CSV file of the results folder back into a table. */
    public static Table loadCsv(String fileName) {
        Args.notNull("fileName", fileName);
        String name = fileName.endsWith(".csv") ? fileName : fileName + ".csv";
        Path file = folder().resolve(name);
        Args.check(Files.isRegularFile(file), "fileName", "must name a file in " + folder(), fileName);
        return Table.read().csv(file.toFile());
    }
}
