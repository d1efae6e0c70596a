package trainwell.plots;

import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler;
import trainwell.core.Args;

/**
 * The course's figure rules, applied by every chart builder: a title never runs past the chart's edges
 * (its font shrinks to fit, down to the tick-label size, and only then is it cut with an ellipsis), and a
 * legend takes at most about a quarter of the chart's width (long series names are wrapped onto several
 * lines, which XChart draws one under the other).
 */
final class Fit {

    /** The largest share of the chart's width a legend may take. */
    static final double MAX_LEGEND_SHARE = 0.25;

    /**
     * Pixels XChart's legend adds to the widest name: its padding on both sides (10 each), the line
     * sample (24) and the gap after it (10), the border, and a margin; checked on rendered charts by FitTest.
     */
    static final int LEGEND_CHROME = 60;

    /** Free pixels kept on each side of a title. */
    static final int TITLE_MARGIN = 12;

    private static final Graphics2D MEASURE = new BufferedImage(1, 1, BufferedImage.TYPE_INT_ARGB).createGraphics();

    private Fit() {}

    /** Width in pixels of the widest line of {@code text} in {@code font}. */
    static int width(String text, Font font) {
        FontMetrics fm;
        synchronized (MEASURE) {
            fm = MEASURE.getFontMetrics(font);
        }
        int w = 0;
        for (String line : text.split("\n", -1)) {
            w = Math.max(w, fm.stringWidth(line));
        }
        return w;
    }

    /** Pixels of text a legend entry may be wide under {@link #MAX_LEGEND_SHARE}. */
    static int legendTextWidth(Theme theme) {
        return Math.max(40, (int) (theme.width() * MAX_LEGEND_SHARE) - LEGEND_CHROME);
    }

    /**
     * A series name as the legend shows it: unchanged when it fits {@link #legendTextWidth}, else wrapped
     * at spaces into lines that fit (a word longer than a line is broken inside).
     */
    static String legendName(Theme theme, String name) {
        Args.notNull("name", name);
        Font font = theme.smallFont();
        int max = legendTextWidth(theme);
        if (width(name, font) <= max) {
            return name;
        }
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : name.trim().split("\\s+")) {
            String candidate = line.length() == 0 ? word : line + " " + word;
            if (width(candidate, font) <= max) {
                line.setLength(0);
                line.append(candidate);
                continue;
            }
            if (line.length() > 0) {
                lines.add(line.toString());
                line.setLength(0);
            }
            // A word wider than a whole line: break it where it stops fitting.
            String rest = word;
            while (width(rest, font) > max) {
                int cut = rest.length() - 1;
                while (cut > 1 && width(rest.substring(0, cut), font) > max) {
                    cut--;
                }
                lines.add(rest.substring(0, cut));
                rest = rest.substring(cut);
            }
            line.append(rest);
        }
        if (line.length() > 0) {
            lines.add(line.toString());
        }
        return String.join("\n", lines);
    }

    /** Pixels a title may be wide on a chart of this theme. */
    static int titleWidth(Theme theme) {
        return theme.width() - 2 * TITLE_MARGIN;
    }

    /** The theme's title font, shrunk point by point until {@code title} fits, but not below the tick-label size. */
    static Font titleFont(Theme theme, String title) {
        Font font = theme.titleFont();
        int min = theme.smallFont().getSize();
        while (font.getSize() > min && width(title, font) > titleWidth(theme)) {
            font = font.deriveFont((float) (font.getSize() - 1));
        }
        return font;
    }

    /** The title as drawn in {@link #titleFont}: whole when it fits, else cut at a word and ended with "…". */
    static String titleText(Theme theme, String title) {
        Font font = titleFont(theme, title);
        if (width(title, font) <= titleWidth(theme)) {
            return title;
        }
        String cut = title;
        while (!cut.isEmpty() && width(cut + "\u2026", font) > titleWidth(theme)) {
            int space = cut.lastIndexOf(' ');
            cut = space > 0 && width(cut.substring(0, space) + "\u2026", font) <= titleWidth(theme) ? cut.substring(0, space)
                    : cut.substring(0, cut.length() - 1);
        }
        return cut.strip() + "\u2026";
    }

    /** Sets an XChart chart's title in the fitted font and text. */
    static void title(Chart<? extends Styler, ?> chart, Theme theme, String title) {
        chart.setTitle(titleText(theme, title));
        chart.getStyler().setChartTitleFont(titleFont(theme, title));
    }
}
