package trainwell.notebook;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import trainwell.core.Args;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/** HTML building blocks for notebook output: escaping, tables, and a plain-text fallback. */
public final class Html {

    /** Rows shown when a table is displayed without an explicit limit. */
    public static final int DEFAULT_MAX_ROWS = 20;

    private Html() {}

    /** Escapes the five characters that are special in HTML text and attributes. */
    public static String escape(String s) {
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    /**
     * A Tablesaw table as an HTML table: the table's name as caption, numbers right-aligned and printed
     * with at most 4 significant digits, and, past {@code maxRows}, a note of how many rows were left out.
     */
    public static String table(Table table, int maxRows) {
        if (maxRows < 1) {
            throw new IllegalArgumentException("maxRows must be at least 1, got " + maxRows);
        }
        StringBuilder b = new StringBuilder(256);
        b.append("<table class=\"trainwell\">");
        if (table.name() != null && !table.name().isBlank()) {
            b.append("<caption>").append(escape(table.name())).append("</caption>");
        }
        b.append("<thead><tr>");
        for (Column<?> col : table.columns()) {
            b.append("<th>").append(escape(col.name())).append("</th>");
        }
        b.append("</tr></thead><tbody>");
        int shown = Math.min(maxRows, table.rowCount());
        for (int r = 0; r < shown; r++) {
            b.append("<tr>");
            for (Column<?> col : table.columns()) {
                boolean numeric = col instanceof NumericColumn<?>;
                b.append(numeric ? "<td style=\"text-align:right\">" : "<td>")
                        .append(escape(cell(col, r)))
                        .append("</td>");
            }
            b.append("</tr>");
        }
        b.append("</tbody></table>");
        if (shown < table.rowCount()) {
            b.append("<p><em>").append(table.rowCount() - shown).append(" more rows of ")
                    .append(table.rowCount()).append(" not shown</em></p>");
        }
        return b.toString();
    }

    /** Text of an HTML fragment without its tags, with the common entities decoded. */
    public static String toPlainText(String html) {
        String text = html.replaceAll("(?i)<br\\s*/?>|</p>|</tr>|</h[1-6]>|</li>", "\n")
                .replaceAll("(?i)</t[dh]>", "\t")
                .replaceAll("<[^>]*>", "");
        return text.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"")
                .replace("&#39;", "'").replace("&amp;", "&").strip();
    }

    /** A number printed for a table: integers as they are, others with 4 significant digits. */
    public static String number(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return Double.toString(v);
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        double a = Math.abs(v);
        if (a >= 1e-3 && a < 1e6) {
            String s = String.format(Locale.ROOT, "%.4g", v);
            if (s.contains(".") && !s.contains("e")) {
                s = s.replaceAll("0+$", "").replaceAll("\\.$", "");
            }
            return s;
        }
        return String.format(Locale.ROOT, "%.3e", v);
    }

    /**
     * Numbers as a list for a message or a claim's evidence, each as {@link #number} prints it, e.g.
     * {@code [1.724, 0.8913]} ({@code Arrays.toString} would print every digit of a double).
     */
    public static String numbers(double... values) {
        Args.notNull("values", values);
        return Arrays.stream(values).mapToObj(Html::number).collect(Collectors.joining(", ", "[", "]"));
    }

    private static String cell(Column<?> col, int row) {
        if (col.isMissing(row)) {
            return "";
        }
        Object v = col.get(row);
        if (v instanceof Double d) {
            return number(d);
        }
        if (v instanceof Float f) {
            return number(f);
        }
        return String.valueOf(v);
    }
}
