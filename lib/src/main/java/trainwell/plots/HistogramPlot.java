package trainwell.plots;

import java.awt.BasicStroke;
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
 * Histograms of one or several samples (e.g. weight or gradient values) over shared, equal-width bins,
 * drawn as translucent overlapping outlines so that every sample stays visible.
 */
public final class HistogramPlot implements Plot {

    /** Opacity of a histogram's fill. */
    static final double FILL_ALPHA = 0.3;

    private record Sample(String name, double[] values) {}

    private final String title;
    private String xTitle = "value";
    private int bins = 30;
    private boolean density;
    private Theme theme = Theme.notebook();
    private final List<Sample> samples = new ArrayList<>();

    HistogramPlot(String title) {
        this.title = Args.notNull("title", title);
    }

    /** Title of the x axis (default "value"). */
    public HistogramPlot x(String axisTitle) {
        this.xTitle = Args.notNull("axisTitle", axisTitle);
        return this;
    }

    /** Number of equal-width bins between the smallest and the largest value of all samples (default 30). */
    public HistogramPlot bins(int bins) {
        this.bins = Args.positive("bins", bins);
        return this;
    }

    /** Plots densities (count / (n * bin width)) instead of counts, to compare samples of different sizes. */
    public HistogramPlot density() {
        this.density = true;
        return this;
    }

    /** Size, fonts and colours; default {@link Theme#notebook()}. */
    public HistogramPlot theme(Theme theme) {
        this.theme = Args.notNull("theme", theme);
        return this;
    }

    /** Adds a sample; every value must be finite. */
    public HistogramPlot sample(String name, double[] values) {
        Args.notNull("name", name);
        Args.notNull("values", values);
        Args.check(values.length > 0, "sample '" + name + "'", "must not be empty", "0 values");
        for (int i = 0; i < values.length; i++) {
            Args.finite("value[" + i + "] of sample '" + name + "'", values[i]);
        }
        Args.check(samples.stream().noneMatch(s -> s.name.equals(name)), "name", "must be unique", name);
        samples.add(new Sample(name, values.clone()));
        return this;
    }

    /** Adds one sample per value of {@code groupColumn}, taken from a numeric column. */
    public HistogramPlot table(Table table, String valueColumn, String groupColumn) {
        double[] v = Columns.doubles(table, valueColumn);
        for (Map.Entry<String, List<Integer>> g : Columns.groups(table, groupColumn).entrySet()) {
            sample(g.getKey(), Columns.pick(v, g.getValue()));
        }
        xTitle = valueColumn;
        return this;
    }

    /** Counts of values in {@code bins} equal bins over [lo, hi]; the last bin includes {@code hi}. */
    static int[] counts(double[] values, double lo, double hi, int bins) {
        int[] counts = new int[bins];
        double width = (hi - lo) / bins;
        for (double v : values) {
            int b = width > 0 ? (int) Math.floor((v - lo) / width) : 0;
            counts[Math.min(Math.max(b, 0), bins - 1)]++;
        }
        return counts;
    }

    /** Builds the XChart chart. */
    public XYChart chart() {
        if (samples.isEmpty()) {
            throw new IllegalStateException("Add at least one sample before drawing the histogram '" + title + "'");
        }
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (Sample s : samples) {
            for (double v : s.values) {
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
        }
        if (hi == lo) { // one distinct value: give the single bar a visible width
            lo -= 0.5;
            hi += 0.5;
        }
        double width = (hi - lo) / bins;
        XYChart chart = new XYChart(theme.width(), theme.height());
        chart.setXAxisTitle(xTitle);
        chart.setYAxisTitle(density ? "density" : "count");
        var st = chart.getStyler();
        theme.apply(st);
        Fit.title(chart, theme, title);
        st.setLegendVisible(samples.size() > 1);
        st.setYAxisMin(0.0);
        for (int i = 0; i < samples.size(); i++) {
            Sample s = samples.get(i);
            int[] c = counts(s.values, lo, hi, bins);
            double scale = density ? 1.0 / (s.values.length * width) : 1.0;
            // The outline of the bars: up, across, down at every bin edge, closed at y = 0 on both ends.
            double[] xs = new double[2 * bins + 2];
            double[] ys = new double[2 * bins + 2];
            xs[0] = lo;
            for (int b = 0; b < bins; b++) {
                xs[2 * b + 1] = lo + b * width;
                xs[2 * b + 2] = lo + (b + 1) * width;
                ys[2 * b + 1] = c[b] * scale;
                ys[2 * b + 2] = c[b] * scale;
            }
            xs[2 * bins + 1] = hi;
            XYSeries series = chart.addSeries(Fit.legendName(theme, s.name), xs, ys);
            series.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Area);
            series.setMarker(SeriesMarkers.NONE);
            series.setLineColor(theme.color(i));
            series.setFillColor(Theme.faint(theme.color(i), FILL_ALPHA));
            series.setLineStyle(new BasicStroke(theme.lineWidth() * 0.75f));
        }
        // Bin edges are equally spaced, and XChart would put a tick at every one (0.0137, 0.0274, ...).
        LinePlot.addTickHelper(chart, new double[] {lo, lo + width}, 0);
        return chart;
    }

    /** Renders the chart to an image of the theme's size. */
    @Override
    public BufferedImage image() {
        return BitmapEncoder.getBufferedImage(chart());
    }
}
