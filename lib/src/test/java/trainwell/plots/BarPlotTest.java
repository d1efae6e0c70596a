package trainwell.plots;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategorySeries;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

class BarPlotTest {

    @Test
    void barsCarryMeansAndErrors() {
        CategoryChart c = Plots.bars("loss").y("val loss").bar("SGD", 0.9, 0.04).bar("Adam", 0.7, 0.02).chart();
        CategorySeries s = c.getSeries("val loss");
        assertEquals(List.of("SGD", "Adam"), List.copyOf(s.getXData()));
        assertArrayEquals(new double[] {0.9, 0.7}, s.getYData(), 0);
        assertEquals(0.04, s.getExtraValues()[0], 0);
        assertEquals(0.02, s.getExtraValues()[1], 0);
    }

    @Test
    void barsAreDrawnInTheFirstPaletteColourWithErrorBars() {
        BufferedImage img = Plots.bars("loss").bar("SGD", 0.9, 0.2).bar("Adam", 0.7, 0.1).image();
        assertEquals(420, img.getHeight());
        assertTrue(Pixels.count(img, Theme.notebook().color(0), 6) > 5000);
        assertTrue(Pixels.count(img, Theme.INK, 30) > 20, "error bars drawn");
    }

    @Test
    void groupedSeriesStandSideBySide() {
        List<String> labels = List.of("lr=1e-3", "lr=1e-2");
        CategoryChart c = Plots.bars("loss")
                .series("SGD", labels, new double[] {1.0, 0.8}, new double[] {0.1, 0.1})
                .series("Adam", labels, new double[] {0.7, 0.9}, new double[] {0.05, 0.2}).chart();
        assertEquals(2, c.getSeriesCollection().size());
        assertTrue(Pixels.count(Plots.bars("loss")
                .series("SGD", labels, new double[] {1.0, 0.8}, new double[] {0.1, 0.1})
                .series("Adam", labels, new double[] {0.7, 0.9}, new double[] {0.05, 0.2}).image(),
                Theme.notebook().color(1), 6) > 1000);
    }

    @Test
    void aNaNErrorFromASingleSeedDrawsNoErrorBar() {
        CategoryChart c = Plots.bars("loss").bar("SGD", 0.9, Double.NaN).chart();
        assertEquals(0, c.getSeries("mean").getExtraValues()[0], 0);
    }

    @Test
    void tableRowsBecomeBars() {
        Table t = Table.create("summary", StringColumn.create("optimizer", "sgd", "adam"),
                DoubleColumn.create("loss_mean", 0.9, 0.7), DoubleColumn.create("loss_std", 0.1, 0.05));
        CategoryChart c = Plots.bars("loss").table(t, "optimizer", "loss_mean", "loss_std").chart();
        assertEquals(List.of("sgd", "adam"), List.copyOf(c.getSeries("loss_mean").getXData()));
    }

    @Test
    void negativeErrorsAreRejected() {
        var e = assertThrows(IllegalArgumentException.class, () -> Plots.bars("x").bar("SGD", 1, -0.1));
        assertTrue(e.getMessage().contains("error of 'SGD'"), e.getMessage());
    }

    @Test
    void mismatchedLengthsAreRejected() {
        var e = assertThrows(IllegalArgumentException.class, () -> Plots.bars("x")
                .series("SGD", List.of("a", "b"), new double[] {1}, new double[] {0, 0}));
        assertTrue(e.getMessage().contains("one value per label (2)"), e.getMessage());
    }

    @Test
    void seriesMustShareTheirLabels() {
        var plot = Plots.bars("x").series("SGD", List.of("a", "b"), new double[] {1, 2}, new double[] {0, 0});
        assertThrows(IllegalArgumentException.class,
                () -> plot.series("Adam", List.of("a", "c"), new double[] {1, 2}, new double[] {0, 0}));
    }

    @Test
    void anEmptyBarChartCannotBeDrawn() {
        assertThrows(IllegalStateException.class, () -> Plots.bars("x").chart());
    }
}
