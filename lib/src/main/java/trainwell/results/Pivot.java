package trainwell.results;

import java.util.List;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import trainwell.core.Args;

/**
 * A value laid out as a grid: one row per value of {@code rowName}, one column per value of
 * {@code columnName} (e.g. learning rate x weight decay -> final loss). Missing combinations are NaN.
 * {@code trainwell.plots.Plots.heatmap(...).pivot(p)} draws it.
 */
public record Pivot(String rowName, String columnName, String valueName,
        List<String> rowLabels, List<String> columnLabels, double[][] values) {

    /** Checks that the labels match the shape of the values and copies everything. */
    public Pivot {
        Args.notNull("rowName", rowName);
        Args.notNull("columnName", columnName);
        Args.notNull("valueName", valueName);
        rowLabels = List.copyOf(rowLabels);
        columnLabels = List.copyOf(columnLabels);
        Args.check(values.length == rowLabels.size(), "values", "must have one row per row label ("
                + rowLabels.size() + ")", values.length + " rows");
        double[][] copy = new double[values.length][];
        for (int i = 0; i < values.length; i++) {
            Args.check(values[i].length == columnLabels.size(), "values[" + i + "]",
                    "must have one value per column label (" + columnLabels.size() + ")", values[i].length);
            copy[i] = values[i].clone();
        }
        values = copy;
    }

    /** A copy of the grid (the record keeps its own). */
    @Override
    public double[][] values() {
        double[][] copy = new double[values.length][];
        for (int i = 0; i < values.length; i++) {
            copy[i] = values[i].clone();
        }
        return copy;
    }

    /** The value at a row and column label. */
    public double get(String rowLabel, String columnLabel) {
        int i = rowLabels.indexOf(rowLabel);
        int j = columnLabels.indexOf(columnLabel);
        Args.check(i >= 0, "rowLabel", "must be one of " + rowLabels, rowLabel);
        Args.check(j >= 0, "columnLabel", "must be one of " + columnLabels, columnLabel);
        return values[i][j];
    }

    /** The grid as a table: a text column of row labels, then one number column per column label. */
    public Table toTable() {
        Table t = Table.create(valueName + " by " + rowName + " x " + columnName);
        t.addColumns(StringColumn.create(rowName, rowLabels));
        for (int j = 0; j < columnLabels.size(); j++) {
            DoubleColumn c = DoubleColumn.create(columnName + "=" + columnLabels.get(j));
            for (double[] row : values) {
                c.append(row[j]);
            }
            t.addColumns(c);
        }
        return t;
    }
}
