package trainwell.plots;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.util.List;
import org.junit.jupiter.api.Test;
import trainwell.results.Pivot;

class HeatMapTest {

    private static final Color LOW = ColorMap.viridis(0);
    private static final Color HIGH = ColorMap.viridis(1);

    @Test
    void imageHasTheThemeSize() {
        BufferedImage img = Plots.heatmap("a").matrix(new double[][] {{1, 2}, {3, 4}}).theme(Theme.slides()).image();
        assertEquals(1280, img.getWidth());
        assertEquals(720, img.getHeight());
    }

    @Test
    void rowZeroIsDrawnAtTheTop() {
        BufferedImage img = Plots.heatmap("a").matrix(new double[][] {{1}, {0}}).image();
        double[] high = Pixels.centroid(img, HIGH, 0);
        double[] low = Pixels.centroid(img, LOW, 0);
        assertTrue(high[1] < low[1], "high cell (row 0) above low cell: " + high[1] + " vs " + low[1]);
    }

    @Test
    void everyCellIsFilledWithItsColour() {
        double[][] m = {{0, 0.5}, {1, 0.25}};
        BufferedImage img = Plots.heatmap("a").matrix(m).image();
        for (double v : new double[] {0, 0.25, 0.5, 1}) {
            // each cell covers about a quarter of a ~600x350 plot, the colour bar adds a little
            assertTrue(Pixels.count(img, ColorMap.viridis(v), 0) > 20_000, "cell of value " + v);
        }
    }

    @Test
    void nanCellsAreLightGrey() {
        BufferedImage img = Plots.heatmap("a").matrix(new double[][] {{Double.NaN, 1}, {2, 3}}).image();
        assertTrue(Pixels.count(img, ColorMap.viridis(Double.NaN), 0) > 20_000);
    }

    @Test
    void annotationsWriteTextIntoTheCells() {
        double[][] m = {{0, 0}, {0, 1}};
        BufferedImage plain = Plots.heatmap("a").matrix(m).image();
        BufferedImage annotated = Plots.heatmap("a").matrix(m).annotate("%.1f").image();
        assertTrue(Pixels.count(annotated, LOW, 0) < Pixels.count(plain, LOW, 0) - 50, "text covers cell pixels");
    }

    @Test
    void rangeFixesTheColourScale() {
        // with range [0, 1], 0.5 is the middle colour even though it is the data's maximum
        BufferedImage img = Plots.heatmap("a").matrix(new double[][] {{0.5, 0.5}}).range(0, 1).image();
        assertTrue(Pixels.count(img, ColorMap.viridis(0.5), 0) > 40_000);
    }

    @Test
    void logScaleRejectsZeroNamingTheCell() {
        var plot = Plots.heatmap("a").matrix(new double[][] {{1, 2}, {0, 4}}).logScale();
        var e = assertThrows(IllegalArgumentException.class, plot::image);
        assertTrue(e.getMessage().contains("values[1][0]"), e.getMessage());
    }

    @Test
    void raggedRowsAreRejected() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> Plots.heatmap("a").matrix(new double[][] {{1, 2}, {3}}));
        assertTrue(e.getMessage().contains("values[1]"), e.getMessage());
    }

    @Test
    void labelCountsMustMatchTheMatrix() {
        var plot = Plots.heatmap("a").matrix(new double[][] {{1, 2}}).columns("a", "b", "c");
        var e = assertThrows(IllegalArgumentException.class, plot::image);
        assertTrue(e.getMessage().contains("labels of the columns"), e.getMessage());
    }

    @Test
    void anAllNaNMatrixIsRejected() {
        var plot = Plots.heatmap("a").matrix(new double[][] {{Double.NaN}});
        assertThrows(IllegalArgumentException.class, plot::image);
    }

    @Test
    void aPivotGivesValuesLabelsAndAxisTitles() {
        Pivot p = new Pivot("lr", "wd", "loss", List.of("0.001", "0.01"), List.of("0", "0.1"),
                new double[][] {{1, 2}, {3, 4}});
        BufferedImage img = Plots.heatmap("grid").pivot(p).annotate().image();
        assertTrue(Pixels.count(img, HIGH, 0) > 10_000);
    }

    @Test
    void aMissingMatrixIsAnError() {
        assertThrows(IllegalStateException.class, () -> Plots.heatmap("a").image());
    }
}
