package trainwell.plots;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.geom.Rectangle2D;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.internal.chartpart.Layout;

class FitTest {

    private static final double[] X = {0, 1, 2, 3};
    private static final double[] Y = {4, 3, 2.5, 2.2};
    private static final String LONG = "AdamW, lr 3e-3 with linear warmup of 400 steps and cosine decay to zero, seed 1";

    @Test
    void aShortSeriesNameIsLeftAlone() {
        assertEquals("Adam", Fit.legendName(Theme.notebook(), "Adam"));
    }

    @Test
    void aLongSeriesNameIsWrappedIntoLinesThatFitAQuarterOfTheChart() {
        Theme t = Theme.notebook();
        String wrapped = Fit.legendName(t, LONG);
        assertTrue(wrapped.contains("\n"), wrapped);
        for (String line : wrapped.split("\n")) {
            assertTrue(Fit.width(line, t.smallFont()) <= Fit.legendTextWidth(t), line);
        }
        assertEquals(LONG, wrapped.replace('\n', ' '), "wrapping only replaces spaces");
    }

    @Test
    void aWordLongerThanALineIsBrokenInside() {
        Theme t = Theme.notebook();
        String word = "x".repeat(200);
        String wrapped = Fit.legendName(t, word);
        assertEquals(word, wrapped.replace("\n", ""));
        for (String line : wrapped.split("\n")) {
            assertTrue(Fit.width(line, t.smallFont()) <= Fit.legendTextWidth(t), line);
        }
    }

    @Test
    void aLegendOfLongNamesTakesAtMostAQuarterOfTheWidth() {
        for (Theme t : List.of(Theme.notebook(), Theme.slides())) {
            XYChart c = Plots.line("loss").theme(t).series(LONG, X, Y).series(LONG + " and more words", X, Y).chart();
            Rectangle2D legend = Layout.legend(c);
            assertTrue(legend.getWidth() <= t.width() * Fit.MAX_LEGEND_SHARE + 1,
                    "legend " + legend.getWidth() + " px of " + t.width());
            assertTrue(Layout.plot(c).getWidth() >= t.width() * 0.6, "the plot keeps most of the width");
        }
    }

    @Test
    void histogramAndBarLegendsAreCappedToo() {
        Theme t = Theme.notebook();
        var h = Plots.histogram("h").sample(LONG, new double[] {1, 2, 3}).sample(LONG + " b", new double[] {2, 3}).chart();
        assertTrue(Layout.legend(h).getWidth() <= t.width() * Fit.MAX_LEGEND_SHARE + 1, "histogram legend");
        var s = Plots.scatter("s").series(LONG, X, Y).series(LONG + " b", X, Y).chart();
        assertTrue(Layout.legend(s).getWidth() <= t.width() * Fit.MAX_LEGEND_SHARE + 1, "scatter legend");
        var b = Plots.bars("b").series(LONG, List.of("a", "b"), new double[] {1, 2}, new double[] {0, 0})
                .series(LONG + " b", List.of("a", "b"), new double[] {1, 2}, new double[] {0, 0}).chart();
        assertTrue(Layout.legend(b).getWidth() <= t.width() * Fit.MAX_LEGEND_SHARE + 1, "bar legend");
    }

    @Test
    void aTitleThatFitsKeepsTheThemeFont() {
        Theme t = Theme.notebook();
        assertEquals(t.titleFont(), Fit.titleFont(t, "Loss"));
        assertEquals("Loss", Fit.titleText(t, "Loss"));
    }

    @Test
    void aLongTitleShrinksUntilItFitsTheWidth() {
        Theme t = Theme.notebook();
        String title = "Validation loss of every learning-rate schedule at the same budget of steps, three seeds each";
        assertTrue(Fit.width(title, t.titleFont()) > Fit.titleWidth(t), "the test title is too wide at the theme's size");
        var font = Fit.titleFont(t, title);
        assertTrue(font.getSize() < t.titleFont().getSize());
        assertTrue(Fit.width(title, font) <= Fit.titleWidth(t));
        assertEquals(title, Fit.titleText(t, title), "shrinking was enough: the whole title stays");
        XYChart c = Plots.line(title).series("a", X, Y).chart();
        assertEquals(title, c.getTitle());
        assertEquals(font, c.getStyler().getChartTitleFont());
    }

    @Test
    void aTitleTooLongEvenAtTheSmallestSizeIsCutAtAWordWithAnEllipsis() {
        Theme t = Theme.notebook();
        String title = "word ".repeat(60).strip();
        String text = Fit.titleText(t, title);
        assertTrue(text.endsWith("\u2026"), text);
        assertTrue(Fit.width(text, Fit.titleFont(t, title)) <= Fit.titleWidth(t), text);
        assertTrue(title.startsWith(text.substring(0, text.length() - 1)), text);
        assertTrue(text.matches("(word )*word\u2026"), "cut between words: " + text);
    }
}
