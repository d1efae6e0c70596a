package trainwell.plots;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

class HistogramPlotTest {

    @Test
    void countsPutTheMaximumIntoTheLastBin() {
        // bins of width 1 over [0, 4]: [0,1) [1,2) [2,3) [3,4]
        assertArrayEquals(new int[] {1, 2, 0, 2}, HistogramPlot.counts(new double[] {0, 1, 1.5, 3, 4}, 0, 4, 4));
    }

    @Test
    void outlineHeightsAreTheBinCounts() {
        XYChart c = Plots.histogram("h").bins(4).sample("s", new double[] {0, 1, 1.5, 3, 4}).chart();
        double[] ys = c.getSeries("s").getYData();
        assertArrayEquals(new double[] {0, 1, 1, 2, 2, 0, 0, 2, 2, 0}, ys, 0);
    }

    @Test
    void densityIntegratesToOne() {
        double[] v = {0.1, 0.2, 0.7, 1.3, 2.9, 3.3, 3.4, 5};
        XYChart c = Plots.histogram("h").bins(5).density().sample("s", v).chart();
        double[] xs = c.getSeries("s").getXData();
        double[] ys = c.getSeries("s").getYData();
        double area = 0;
        for (int b = 0; b < 5; b++) {
            area += ys[2 * b + 1] * (xs[2 * b + 2] - xs[2 * b + 1]);
        }
        assertEquals(1, area, 1e-12);
    }

    @Test
    void overlaidSamplesAreEachDrawnInTheirColour() {
        double[] a = new double[200];
        double[] b = new double[200];
        for (int i = 0; i < 200; i++) {
            a[i] = i % 17;
            b[i] = 10 + i % 13;
        }
        BufferedImage img = Plots.histogram("h").sample("a", a).sample("b", b).image();
        assertEquals(720, img.getWidth());
        assertTrue(Pixels.count(img, Theme.notebook().color(0), 12) > 200);
        assertTrue(Pixels.count(img, Theme.notebook().color(1), 12) > 200);
    }

    @Test
    void aSingleDistinctValueStillGivesAVisibleBar() {
        XYChart c = Plots.histogram("h").bins(3).sample("s", new double[] {2, 2, 2}).chart();
        double[] xs = c.getSeries("s").getXData();
        assertEquals(1.5, xs[0], 1e-12);
        assertEquals(2.5, xs[xs.length - 1], 1e-12);
    }

    @Test
    void tableGroupsGiveOneSamplePerGroup() {
        Table t = Table.create("w", DoubleColumn.create("w", 1, 2, 3, 4), StringColumn.create("layer", "a", "b", "a", "b"));
        XYChart c = Plots.histogram("h").table(t, "w", "layer").chart();
        assertEquals(2, c.getSeriesCollection().stream().filter(s -> s.isShowInLegend()).count());
        assertEquals("w", c.getXAxisTitle());
    }

    @Test
    void nonFiniteValuesAreRejectedWithTheirIndex() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> Plots.histogram("h").sample("g", new double[] {1, Double.NaN}));
        assertTrue(e.getMessage().contains("value[1] of sample 'g'"), e.getMessage());
    }

    @Test
    void emptySamplesAndZeroBinsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> Plots.histogram("h").sample("g", new double[0]));
        assertThrows(IllegalArgumentException.class, () -> Plots.histogram("h").bins(0));
        assertThrows(IllegalStateException.class, () -> Plots.histogram("h").image());
    }

    @Test
    void binEdgesAreNotTakenForTickPositions() {
        // XChart ticks every x when all x values are equally spaced (here 0.0137, 0.0274, ...); an
        // invisible point between the first two edges breaks the spacing, so it picks round 1-2-5 ticks.
        double[] v = {0.013, 0.29, 0.37, 0.411};
        XYChart c = Plots.histogram("h").bins(7).sample("s", v).chart();
        var helper = c.getSeries(LinePlot.TICK_HELPER);
        double[] edges = c.getSeries("s").getXData();
        double x = helper.getXData()[0];
        assertTrue(x > edges[1] && x < edges[3], "between the first two bin edges: " + x);
        assertTrue(!helper.isShowInLegend());
    }
}
