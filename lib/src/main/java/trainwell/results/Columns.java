package trainwell.results;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;
import trainwell.core.Args;

/** Reads Tablesaw columns as plain Java values, with argument errors that name the column. */
public final class Columns {

    private Columns() {}

    /** The named column; the error lists the columns the table does have. */
    public static Column<?> column(Table table, String name) {
        Args.notNull("table", table);
        Args.notNull("column name", name);
        Args.check(table.containsColumn(name), "column", "must be one of " + table.columnNames(), name);
        return table.column(name);
    }

    /** A numeric column as doubles; missing values become NaN. */
    public static double[] doubles(Table table, String name) {
        Column<?> c = column(table, name);
        Args.check(c instanceof NumericColumn, "column " + name, "must be numeric", c.type().name());
        NumericColumn<?> n = (NumericColumn<?>) c;
        double[] out = new double[n.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = n.isMissing(i) ? Double.NaN : n.getDouble(i);
        }
        return out;
    }

    /** Each row's value of a column as text (numbers printed as in a table); missing values as "". */
    public static List<String> labels(Table table, String name) {
        Column<?> c = column(table, name);
        List<String> out = new ArrayList<>(c.size());
        for (int i = 0; i < c.size(); i++) {
            out.add(c.isMissing(i) ? "" : label(c.get(i)));
        }
        return out;
    }

    /** Row indices grouped by a column's value, groups in order of first appearance. */
    public static Map<String, List<Integer>> groups(Table table, String name) {
        List<String> keys = labels(table, name);
        Map<String, List<Integer>> out = new LinkedHashMap<>();
        for (int i = 0; i < keys.size(); i++) {
            out.computeIfAbsent(keys.get(i), k -> new ArrayList<>()).add(i);
        }
        return out;
    }

    /** The values of an array at the given indices. */
    public static double[] pick(double[] values, List<Integer> rows) {
        double[] out = new double[rows.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = values[rows.get(i)];
        }
        return out;
    }

    /** A cell value as a short label: integral doubles without ".0", others as Java prints them. */
    static String label(Object v) {
        if (v instanceof Double d && d == Math.rint(d) && Math.abs(d) < 1e15) {
            return Long.toString(d.longValue());
        }
        if (v instanceof Float f && f == Math.rint(f) && Math.abs(f) < 1e7) {
            return Long.toString(f.longValue());
        }
        return String.valueOf(v);
    }
}
