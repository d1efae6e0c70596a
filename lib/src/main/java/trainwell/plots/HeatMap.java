package trainwell.plots;

import java.awt.Color;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.DoubleFunction;
import java.util.stream.IntStream;
import trainwell.core.Args;
import trainwell.notebook.Html;
import trainwell.results.Pivot;

/**
 * A matrix as a grid of coloured cells with a colour bar: attention weights (rows = queries,
 * columns = keys, labelled with tokens) or a hyper-parameter grid with the value written in each cell.
 * Row 0 is at the top, as when a matrix is printed. NaN cells (a missing grid point) are light grey.
 *
 * <pre>{@code
 * Plots.heatmap("Attention, head 0").matrix(weights).rows(tokens).columns(tokens).show();
 * Plots.heatmap("Final loss").pivot(Results.pivot(summary, "lr", "weight_decay", "val_loss_final_mean"))
 *      .annotate().show();
 * }</pre>
 */
public final class HeatMap implements Plot {

    private final String title;
    private double[][] values;
    private List<String> rowLabels;
    private List<String> columnLabels;
    private String xTitle = "";
    private String yTitle = "";
    private boolean annotate;
    private String format;
    private boolean log;
    private double min = Double.NaN;
    private double max = Double.NaN;
    private Theme theme = Theme.notebook();

    HeatMap(String title) {
        this.title = Args.notNull("title", title);
    }

    /** The values, one array per row; all rows must have the same length. */
    public HeatMap matrix(double[][] values) {
        Args.notNull("values", values);
        Args.check(values.length > 0, "values", "must have at least one row", "0 rows");
        double[][] copy = new double[values.length][];
        for (int i = 0; i < values.length; i++) {
            Args.notNull("values[" + i + "]", values[i]);
            Args.check(values[i].length > 0, "values[" + i + "]", "must not be empty", "0 columns");
            Args.check(values[i].length == values[0].length, "values[" + i + "]",
                    "must have as many columns as row 0 (" + values[0].length + ")", values[i].length + " columns");
            copy[i] = values[i].clone();
        }
        this.values = copy;
        return this;
    }

    /** Values and labels of a pivot table, axis titles from its row and column names. */
    public HeatMap pivot(Pivot pivot) {
        Args.notNull("pivot", pivot);
        matrix(pivot.values());
        rows(pivot.rowLabels());
        columns(pivot.columnLabels());
        return y(pivot.rowName()).x(pivot.columnName());
    }

    /** Labels of the rows, top to bottom (e.g. query tokens). */
    public HeatMap rows(List<String> labels) {
        this.rowLabels = List.copyOf(Args.notNull("labels", labels));
        return this;
    }

    /** Labels of the rows, top to bottom. */
    public HeatMap rows(String... labels) {
        return rows(List.of(Args.notNull("labels", labels)));
    }

    /** Labels of the columns, left to right (e.g. key tokens). */
    public HeatMap columns(List<String> labels) {
        this.columnLabels = List.copyOf(Args.notNull("labels", labels));
        return this;
    }

    /** Labels of the columns, left to right. */
    public HeatMap columns(String... labels) {
        return columns(List.of(Args.notNull("labels", labels)));
    }

    /** Title of the x axis (what the columns are). */
    public HeatMap x(String axisTitle) {
        this.xTitle = Args.notNull("axisTitle", axisTitle);
        return this;
    }

    /** Title of the y axis (what the rows are). */
    public HeatMap y(String axisTitle) {
        this.yTitle = Args.notNull("axisTitle", axisTitle);
        return this;
    }

    /** Writes each cell's value in the cell (4 significant digits), when the cells are large enough. */
    public HeatMap annotate() {
        this.annotate = true;
        return this;
    }

    /** Writes each cell's value with this {@link String#format} pattern, e.g. "%.2f". */
    public HeatMap annotate(String format) {
        Args.notNull("format", format);
        String.format(Locale.ROOT, format, 1.0); // fails early on a bad pattern
        this.format = format;
        this.annotate = true;
        return this;
    }

    /** Colours on a logarithmic scale (every non-NaN value must then be > 0), e.g. losses over a grid. */
    public HeatMap logScale() {
        this.log = true;
        return this;
    }

    /** Fixes the colour scale to [min, max] instead of the data's range (e.g. [0, 1] for attention). */
    public HeatMap range(double min, double max) {
        Args.finite("min", min);
        Args.finite("max", max);
        Args.check(max > min, "max", "must be > min (" + min + ")", max);
        this.min = min;
        this.max = max;
        return this;
    }

    /** Size, fonts and colours; default {@link Theme#notebook()}. */
    public HeatMap theme(Theme theme) {
        this.theme = Args.notNull("theme", theme);
        return this;
    }

    /** The colour scale used for the values (checks them). */
    Scale scale() {
        if (values == null) {
            throw new IllegalStateException("Give the heat map '" + title + "' a matrix before drawing it");
        }
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < values.length; i++) {
            for (int j = 0; j < values[i].length; j++) {
                double v = values[i][j];
                Args.check(!Double.isInfinite(v), "values[" + i + "][" + j + "]", "must be finite or NaN", v);
                if (log) {
                    Args.check(!(v <= 0), "values[" + i + "][" + j + "]", "must be > 0 on a logarithmic scale", v);
                }
                if (!Double.isNaN(v)) {
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
            }
        }
        Args.check(lo <= hi, "values", "must hold at least one number that is not NaN", "only NaN");
        if (!Double.isNaN(min)) {
            if (log) {
                Args.positive("min of a logarithmic scale", min);
            }
            lo = min;
            hi = max;
        }
        return new Scale(lo, hi, log);
    }

    /** The colour of one value (NaN: light grey). */
    Color colorOf(Scale s, double v) {
        return Double.isNaN(v) ? ColorMap.viridis(Double.NaN) : ColorMap.viridis(s.position(v));
    }

    /** Renders the heat map to an image of the theme's size. */
    @Override
    public BufferedImage image() {
        Scale s = scale();
        int rows = values.length;
        int cols = values[0].length;
        List<String> rl = labels(rowLabels, rows, "rows");
        List<String> cl = labels(columnLabels, cols, "columns");
        DoubleFunction<Color> bar = ColorMap::viridis;
        Canvas c = new Canvas(theme, title, xTitle, thin(Canvas.cellTicks(cl, false), cols, true),
                yTitle, thin(Canvas.cellTicks(rl, true), rows, false), s, bar);
        Graphics2D g = c.graphics();
        var p = c.plot();
        double cw = p.width / (double) cols;
        double ch = p.height / (double) rows;
        var font = c.cellFont(Math.min(ch, cw));
        g.setFont(font);
        FontMetrics fm = g.getFontMetrics();
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                int x0 = (int) Math.round(p.x + j * cw);
                int y0 = (int) Math.round(p.y + i * ch);
                int x1 = (int) Math.round(p.x + (j + 1) * cw);
                int y1 = (int) Math.round(p.y + (i + 1) * ch);
                Color color = colorOf(s, values[i][j]);
                g.setColor(color);
                g.fillRect(x0, y0, x1 - x0, y1 - y0);
                double v = values[i][j];
                if (annotate && !Double.isNaN(v) && font.getSize2D() >= 7) {
                    String text = format == null ? Html.number(v) : String.format(Locale.ROOT, format, v);
                    if (fm.stringWidth(text) <= cw - 2) {
                        g.setColor(ColorMap.luminance(color) > 0.5 ? Theme.INK : Color.WHITE);
                        g.drawString(text, (x0 + x1 - fm.stringWidth(text)) / 2,
                                (y0 + y1 + fm.getAscent() - fm.getDescent()) / 2);
                    }
                }
            }
        }
        return c.finish();
    }

    private static List<String> labels(List<String> given, int n, String what) {
        if (given == null) {
            return IntStream.range(0, n).mapToObj(Integer::toString).toList();
        }
        Args.check(given.size() == n, "labels of the " + what, "must have one label per " + what.substring(0,
                what.length() - 1) + " (" + n + ")", given.size() + " labels");
        return given;
    }

    /** Keeps every k-th tick when cells are too small for a label each (64 tokens on 400 pixels). */
    private List<Canvas.Tick> thin(List<Canvas.Tick> ticks, int n, boolean horizontal) {
        double cell = (horizontal ? theme.width() * 0.7 : theme.height() * 0.7) / n;
        int every = (int) Math.max(1, Math.ceil(theme.smallFont().getSize() * 1.1 / cell));
        List<Canvas.Tick> out = new ArrayList<>();
        for (int i = 0; i < ticks.size(); i += every) {
            out.add(ticks.get(i));
        }
        return out;
    }
}
