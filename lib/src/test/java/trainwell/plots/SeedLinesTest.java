package trainwell.plots;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/** {@link LinePlot#seeds}: one colour per configuration, seeds as thin lines. */
class SeedLinesTest {

    private static final double[] X = {0, 1, 2};

    @Test
    void theSeedsShareTheConfigurationsColourAndOnlyTheMeanIsInTheLegend() {
        XYChart c = Plots.line("l").seeds("a", X, new double[] {3, 2, 1}, new double[] {5, 4, 3})
                .seeds("b", X, new double[] {1, 1, 1}).chart();
        Theme t = Theme.notebook();
        assertEquals(t.color(0), c.getSeries("a").getLineColor());
        assertEquals(t.color(1), c.getSeries("b").getLineColor());
        var seed = c.getSeries("a (seed 2)");
        assertEquals(Theme.faint(t.color(0), LinePlot.SEED_ALPHA), seed.getLineColor());
        assertFalse(seed.isShowInLegend());
        assertTrue(c.getSeries("a").isShowInLegend());
        assertTrue(seed.getLineStyle().getLineWidth() < c.getSeries("a").getLineStyle().getLineWidth());
        assertArrayEquals(new double[] {4, 3, 2}, c.getSeries("a").getYData(), 1e-12);
    }

    @Test
    void theMeanCoversTheStepsEverySeedReached() {
        Table t = Table.create("h", DoubleColumn.create("step", 0, 1, 2, 0, 1),
                DoubleColumn.create("loss", 4, 3, 2, 6, 5), DoubleColumn.create("seed", 1, 1, 1, 2, 2),
                StringColumn.create("run", "a", "a", "a", "a", "a"));
        XYChart d = Plots.line("l").seeds(t, "step", "loss", "run", "seed").chart();
        assertArrayEquals(new double[] {0, 1}, d.getSeries("a").getXData(), 0);
        assertArrayEquals(new double[] {5, 4}, d.getSeries("a").getYData(), 1e-12);
        assertArrayEquals(new double[] {4, 3, 2}, d.getSeries("a (seed 1)").getYData(), 0);
    }

    @Test
    void aTableGivesOneColourPerConfiguration() {
        Table t = Table.create("h", DoubleColumn.create("step", 0, 1, 0, 1, 0, 1, 0, 1),
                DoubleColumn.create("loss", 4, 3, 6, 5, 2, 1, 2, 2), DoubleColumn.create("seed", 1, 1, 2, 2, 1, 1, 2, 2),
                StringColumn.create("run", "a", "a", "a", "a", "b", "b", "b", "b"));
        XYChart c = Plots.line("l").seeds(t, "step", "loss", "run", "seed").chart();
        Theme th = Theme.notebook();
        assertEquals(th.color(1), c.getSeries("b").getLineColor());
        assertEquals(Theme.faint(th.color(1), LinePlot.SEED_ALPHA), c.getSeries("b (seed 2)").getLineColor());
        assertArrayEquals(new double[] {2, 1.5}, c.getSeries("b").getYData(), 1e-12);
        assertEquals("step", c.getXAxisTitle());
    }

    @Test
    void seedsOnDifferentStepsCannotBeAveragedAndTheErrorNamesTheSeed() {
        Table t = Table.create("h", DoubleColumn.create("step", 0, 1, 0, 2),
                DoubleColumn.create("loss", 4, 3, 6, 5), DoubleColumn.create("seed", 1, 1, 2, 2),
                StringColumn.create("run", "a", "a", "a", "a"));
        var e = assertThrows(IllegalArgumentException.class, () -> Plots.line("l").seeds(t, "step", "loss", "run", "seed"));
        assertTrue(e.getMessage().contains("x[1] of seed 2 of 'a'"), e.getMessage());
    }

    @Test
    void noSeedsIsRejectedByName() {
        var e = assertThrows(IllegalArgumentException.class, () -> Plots.line("l").seeds("a", X));
        assertTrue(e.getMessage().contains("seeds of 'a'"), e.getMessage());
    }
}
