package trainwell.plots;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.util.List;
import org.knowm.xchart.style.AxesChartStyler;
import org.knowm.xchart.style.Styler;
import trainwell.core.Args;

/**
 * The one look of every course chart: size, font size, a colour-blind-safe palette and a light grid.
 *
 * <p>{@link #notebook()} fits a Jupyter cell; {@link #slides()} is 16:9 with fonts readable from the
 * back of a room. Both use the Okabe-Ito palette, which stays distinguishable for the common forms of
 * colour blindness (Okabe and Ito, "Color Universal Design", 2008).
 */
public record Theme(int width, int height, float fontSize, List<Color> palette) {

    /** Okabe-Ito colours, most distinct first (black is left out: it is the text colour). */
    public static final List<Color> OKABE_ITO = List.of(
            new Color(0, 114, 178),   // blue
            new Color(230, 159, 0),   // orange
            new Color(0, 158, 115),   // bluish green
            new Color(204, 121, 167), // reddish purple
            new Color(86, 180, 233),  // sky blue
            new Color(213, 94, 0),    // vermillion
            new Color(240, 228, 66)); // yellow (last: weak contrast on white)

    /** Light grey of grid lines: visible, but quieter than any data. */
    public static final Color GRID = new Color(225, 225, 225);

    /** Dark grey of text and axes (softer than pure black). */
    public static final Color INK = new Color(40, 40, 40);

    /** Mid grey of event markers (vertical lines). */
    public static final Color MARKER = new Color(120, 120, 120);

    /** Checks the values and copies the palette. */
    public Theme {
        Args.atLeast("width", width, 100);
        Args.atLeast("height", height, 100);
        Args.inRange("fontSize", fontSize, 6, 72);
        Args.notNull("palette", palette);
        Args.check(!palette.isEmpty(), "palette", "must not be empty", palette);
        palette = List.copyOf(palette);
    }

    /** The default: 720x420 pixels, 14-point text, Okabe-Ito colours. */
    public static Theme notebook() {
        return new Theme(720, 420, 14f, OKABE_ITO);
    }

    /** For slides: 1280x720 (16:9), 24-point text, Okabe-Ito colours. */
    public static Theme slides() {
        return new Theme(1280, 720, 24f, OKABE_ITO);
    }

    /** The same theme at another size. */
    public Theme size(int width, int height) {
        return new Theme(width, height, fontSize, palette);
    }

    /** The i-th colour of the palette, cycling when there are more series than colours. */
    public Color color(int i) {
        Args.nonNegative("i", i);
        return palette.get(i % palette.size());
    }

    /** A colour made translucent; {@code alpha} in [0, 1]. */
    public static Color faint(Color c, double alpha) {
        Args.inRange("alpha", alpha, 0, 1);
        return new Color(c.getRed(), c.getGreen(), c.getBlue(), (int) Math.round(alpha * 255));
    }

    /** Font of chart titles. */
    public Font titleFont() {
        return new Font(Font.SANS_SERIF, Font.BOLD, Math.round(fontSize * 1.2f));
    }

    /** Font of axis titles. */
    public Font axisTitleFont() {
        return new Font(Font.SANS_SERIF, Font.PLAIN, Math.round(fontSize));
    }

    /** Font of tick labels, legends and cell annotations. */
    public Font smallFont() {
        return new Font(Font.SANS_SERIF, Font.PLAIN, Math.round(fontSize * 0.85f));
    }

    /** Width in pixels of a data line. */
    public float lineWidth() {
        return Math.max(2f, fontSize / 7f);
    }

    /** Applies this theme to an XChart styler: fonts, colours, grid, legend, no chart border. */
    public void apply(AxesChartStyler s) {
        s.setChartBackgroundColor(Color.WHITE);
        s.setPlotBackgroundColor(Color.WHITE);
        s.setPlotBorderVisible(false);
        s.setChartFontColor(INK);
        s.setChartTitleFont(titleFont());
        s.setChartTitleBoxVisible(false);
        s.setLegendFont(smallFont());
        s.setLegendBorderColor(GRID);
        s.setLegendPosition(Styler.LegendPosition.OutsideE);
        s.setAxisTitleFont(axisTitleFont());
        s.setAxisTickLabelsFont(smallFont());
        s.setAxisTickLabelsColor(INK);
        s.setAxisTickMarksColor(MARKER);
        s.setPlotGridLinesVisible(true);
        s.setPlotGridLinesColor(GRID);
        s.setPlotGridLinesStroke(new BasicStroke(1f));
        s.setSeriesColors(palette.toArray(Color[]::new));
        s.setAnnotationLineColor(MARKER);
        s.setAnnotationLineStroke(new BasicStroke(1.2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER,
                10f, new float[] {6f, 4f}, 0f));
        s.setAnnotationTextFont(smallFont());
        s.setAnnotationTextFontColor(INK);
        s.setMarkerSize(Math.round(fontSize / 2));
        s.setAntiAlias(true);
        s.setLocale(java.util.Locale.ROOT);
    }
}
