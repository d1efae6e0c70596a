package trainwell.plots;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LogAxisLabelsTest {

    private static final double[] STEPS = {1, 2, 3, 4};

    @Test
    void aLogAxisSpanningManyDecadesLabelsOnlyPowersOfTen() {
        // 1e-6 .. 10: seven decades; labels at 1..9 of each would overlap
        var c = Plots.line("loss").logY().series("sgd", STEPS, new double[] {10, 1, 1e-3, 1e-6}).chart();
        assertTrue(c.getStyler().isYAxisLogarithmicDecadeOnly());
    }

    @Test
    void aLogAxisSpanningAFewDecadesKeepsTheLabelsBetweenPowersOfTen() {
        var c = Plots.line("loss").logY().series("adam", STEPS, new double[] {2.5, 1.2, 0.5, 0.15}).chart();
        assertFalse(c.getStyler().isYAxisLogarithmicDecadeOnly());
    }

    @Test
    void theSpanCountsEveryCurveAndIgnoresGaps() {
        var c = Plots.line("loss").logY().series("a", STEPS, new double[] {1, Double.NaN, 0.5, 0.4})
                .series("b", STEPS, new double[] {1e-4, 1e-4, 1e-4, 1e-4}).chart();
        assertTrue(c.getStyler().isYAxisLogarithmicDecadeOnly());
    }
}
