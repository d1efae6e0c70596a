package trainwell.plots;

import java.util.function.DoubleBinaryOperator;

/** Entry point of the course's charts: one static factory per kind of chart, each a small builder. */
public final class Plots {

    private Plots() {}

    /** A multi-series line chart (training curves). */
    public static LinePlot line(String title) {
        return new LinePlot(title);
    }

    /** Points, one marker each, in one colour per series (trials of a search). */
    public static ScatterPlot scatter(String title) {
        return new ScatterPlot(title);
    }

    /** Histograms of one or several samples over shared bins. */
    public static HistogramPlot histogram(String title) {
        return new HistogramPlot(title);
    }

    /** A bar chart of means with error bars (e.g. mean ± std over seeds). */
    public static BarPlot bars(String title) {
        return new BarPlot(title);
    }

    /** A matrix as coloured cells with a colour scale (attention weights, hyper-parameter grids). */
    public static HeatMap heatmap(String title) {
        return new HeatMap(title);
    }

    /** A filled contour map of {@code f(x, y)} over a box, with optimizer trajectories drawn on top. */
    public static ContourPlot contour(String title, DoubleBinaryOperator f) {
        return new ContourPlot(title, f);
    }
}
