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

    @Test
    void aLogXAxisOverMoreThanOneDecadeLabelsOnlyPowersOfTen() {
        double[] rates = {1e-3, 2.2e-3, 4.6e-3, 1e-2, 2.2e-2, 4.6e-2, 1e-1};
        double[] loss = {3, 2.8, 2.6, 2.5, 2.5, 2.6, 2.8};
        assertTrue(Plots.line("sweep").logX().series("a", rates, loss).chart().getStyler().isXAxisLogarithmicDecadeOnly());
        double[] narrow = {1e-3, 2e-3, 4e-3, 8e-3};
        assertFalse(Plots.line("sweep").logX().series("a", narrow, new double[] {3, 2.8, 2.6, 2.5}).chart()
                .getStyler().isXAxisLogarithmicDecadeOnly());
    }
}
