package trainwell.plots;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;
import tech.tablesaw.api.Table;
import trainwell.core.Args;
import trainwell.results.Columns;

/**
 * Points that are not a curve: one marker per trial (e.g. each trial's loss against its learning rate),
 * one colour per series, optional log axes.
 *
 * <pre>{@code
 * Plots.scatter("Loss against learning rate").x("learning rate").y("loss").logX()
 *      .table(trials, "lr", "val_loss", "search").show();
 * }</pre>
 */
public final class ScatterPlot implements Plot {

    private record Points(String name, double[] xs, double[] ys) {}

    private final String title;
    private String xTitle = "";
    private String yTitle = "";
    private boolean logX;
    private boolean logY;
    private Theme theme = Theme.notebook();
    private final List<Points> points = new ArrayList<>();

    ScatterPlot(String title) {
        this.title = Args.notNull("title", title);
    }

    /** Title of the x axis. */
    public ScatterPlot x(String axisTitle) {
        this.xTitle = Args.notNull("axisTitle", axisTitle);
        return this;
    }

    /** Title of the y axis. */
    public ScatterPlot y(String axisTitle) {
        this.yTitle = Args.notNull("axisTitle", axisTitle);
        return this;
    }

    /** Logarithmic x axis (every x must then be > 0). */
    public ScatterPlot logX() {
        this.logX = true;
        return this;
    }

    /** Logarithmic y axis (every y must then be > 0). */
    public ScatterPlot logY() {
        this.logY = true;
        return this;
    }

    /** Size, fonts and colours; default {@link Theme#notebook()}. */
    public ScatterPlot theme(Theme theme) {
        this.theme = Args.notNull("theme", theme);
        return this;
    }

    /**
     * Adds a set of points. A point whose y is not finite (a diverged trial) is left out; x values must be
     * finite, and at least one point must remain.
     */
    public ScatterPlot series(String name, double[] xs, double[] ys) {
        Args.notNull("name", name);
        Args.notNull("xs", xs);
        Args.notNull("ys", ys);
        Args.check(xs.length == ys.length, "ys of series '" + name + "'",
                "must have as many values as xs (" + xs.length + ")", ys.length + " values");
        Args.check(points.stream().noneMatch(p -> p.name.equals(name)), "name", "must be unique", name);
        List<Integer> kept = new ArrayList<>();
        for (int i = 0; i < xs.length; i++) {
            Args.finite("x[" + i + "] of series '" + name + "'", xs[i]);
            if (Double.isFinite(ys[i])) {
                kept.add(i);
            }
        }
        Args.check(!kept.isEmpty(), "ys of series '" + name + "'", "must hold at least one finite value", "none");
        points.add(new Points(name, Columns.pick(xs, kept), Columns.pick(ys, kept)));
        return this;
    }

    /**
     * Adds one set of points per value of {@code groupColumn} (e.g. "search"), in order of first
     * appearance; axis titles default to the column names.
     */
    public ScatterPlot table(Table table, String xColumn, String yColumn, String groupColumn) {
        double[] xs = Columns.doubles(table, xColumn);
        double[] ys = Columns.doubles(table, yColumn);
        for (Map.Entry<String, List<Integer>> g : Columns.groups(table, groupColumn).entrySet()) {
            series(g.getKey(), Columns.pick(xs, g.getValue()), Columns.pick(ys, g.getValue()));
        }
        if (xTitle.isEmpty()) {
            xTitle = xColumn;
        }
        if (yTitle.isEmpty()) {
            yTitle = yColumn;
        }
        return this;
    }

    /** Builds the XChart chart (checks log axes against the data). */
    public XYChart chart() {
        if (points.isEmpty()) {
            throw new IllegalStateException("Add at least one series before drawing the chart '" + title + "'");
        }
        for (Points p : points) {
            for (int i = 0; i < p.xs.length; i++) {
                Args.check(!logX || p.xs[i] > 0, "x[" + i + "] of series '" + p.name + "'",
                        "must be > 0 on a logarithmic x axis", p.xs[i]);
                Args.check(!logY || p.ys[i] > 0, "y[" + i + "] of series '" + p.name + "'",
                        "must be > 0 on a logarithmic y axis", p.ys[i]);
            }
        }
        XYChart chart = new XYChart(theme.width(), theme.height());
        chart.setXAxisTitle(xTitle);
        chart.setYAxisTitle(yTitle);
        var s = chart.getStyler();
        theme.apply(s);
        Fit.title(chart, theme, title);
        s.setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        s.setXAxisLogarithmic(logX);
        s.setYAxisLogarithmic(logY);
        // As on line charts: beyond two decades, grid lines and labels at 1..9 of every decade crowd the axis.
        s.setXAxisLogarithmicDecadeOnly(logX && decades(true) > 2);
        s.setYAxisLogarithmicDecadeOnly(logY && decades(false) > 2);
        s.setMarkerSize(Math.round(theme.fontSize() * 0.7f));
        s.setLegendVisible(points.size() > 1);
        for (int i = 0; i < points.size(); i++) {
            Points p = points.get(i);
            XYSeries series = chart.addSeries(Fit.legendName(theme, p.name), p.xs, p.ys);
            series.setMarker(SeriesMarkers.CIRCLE);
            series.setMarkerColor(theme.color(i));
        }
        return chart;
    }

    /** Decades between the smallest and largest positive value on one axis. */
    private double decades(boolean x) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (Points p : points) {
            for (double v : x ? p.xs : p.ys) {
                if (v > 0) {
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
            }
        }
        return hi > lo ? Math.log10(hi / lo) : 0;
    }

    /** Renders the chart to an image of the theme's size. */
    @Override
    public BufferedImage image() {
        return BitmapEncoder.getBufferedImage(chart());
    }
}
