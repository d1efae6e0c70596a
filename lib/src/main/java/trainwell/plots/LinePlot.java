package trainwell.plots;

import java.awt.BasicStroke;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.AnnotationLine;
import org.knowm.xchart.AnnotationText;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;
import tech.tablesaw.api.Table;
import trainwell.core.Args;
import trainwell.results.Columns;

/**
 * A multi-series line chart: training curves with optional log axes, EMA smoothing and event markers.
 *
 * <pre>{@code
 * Plots.line("Loss").x("step").y("loss").logY()
 *      .series("Adam", steps, adamLoss).series("SGD", steps, sgdLoss)
 *      .smooth(0.9).marker(1000, "restart").show();
 * }</pre>
 */
public final class LinePlot implements Plot {

    /** Opacity of a raw curve drawn behind its smoothed version. */
    static final double RAW_ALPHA = 0.25;

    /**
     * Name of an invisible one-point series added to every chart. XChart puts a tick at every data x
     * (0, 215, 430, ...) when all x values are equally spaced, as steps are; one point off that grid
     * restores its ordinary 1-2-5 ticks.
     */
    public static final String TICK_HELPER = "(tick helper)";

    /** Suffix of the (legend-less) series that holds a raw curve behind its smoothed version. */
    public static final String RAW_SUFFIX = " (raw)";

    /** Beyond this many decades a log y axis labels only powers of ten. */
    private static final double MAX_DECADES_WITH_MINOR_LABELS = 2;

    /**
     * The same for the x axis, whose labels stand side by side: at 2 decades over a 720 px chart the labels
     * 2..9 of each decade ran into each other (lesson 07's rate sweep).
     */
    private static final double MAX_X_DECADES_WITH_MINOR_LABELS = 1;

    /** A curve: {@code color} is its palette index; a seed line is thin, faint and left out of the legend. */
    private record Curve(String name, double[] xs, double[] ys, int color, boolean seedLine) {}

    /** Opacity of one seed's thin line under its configuration's mean. */
    static final double SEED_ALPHA = 0.35;

    private record Event(double x, String label) {}

    private final String title;
    private String xTitle = "step";
    private String yTitle = "";
    private boolean logX;
    private boolean logY;
    private double smoothing = 0;
    private boolean showRaw = true;
    private Theme theme = Theme.notebook();
    private final List<Curve> curves = new ArrayList<>();
    private final List<Event> events = new ArrayList<>();
    private int colors;

    LinePlot(String title) {
        this.title = Args.notNull("title", title);
    }

    /** Title of the x axis (default "step"). */
    public LinePlot x(String axisTitle) {
        this.xTitle = Args.notNull("axisTitle", axisTitle);
        return this;
    }

    /** Title of the y axis. */
    public LinePlot y(String axisTitle) {
        this.yTitle = Args.notNull("axisTitle", axisTitle);
        return this;
    }

    /** Logarithmic x axis (every x must then be > 0). */
    public LinePlot logX() {
        this.logX = true;
        return this;
    }

    /** Logarithmic y axis (every y must then be > 0), the usual view of a loss. */
    public LinePlot logY() {
        this.logY = true;
        return this;
    }

    /** Draws every series smoothed by a bias-corrected EMA of this weight in [0, 1); 0 turns it off. */
    public LinePlot smooth(double weight) {
        Args.inRangeExclusive("weight", weight, 0, 1);
        this.smoothing = weight;
        return this;
    }

    /** Whether a smoothed series keeps its raw curve as a faint line behind it (default true). */
    public LinePlot showRaw(boolean show) {
        this.showRaw = show;
        return this;
    }

    /** Size, fonts and colours; default {@link Theme#notebook()}. */
    public LinePlot theme(Theme theme) {
        this.theme = Args.notNull("theme", theme);
        return this;
    }

    /** The same look at another size in pixels. */
    public LinePlot size(int width, int height) {
        this.theme = theme.size(width, height);
        return this;
    }

    /**
     * Adds a curve. Non-finite y values (a diverged run) are drawn as gaps; x values must be finite.
     */
    public LinePlot series(String name, double[] xs, double[] ys) {
        curves.add(checked(name, xs, ys, colors++, false));
        return this;
    }

    private Curve checked(String name, double[] xs, double[] ys, int color, boolean seedLine) {
        Args.notNull("name", name);
        Args.notNull("xs", xs);
        Args.notNull("ys", ys);
        Args.check(xs.length == ys.length, "ys of series '" + name + "'",
                "must have as many values as xs (" + xs.length + ")", ys.length + " values");
        Args.check(xs.length > 0, "series '" + name + "'", "must not be empty", "0 points");
        for (int i = 0; i < xs.length; i++) {
            Args.finite("x[" + i + "] of series '" + name + "'", xs[i]);
        }
        Args.check(curves.stream().noneMatch(c -> c.name.equals(name)), "name", "must be unique", name);
        double[] y = ys.clone();
        boolean any = false;
        for (int i = 0; i < y.length; i++) {
            if (!Double.isFinite(y[i])) {
                y[i] = Double.NaN;
            } else {
                any = true;
            }
        }
        Args.check(any, "ys of series '" + name + "'", "must hold at least one finite value", "none");
        return new Curve(name, xs.clone(), y, color, seedLine);
    }

    /**
     * One configuration run over several seeds, in one colour: each seed as a thin faint line, and their
     * mean (over the steps all seeds reached) as the thick line that the legend names.
     *
     * <pre>{@code
     * Plots.line("Loss").seeds("lr 1e-3", steps, lossSeed1, lossSeed2, lossSeed3);
     * }</pre>
     */
    public LinePlot seeds(String name, double[] xs, double[]... perSeed) {
        return seeds(name, java.util.Collections.nCopies(Args.notNull("perSeed", perSeed).length, xs), List.of(perSeed));
    }

    private LinePlot seeds(String name, List<double[]> xs, List<double[]> ys) {
        Args.check(!ys.isEmpty(), "seeds of '" + name + "'", "must hold at least one run", "none");
        int color = colors++;
        int common = Integer.MAX_VALUE;
        for (int k = 0; k < ys.size(); k++) {
            curves.add(checked(name + " (seed " + (k + 1) + ")", xs.get(k), ys.get(k), color, true));
            common = Math.min(common, xs.get(k).length);
        }
        double[] x = java.util.Arrays.copyOf(xs.get(0), common);
        double[] mean = new double[common];
        for (int k = 0; k < ys.size(); k++) {
            for (int i = 0; i < common; i++) {
                Args.check(xs.get(k)[i] == x[i], "x[" + i + "] of seed " + (k + 1) + " of '" + name + "'",
                        "must equal that of the first seed (" + x[i] + ") to average the seeds", xs.get(k)[i]);
                mean[i] += ys.get(k)[i] / ys.size();
            }
        }
        curves.add(checked(name, x, mean, color, false));
        return this;
    }

    /**
     * One colour per configuration, one thin line per seed: rows grouped by {@code configColumn}, then by
     * {@code seedColumn}, in order of first appearance; the thick line of each colour is the seeds' mean.
     */
    public LinePlot seeds(Table table, String xColumn, String yColumn, String configColumn, String seedColumn) {
        double[] xs = Columns.doubles(table, xColumn);
        double[] ys = Columns.doubles(table, yColumn);
        for (Map.Entry<String, List<Integer>> config : Columns.groups(table, configColumn).entrySet()) {
            Table rows = table.rows(config.getValue().stream().mapToInt(Integer::intValue).toArray());
            List<double[]> seedXs = new ArrayList<>();
            List<double[]> seedYs = new ArrayList<>();
            for (List<Integer> seed : Columns.groups(rows, seedColumn).values()) {
                List<Integer> idx = seed.stream().map(config.getValue()::get).toList();
                seedXs.add(Columns.pick(xs, idx));
                seedYs.add(Columns.pick(ys, idx));
            }
            seeds(config.getKey(), seedXs, seedYs);
        }
        return defaultAxisTitles(xColumn, yColumn);
    }

    /** Adds a curve over x = 0, 1, 2, ... (e.g. one value per step). */
    public LinePlot series(String name, double[] ys) {
        Args.notNull("ys", ys);
        double[] xs = new double[ys.length];
        for (int i = 0; i < xs.length; i++) {
            xs[i] = i;
        }
        return series(name, xs, ys);
    }

    /** Adds one curve from two numeric columns of a table, named after the y column. */
    public LinePlot table(Table table, String xColumn, String yColumn) {
        series(yColumn, Columns.doubles(table, xColumn), Columns.doubles(table, yColumn));
        return defaultAxisTitles(xColumn, yColumn);
    }

    /**
     * Adds one curve per value of {@code groupColumn} (e.g. "optimizer"), in order of first appearance;
     * axis titles default to the column names.
     */
    public LinePlot table(Table table, String xColumn, String yColumn, String groupColumn) {
        double[] xs = Columns.doubles(table, xColumn);
        double[] ys = Columns.doubles(table, yColumn);
        for (Map.Entry<String, List<Integer>> g : Columns.groups(table, groupColumn).entrySet()) {
            series(g.getKey(), Columns.pick(xs, g.getValue()), Columns.pick(ys, g.getValue()));
        }
        return defaultAxisTitles(xColumn, yColumn);
    }

    /** Axis titles from column names, unless the notebook set its own. */
    private LinePlot defaultAxisTitles(String xColumn, String yColumn) {
        if ("step".equals(xTitle)) {
            xTitle = xColumn;
        }
        if (yTitle.isEmpty()) {
            yTitle = yColumn;
        }
        return this;
    }

    /** A thin dashed vertical line at {@code x}, e.g. a warm restart. */
    public LinePlot marker(double x) {
        return marker(x, "");
    }

    /** A thin dashed vertical line at {@code x} with a short label at the top. */
    public LinePlot marker(double x, String label) {
        Args.finite("marker x", x);
        events.add(new Event(x, Args.notNull("label", label)));
        return this;
    }

    /** Vertical markers at several x values sharing one label (e.g. "restart"). */
    public LinePlot markers(String label, double... xs) {
        Args.notNull("xs", xs);
        for (double x : xs) {
            marker(x, label);
        }
        return this;
    }

    /** Builds the XChart chart (checks log axes against the data). */
    public XYChart chart() {
        if (curves.isEmpty()) {
            throw new IllegalStateException("Add at least one series before drawing the chart '" + title + "'");
        }
        for (Curve c : curves) {
            if (logX) {
                requirePositive(c.xs, "x", c.name);
            }
            if (logY) {
                requirePositive(c.ys, "y", c.name);
            }
        }
        XYChart chart = new XYChart(theme.width(), theme.height());
        chart.setXAxisTitle(xTitle);
        chart.setYAxisTitle(yTitle);
        var s = chart.getStyler();
        theme.apply(s);
        Fit.title(chart, theme, title);
        s.setXAxisLogarithmic(logX);
        s.setYAxisLogarithmic(logY);
        // Labels at 1..9 of every decade overlap once the axis spans more than a couple of decades.
        s.setYAxisLogarithmicDecadeOnly(logY && decades(c -> c.ys) > MAX_DECADES_WITH_MINOR_LABELS);
        s.setXAxisLogarithmicDecadeOnly(logX && decades(c -> c.xs) > MAX_X_DECADES_WITH_MINOR_LABELS);
        s.setLegendVisible(curves.stream().filter(c -> !c.seedLine).count() > 1);
        BasicStroke line = new BasicStroke(theme.lineWidth(), BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND);
        for (int i = 0; i < curves.size(); i++) {
            Curve c = curves.get(i);
            var color = c.seedLine ? Theme.faint(theme.color(c.color), SEED_ALPHA) : theme.color(c.color);
            String name = Fit.legendName(theme, c.name);
            double[] ys = c.ys;
            if (smoothing > 0) {
                if (showRaw && !c.seedLine) {
                    XYSeries raw = chart.addSeries(name + RAW_SUFFIX, c.xs, c.ys);
                    raw.setMarker(SeriesMarkers.NONE);
                    raw.setLineColor(Theme.faint(color, RAW_ALPHA));
                    raw.setLineStyle(new BasicStroke(Math.max(1f, theme.lineWidth() / 2)));
                    raw.setShowInLegend(false);
                }
                ys = Smoothing.ema(c.ys, smoothing);
            }
            XYSeries series = chart.addSeries(name, c.xs, ys);
            series.setMarker(SeriesMarkers.NONE);
            series.setLineColor(color);
            series.setLineStyle(c.seedLine ? new BasicStroke(Math.max(1f, theme.lineWidth() / 2)) : line);
            series.setShowInLegend(!c.seedLine);
        }
        addTickHelper(chart);
        double top = maxY();
        for (Event e : events) {
            chart.addAnnotation(new AnnotationLine(e.x, true, false));
            if (!e.label.isEmpty()) {
                chart.addAnnotation(new AnnotationText(e.label, e.x, top, false));
            }
        }
        return chart;
    }

    /** Renders the chart to an image of the theme's size. */
    @Override
    public BufferedImage image() {
        return BitmapEncoder.getBufferedImage(chart());
    }

    private void addTickHelper(XYChart chart) {
        Curve c = curves.get(0);
        double y = Double.NaN;
        for (double v : c.ys) {
            if (!Double.isNaN(v)) {
                y = v;
                break;
            }
        }
        addTickHelper(chart, c.xs, y);
    }

    /**
     * Adds the invisible {@link #TICK_HELPER} point at y between the first two of {@code xs}, so that
     * XChart labels an axis of equally spaced x values (steps, bin edges) at round 1-2-5 values.
     */
    static void addTickHelper(XYChart chart, double[] xs, double y) {
        double x = xs.length > 1 ? (xs[0] + xs[1]) / 2 : xs[0];
        XYSeries helper = chart.addSeries(TICK_HELPER, new double[] {x}, new double[] {y});
        helper.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        helper.setMarker(SeriesMarkers.NONE);
        helper.setShowInLegend(false);
    }

    /** The number of decades between the smallest and largest positive finite value of all curves. */
    private double decades(java.util.function.Function<Curve, double[]> values) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (Curve c : curves) {
            for (double v : values.apply(c)) {
                if (v > 0 && Double.isFinite(v)) {
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
            }
        }
        return hi > lo ? Math.log10(hi / lo) : 0;
    }

    private double maxY() {
        double m = Double.NEGATIVE_INFINITY;
        for (Curve c : curves) {
            for (double y : c.ys) {
                if (!Double.isNaN(y)) {
                    m = Math.max(m, y);
                }
            }
        }
        return m;
    }

    private void requirePositive(double[] values, String axis, String series) {
        for (int i = 0; i < values.length; i++) {
            Args.check(!(values[i] <= 0), axis + "[" + i + "] of series '" + series + "'",
                    "must be > 0 on a logarithmic " + axis + " axis", values[i]);
        }
    }
}
