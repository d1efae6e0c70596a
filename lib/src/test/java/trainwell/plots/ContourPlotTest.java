package trainwell.plots;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.util.function.DoubleBinaryOperator;
import org.junit.jupiter.api.Test;

class ContourPlotTest {

    private static final DoubleBinaryOperator BOWL = (x, y) -> x * x + 4 * y * y;
    private static final DoubleBinaryOperator ROSENBROCK = (x, y) -> Math.pow(1 - x, 2) + 100 * Math.pow(y - x * x, 2);

    private static Color band(int k, int levels) {
        return ColorMap.lighten(ColorMap.viridis((k + 0.5) / levels), ContourPlot.LIGHTEN);
    }

    @Test
    void imageHasTheThemeSize() {
        BufferedImage img = Plots.contour("bowl", BOWL).image();
        assertEquals(720, img.getWidth());
        assertEquals(420, img.getHeight());
    }

    @Test
    void lowestBandSitsAtTheMinimum() {
        BufferedImage img = Plots.contour("bowl", (x, y) -> (x - 0.5) * (x - 0.5) + y * y).levels(6).lines(false).image();
        double[] low = Pixels.centroid(img, band(0, 6), 0);
        double[] high = Pixels.centroid(img, band(5, 6), 0);
        assertTrue(low[0] > high[0], "minimum at x = 0.5 lies right of the highest band (far left corners)");
    }

    @Test
    void everyBandIsUsed() {
        BufferedImage img = Plots.contour("bowl", BOWL).levels(5).image();
        for (int k = 0; k < 5; k++) {
            assertTrue(Pixels.count(img, band(k, 5), 0) > 100, "band " + k);
        }
    }

    @Test
    void contourLinesDarkenTheBandBorders() {
        BufferedImage without = Plots.contour("bowl", BOWL).lines(false).image();
        BufferedImage with = Plots.contour("bowl", BOWL).image();
        int changed = 0;
        for (int y = 0; y < with.getHeight(); y++) {
            for (int x = 0; x < with.getWidth(); x++) {
                if (with.getRGB(x, y) != without.getRGB(x, y)) {
                    changed++;
                }
            }
        }
        assertTrue(changed > 1000, "pixels changed by contour lines: " + changed);
    }

    @Test
    void eachTrajectoryIsDrawnInItsColour() {
        double[][] a = {{-0.8, 0.8}, {-0.4, 0.3}, {0, 0}};
        double[] xs = {0.8, 0.5, 0.1};
        double[] ys = {-0.8, -0.2, 0};
        ContourPlot plot = Plots.contour("bowl", BOWL).trajectory("sgd", a).trajectory("adam", xs, ys);
        BufferedImage img = plot.image();
        assertTrue(Pixels.count(img, plot.trajectoryColor(0), 8) > 300);
        assertTrue(Pixels.count(img, plot.trajectoryColor(1), 8) > 300);
    }

    @Test
    void logLevelsSpreadTheRosenbrockValley() {
        // the valley floor is near 0 and the corners near 2500: on linear levels the lowest band swallows
        // most of the box, on geometric levels it shrinks to the valley
        BufferedImage linear = Plots.contour("r", ROSENBROCK).box(-2, 2, -1, 3).levels(10).lines(false).image();
        BufferedImage log = Plots.contour("r", ROSENBROCK).box(-2, 2, -1, 3).levels(10).logLevels().lines(false).image();
        int linearLowest = Pixels.count(linear, band(0, 10), 0);
        int logLowest = Pixels.count(log, band(0, 10), 0);
        assertTrue(linearLowest > 5 * logLowest, "lowest band: linear " + linearLowest + ", log " + logLowest);
        for (int k = 0; k < 10; k++) {
            assertTrue(Pixels.count(log, band(k, 10), 0) > 200, "band " + k);
        }
    }

    @Test
    void logLevelsNeedPositiveValues() {
        var plot = Plots.contour("neg", (x, y) -> -1 - x * x).logLevels();
        var e = assertThrows(IllegalArgumentException.class, plot::image);
        assertTrue(e.getMessage().contains("positive"), e.getMessage());
    }

    @Test
    void trajectoryPointsMustBePairs() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> Plots.contour("b", BOWL).trajectory("sgd", new double[][] {{0, 0}, {1}}));
        assertTrue(e.getMessage().contains("points[1] of trajectory 'sgd'"), e.getMessage());
    }

    @Test
    void trajectoryCoordinatesMustMatchInLengthAndBeFinite() {
        assertThrows(IllegalArgumentException.class,
                () -> Plots.contour("b", BOWL).trajectory("sgd", new double[] {0, 1}, new double[] {0}));
        assertThrows(IllegalArgumentException.class,
                () -> Plots.contour("b", BOWL).trajectory("sgd", new double[] {0, Double.NaN}, new double[] {0, 1}));
        assertThrows(IllegalArgumentException.class,
                () -> Plots.contour("b", BOWL).trajectory("sgd", new double[0], new double[0]));
    }

    @Test
    void anEmptyBoxIsRejected() {
        var e = assertThrows(IllegalArgumentException.class, () -> Plots.contour("b", BOWL).box(1, 1, 0, 1));
        assertTrue(e.getMessage().contains("xMax"), e.getMessage());
    }
}
