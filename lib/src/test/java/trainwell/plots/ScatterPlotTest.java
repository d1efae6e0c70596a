package trainwell.plots;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

class ScatterPlotTest {

    @Test
    void pointsAreDrawnAsMarkersWithoutLines() {
        XYChart c = Plots.scatter("s").series("a", new double[] {1, 2, 3}, new double[] {3, 1, 2}).chart();
        assertEquals(XYSeries.XYSeriesRenderStyle.Scatter, c.getStyler().getDefaultSeriesRenderStyle());
        assertArrayEquals(new double[] {3, 1, 2}, c.getSeries("a").getYData(), 0);
    }

    @Test
    void aDivergedTrialIsLeftOut() {
        XYChart c = Plots.scatter("s").series("a", new double[] {1, 2, 3}, new double[] {3, Double.NaN, 2}).chart();
        assertArrayEquals(new double[] {1, 3}, c.getSeries("a").getXData(), 0);
    }

    @Test
    void oneColourPerGroupOfATable() {
        Table t = Table.create("t", StringColumn.create("search", "grid", "random", "grid", "random"),
                DoubleColumn.create("lr", 1e-3, 2e-3, 1e-2, 5e-2), DoubleColumn.create("loss", 3, 2.5, 2.6, 2.9));
        BufferedImage img = Plots.scatter("s").logX().table(t, "lr", "loss", "search").image();
        Theme theme = Theme.notebook();
        assertTrue(Pixels.count(img, theme.color(0), 10) > 30, "grid's markers");
        assertTrue(Pixels.count(img, theme.color(1), 10) > 30, "random's markers");
        XYChart c = Plots.scatter("s").table(t, "lr", "loss", "search").chart();
        assertEquals("lr", c.getXAxisTitle());
        assertArrayEquals(new double[] {3, 2.6}, c.getSeries("grid").getYData(), 0);
    }

    @Test
    void aNonPositiveXOnALogAxisIsRejectedByName() {
        var p = Plots.scatter("s").logX().series("a", new double[] {0, 1}, new double[] {1, 2});
        var e = assertThrows(IllegalArgumentException.class, p::chart);
        assertTrue(e.getMessage().contains("x[0] of series 'a'"), e.getMessage());
    }

    @Test
    void mismatchedLengthsAreRejectedByName() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> Plots.scatter("s").series("a", new double[] {1, 2}, new double[] {1}));
        assertTrue(e.getMessage().contains("ys of series 'a'"), e.getMessage());
    }

    @Test
    void aLogAxisOverMoreThanTwoDecadesLabelsOnlyPowersOfTen() {
        XYChart wide = Plots.scatter("s").logX().series("a", new double[] {1e-4, 1e-1}, new double[] {1, 2}).chart();
        XYChart narrow = Plots.scatter("s").logX().series("a", new double[] {1e-3, 1e-2}, new double[] {1, 2}).chart();
        assertTrue(wide.getStyler().isXAxisLogarithmicDecadeOnly());
        assertTrue(!narrow.getStyler().isXAxisLogarithmicDecadeOnly());
    }
}
