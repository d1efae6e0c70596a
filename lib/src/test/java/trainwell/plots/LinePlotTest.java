package trainwell.plots;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

class LinePlotTest {

    private static final double[] STEPS = {0, 1, 2, 3, 4, 5, 6, 7};
    private static final double[] A = {5, 4, 3.5, 3, 2.8, 2.6, 2.5, 2.4};
    private static final double[] B = {5, 3, 2, 1.5, 1.2, 1.1, 1.0, 0.9};

    private static List<String> visibleSeries(XYChart chart) {
        return chart.getSeriesCollection().stream().map(s -> s.getName()).filter(n -> !n.equals(LinePlot.TICK_HELPER)).toList();
    }

    @Test
    void imageHasTheNotebookSizeByDefault() {
        BufferedImage img = Plots.line("loss").series("a", STEPS, A).image();
        assertEquals(720, img.getWidth());
        assertEquals(420, img.getHeight());
    }

    @Test
    void slidesThemeGivesASixteenByNineImage() {
        BufferedImage img = Plots.line("loss").theme(Theme.slides()).series("a", STEPS, A).image();
        assertEquals(1280, img.getWidth());
        assertEquals(720, img.getHeight());
    }

    @Test
    void eachSeriesIsDrawnInItsOwnPaletteColour() {
        BufferedImage img = Plots.line("loss").series("a", STEPS, A).series("b", STEPS, B).image();
        Theme t = Theme.notebook();
        assertTrue(Pixels.count(img, t.color(0), 10) > 200, "first series drawn");
        assertTrue(Pixels.count(img, t.color(1), 10) > 200, "second series drawn");
        assertEquals(0, Pixels.count(img, t.color(2), 10), "no third colour");
    }

    @Test
    void seriesFromIndicesUseStepsZeroToNMinusOne() {
        XYChart c = Plots.line("loss").series("a", A).chart();
        assertArrayEquals(STEPS, c.getSeries("a").getXData());
    }

    @Test
    void smoothingDrawsTheEmaWithTheRawCurveBehindIt() {
        XYChart c = Plots.line("loss").series("a", STEPS, A).smooth(0.9).chart();
        assertEquals(List.of("a (raw)", "a"), visibleSeries(c), "raw added first, so it is painted behind");
        assertArrayEquals(Smoothing.ema(A, 0.9), c.getSeries("a").getYData(), 1e-12);
        assertArrayEquals(A, c.getSeries("a (raw)").getYData(), 0);
        assertFalse(c.getSeries("a (raw)").isShowInLegend());
        assertEquals(Math.round(LinePlot.RAW_ALPHA * 255), c.getSeries("a (raw)").getLineColor().getAlpha());
    }

    @Test
    void smoothingWithoutRawDrawsOnlyTheSmoothedCurve() {
        XYChart c = Plots.line("loss").series("a", STEPS, A).smooth(0.5).showRaw(false).chart();
        assertEquals(List.of("a"), visibleSeries(c));
    }

    @Test
    void markersDrawDashedGreyVerticalLines() {
        BufferedImage without = Plots.line("loss").series("a", STEPS, A).image();
        BufferedImage with = Plots.line("loss").series("a", STEPS, A).markers("restart", 2, 5).image();
        int before = Pixels.count(without, Theme.MARKER, 12);
        int after = Pixels.count(with, Theme.MARKER, 12);
        assertTrue(after > before + 100, "marker pixels: " + before + " -> " + after);
    }

    @Test
    void logAxisSetsTheStylerAndAcceptsPositiveData() {
        XYChart c = Plots.line("loss").logY().series("a", STEPS, A).chart();
        assertTrue(c.getStyler().isYAxisLogarithmic());
        assertFalse(c.getStyler().isXAxisLogarithmic());
    }

    @Test
    void logYRejectsANonPositiveValueNamingSeriesAndIndex() {
        double[] bad = A.clone();
        bad[3] = 0;
        var plot = Plots.line("loss").logY().series("adam", STEPS, bad);
        var e = assertThrows(IllegalArgumentException.class, plot::chart);
        assertTrue(e.getMessage().contains("y[3] of series 'adam'"), e.getMessage());
        assertTrue(e.getMessage().contains("got 0.0"), e.getMessage());
    }

    @Test
    void logXRejectsStepZero() {
        var plot = Plots.line("loss").logX().series("a", STEPS, A);
        var e = assertThrows(IllegalArgumentException.class, plot::image);
        assertTrue(e.getMessage().contains("x[0]"), e.getMessage());
    }

    @Test
    void mismatchedLengthsAreRejected() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> Plots.line("loss").series("a", STEPS, new double[] {1, 2}));
        assertTrue(e.getMessage().contains("as many values as xs (8)"), e.getMessage());
    }

    @Test
    void emptySeriesAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> Plots.line("loss").series("a", new double[0]));
    }

    @Test
    void aChartWithoutSeriesCannotBeDrawn() {
        assertThrows(IllegalStateException.class, () -> Plots.line("loss").image());
    }

    @Test
    void duplicateSeriesNamesAreRejected() {
        var plot = Plots.line("loss").series("a", A);
        assertThrows(IllegalArgumentException.class, () -> plot.series("a", B));
    }

    @Test
    void divergedValuesBecomeGaps() {
        double[] ys = {1, Double.POSITIVE_INFINITY, Double.NaN, 2, 1, 1, 1, 1};
        XYChart c = Plots.line("loss").series("a", STEPS, ys).chart();
        assertTrue(Double.isNaN(c.getSeries("a").getYData()[1]));
        assertEquals(720, Plots.line("loss").series("a", STEPS, ys).image().getWidth());
    }

    @Test
    void aSeriesWithoutAnyFiniteValueIsRejected() {
        assertThrows(IllegalArgumentException.class,
                () -> Plots.line("loss").series("a", new double[] {Double.NaN, Double.NaN}));
    }

    @Test
    void tableWithGroupColumnGivesOneSeriesPerGroupInOrder() {
        Table t = Table.create("runs",
                DoubleColumn.create("step", 0, 1, 0, 1, 2),
                DoubleColumn.create("loss", 3, 2, 4, 3, 2),
                StringColumn.create("optimizer", "sgd", "sgd", "adam", "adam", "adam"));
        XYChart c = Plots.line("loss").table(t, "step", "loss", "optimizer").chart();
        assertEquals(List.of("sgd", "adam"), visibleSeries(c));
        assertArrayEquals(new double[] {4, 3, 2}, c.getSeries("adam").getYData(), 0);
        assertEquals("step", c.getXAxisTitle());
        assertEquals("loss", c.getYAxisTitle());
    }

    @Test
    void tableRejectsAnUnknownColumnListingTheKnownOnes() {
        Table t = Table.create("runs", DoubleColumn.create("step", 0, 1), DoubleColumn.create("loss", 1, 2));
        var e = assertThrows(IllegalArgumentException.class, () -> Plots.line("x").table(t, "step", "val_loss"));
        assertTrue(e.getMessage().contains("val_loss") && e.getMessage().contains("[step, loss]"), e.getMessage());
    }
}
