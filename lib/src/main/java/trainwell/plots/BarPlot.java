package trainwell.plots;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategorySeries;
import tech.tablesaw.api.Table;
import trainwell.core.Args;
import trainwell.results.Columns;

/**
 * Bars of means with error bars, e.g. final validation loss per optimizer as mean ± std over seeds.
 *
 * <pre>{@code
 * Plots.bars("Final loss").y("val loss").bar("SGD", 0.91, 0.04).bar("Adam", 0.72, 0.02).show();
 * }</pre>
 * An error that is NaN (a std over a single seed) draws no error bar.
 */
public final class BarPlot implements Plot {

    private record Group(String name, List<String> labels, double[] means, double[] errors) {}

    private final String title;
    private String xTitle = "";
    private String yTitle = "";
    private Theme theme = Theme.notebook();
    private final List<String> singleLabels = new ArrayList<>();
    private final List<Double> singleMeans = new ArrayList<>();
    private final List<Double> singleErrors = new ArrayList<>();
    private final List<Group> groups = new ArrayList<>();

    BarPlot(String title) {
        this.title = Args.notNull("title", title);
    }

    /** Title of the x axis. */
    public BarPlot x(String axisTitle) {
        this.xTitle = Args.notNull("axisTitle", axisTitle);
        return this;
    }

    /** Title of the y axis. */
    public BarPlot y(String axisTitle) {
        this.yTitle = Args.notNull("axisTitle", axisTitle);
        return this;
    }

    /** Size, fonts and colours; default {@link Theme#notebook()}. */
    public BarPlot theme(Theme theme) {
        this.theme = Args.notNull("theme", theme);
        return this;
    }

    /** Adds one bar: its label, the mean, and the half-length of its error bar (e.g. the std). */
    public BarPlot bar(String label, double mean, double error) {
        Args.notNull("label", label);
        Args.check(groups.isEmpty(), "bar", "cannot be mixed with series(...) in one chart", label);
        Args.check(!singleLabels.contains(label), "label", "must be unique", label);
        Args.finite("mean of '" + label + "'", mean);
        singleLabels.add(label);
        singleMeans.add(mean);
        singleErrors.add(checkError(label, error));
        return this;
    }

    /** Adds a group of bars in one colour (side by side with other groups over the same labels). */
    public BarPlot series(String name, List<String> labels, double[] means, double[] errors) {
        Args.notNull("name", name);
        Args.notNull("labels", labels);
        Args.notNull("means", means);
        Args.notNull("errors", errors);
        Args.check(singleLabels.isEmpty(), "series", "cannot be mixed with bar(...) in one chart", name);
        Args.check(!labels.isEmpty(), "labels of series '" + name + "'", "must not be empty", labels);
        Args.check(means.length == labels.size(), "means of series '" + name + "'",
                "must have one value per label (" + labels.size() + ")", means.length + " values");
        Args.check(errors.length == labels.size(), "errors of series '" + name + "'",
                "must have one value per label (" + labels.size() + ")", errors.length + " values");
        Args.check(groups.isEmpty() || groups.get(0).labels.equals(labels), "labels of series '" + name + "'",
                "must equal those of the first series " + (groups.isEmpty() ? "" : groups.get(0).labels), labels);
        Args.check(groups.stream().noneMatch(g -> g.name.equals(name)), "name", "must be unique", name);
        double[] e = new double[errors.length];
        for (int i = 0; i < means.length; i++) {
            Args.finite("mean of '" + labels.get(i) + "'", means[i]);
            e[i] = checkError(labels.get(i), errors[i]);
        }
        groups.add(new Group(name, List.copyOf(labels), means.clone(), e));
        return this;
    }

    /**
     * Adds one bar per row of a table such as {@code Results.summarize}'s output: the label column,
     * the mean column and the std column.
     */
    public BarPlot table(Table table, String labelColumn, String meanColumn, String errorColumn) {
        List<String> labels = Columns.labels(table, labelColumn);
        double[] m = Columns.doubles(table, meanColumn);
        double[] e = Columns.doubles(table, errorColumn);
        for (int i = 0; i < labels.size(); i++) {
            bar(labels.get(i), m[i], e[i]);
        }
        if (xTitle.isEmpty()) {
            xTitle = labelColumn;
        }
        if (yTitle.isEmpty()) {
            yTitle = meanColumn;
        }
        return this;
    }

    private static double checkError(String label, double error) {
        if (Double.isNaN(error)) {
            return 0; // std over a single seed: no spread to show
        }
        return Args.nonNegative("error of '" + label + "'", error);
    }

    /** Builds the XChart chart. */
    public CategoryChart chart() {
        List<Group> all = groups;
        if (!singleLabels.isEmpty()) {
            all = List.of(new Group(yTitle.isEmpty() ? "mean" : yTitle, singleLabels,
                    singleMeans.stream().mapToDouble(Double::doubleValue).toArray(),
                    singleErrors.stream().mapToDouble(Double::doubleValue).toArray()));
        }
        if (all.isEmpty()) {
            throw new IllegalStateException("Add at least one bar before drawing the chart '" + title + "'");
        }
        CategoryChart chart = new CategoryChart(theme.width(), theme.height());
        chart.setXAxisTitle(xTitle);
        chart.setYAxisTitle(yTitle);
        var st = chart.getStyler();
        theme.apply(st);
        Fit.title(chart, theme, title);
        st.setLegendVisible(all.size() > 1);
        st.setPlotGridVerticalLinesVisible(false);
        st.setErrorBarsColor(Theme.INK);
        st.setAvailableSpaceFill(0.6);
        // Category labels that would not fit side by side are drawn at the least angle at which the longest
        // fits its slot (XChart leaves out labels that overlap).
        List<String> labels = all.get(0).labels;
        double slot = LABEL_ROOM * theme.width() / labels.size();
        double longest = labels.stream().mapToInt(String::length).max().orElse(0) * LABEL_CHAR_PX;
        for (int angle : new int[] {0, 30, 45, 60, 90}) {
            if (longest * Math.cos(Math.toRadians(angle)) + (angle > 0 ? LABEL_CHAR_PX * 2 : 0) <= slot || angle == 90) {
                st.setXAxisLabelRotation(angle);
                break;
            }
        }
        boolean anyNegative = all.stream().anyMatch(g -> Arrays.stream(g.means).anyMatch(v -> v < 0));
        if (!anyNegative) {
            st.setYAxisMin(0.0);
        }
        for (int i = 0; i < all.size(); i++) {
            Group g = all.get(i);
            CategorySeries s = chart.addSeries(Fit.legendName(theme, g.name), g.labels, box(g.means), box(g.errors));
            s.setFillColor(theme.color(i));
        }
        return chart;
    }

    /** About the width of one character of a category label, px, and the share of the chart's width they may use. */
    private static final double LABEL_CHAR_PX = 7.5;
    private static final double LABEL_ROOM = 0.6;

    private static List<Double> box(double[] v) {
        return Arrays.stream(v).boxed().toList();
    }

    /** Renders the chart to an image of the theme's size. */
    @Override
    public BufferedImage image() {
        return BitmapEncoder.getBufferedImage(chart());
    }
}
