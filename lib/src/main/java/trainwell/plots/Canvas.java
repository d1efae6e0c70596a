package trainwell.plots;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.function.DoubleFunction;
import trainwell.notebook.Html;

/**
 * A Java2D drawing surface in the course's look for charts XChart does not draw well (heat maps,
 * contours): title, plot rectangle, axes with tick labels and an optional colour bar. The caller paints
 * the content into {@link #plot()} and then calls {@link #finish()}, which draws the frame on top.
 */
final class Canvas {

    /** A tick at {@code position} in [0, 1] along an axis (x: left to right, y: bottom to top). */
    record Tick(double position, String label) {}

    private static final int PAD = 10;
    private static final int TICK = 5;
    private static final int BAR_WIDTH = 16;

    private final Theme theme;
    private final BufferedImage image;
    private final Graphics2D g;
    private final String title;
    private final String xTitle;
    private final String yTitle;
    private final List<Tick> xTicks;
    private final List<Tick> yTicks;
    private final Scale colorScale;
    private final DoubleFunction<Color> colors;
    private final boolean rotateX;
    private final Rectangle plot;

    Canvas(Theme theme, String title, String xTitle, List<Tick> xTicks, String yTitle, List<Tick> yTicks,
            Scale colorScale, DoubleFunction<Color> colors) {
        this.theme = theme;
        this.title = title;
        this.xTitle = xTitle;
        this.yTitle = yTitle;
        this.xTicks = xTicks;
        this.yTicks = yTicks;
        this.colorScale = colorScale;
        this.colors = colors;
        image = new BufferedImage(theme.width(), theme.height(), BufferedImage.TYPE_INT_ARGB);
        g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, theme.width(), theme.height());

        FontMetrics small = g.getFontMetrics(theme.smallFont());
        FontMetrics axis = g.getFontMetrics(theme.axisTitleFont());
        FontMetrics head = g.getFontMetrics(theme.titleFont());
        int top = PAD + (title.isEmpty() ? 0 : head.getHeight() + PAD);
        int yLabelWidth = yTicks.stream().mapToInt(t -> small.stringWidth(t.label())).max().orElse(0);
        int left = PAD + (yTitle.isEmpty() ? 0 : axis.getHeight() + PAD) + yLabelWidth + TICK + 4;
        int xLabelWidth = xTicks.stream().mapToInt(t -> small.stringWidth(t.label())).max().orElse(0);
        int right = PAD + (colorScale == null ? 0 : BAR_WIDTH + 2 * PAD + TICK + colorLabelWidth(small));
        int plotWidth = theme.width() - left - right;
        // Tick labels turn by 45 degrees when they would overlap (long tokens, many columns).
        rotateX = xTicks.size() > 1 && xLabelWidth + 6 > plotWidth / (double) xTicks.size();
        int xLabelHeight = rotateX ? (int) Math.ceil(xLabelWidth * Math.sqrt(0.5) + small.getHeight()) : small.getHeight();
        int bottom = PAD + (xTitle.isEmpty() ? 0 : axis.getHeight() + PAD) + xLabelHeight + TICK + 4;
        plot = new Rectangle(left, top, Math.max(10, plotWidth), Math.max(10, theme.height() - top - bottom));
    }

    /** The plot rectangle in pixels. */
    Rectangle plot() {
        return plot;
    }

    /** The graphics to paint the content with (antialiased). */
    Graphics2D graphics() {
        return g;
    }

    /** The pixel x of position {@code t} in [0, 1] along the x axis. */
    double px(double t) {
        return plot.x + t * plot.width;
    }

    /** The pixel y of position {@code t} in [0, 1] along the y axis (0 at the bottom). */
    double py(double t) {
        return plot.y + (1 - t) * plot.height;
    }

    /** Draws frame, ticks, labels, title and colour bar over the content; returns the image. */
    BufferedImage finish() {
        g.setClip(null);
        g.setStroke(new BasicStroke(1f));
        g.setColor(Theme.MARKER);
        g.drawRect(plot.x, plot.y, plot.width, plot.height);
        g.setFont(theme.smallFont());
        FontMetrics fm = g.getFontMetrics();
        for (Tick t : xTicks) {
            int x = (int) Math.round(px(t.position()));
            int y0 = plot.y + plot.height;
            g.setColor(Theme.MARKER);
            g.drawLine(x, y0, x, y0 + TICK);
            g.setColor(Theme.INK);
            int w = fm.stringWidth(t.label());
            if (rotateX) {
                AffineTransform saved = g.getTransform();
                g.translate(x + fm.getAscent() / 2.0, y0 + TICK + 4);
                g.rotate(-Math.PI / 4);
                g.drawString(t.label(), -w, 0);
                g.setTransform(saved);
            } else {
                g.drawString(t.label(), x - w / 2, y0 + TICK + 2 + fm.getAscent());
            }
        }
        for (Tick t : yTicks) {
            int y = (int) Math.round(py(t.position()));
            g.setColor(Theme.MARKER);
            g.drawLine(plot.x - TICK, y, plot.x, y);
            g.setColor(Theme.INK);
            g.drawString(t.label(), plot.x - TICK - 4 - fm.stringWidth(t.label()),
                    y + fm.getAscent() / 2 - 1);
        }
        drawTitles();
        if (colorScale != null) {
            drawColorBar();
        }
        g.dispose();
        return image;
    }

    private void drawTitles() {
        g.setColor(Theme.INK);
        if (!title.isEmpty()) {
            g.setFont(Fit.titleFont(theme, title));
            FontMetrics fm = g.getFontMetrics();
            String text = Fit.titleText(theme, title);
            g.drawString(text, (theme.width() - fm.stringWidth(text)) / 2, PAD + fm.getAscent());
        }
        g.setFont(theme.axisTitleFont());
        FontMetrics fm = g.getFontMetrics();
        if (!xTitle.isEmpty()) {
            g.drawString(xTitle, plot.x + (plot.width - fm.stringWidth(xTitle)) / 2,
                    theme.height() - PAD - fm.getDescent());
        }
        if (!yTitle.isEmpty()) {
            AffineTransform saved = g.getTransform();
            g.translate(PAD + fm.getAscent(), plot.y + (plot.height + fm.stringWidth(yTitle)) / 2.0);
            g.rotate(-Math.PI / 2);
            g.drawString(yTitle, 0, 0);
            g.setTransform(saved);
        }
    }

    private int colorLabelWidth(FontMetrics fm) {
        return colorScale.ticks(5).stream().mapToInt(v -> fm.stringWidth(Html.number(v))).max().orElse(0);
    }

    private void drawColorBar() {
        int x = plot.x + plot.width + 2 * PAD;
        for (int i = 0; i < plot.height; i++) {
            g.setColor(colors.apply(1 - (i + 0.5) / plot.height));
            g.fillRect(x, plot.y + i, BAR_WIDTH, 1);
        }
        g.setColor(Theme.MARKER);
        g.drawRect(x, plot.y, BAR_WIDTH, plot.height);
        g.setFont(theme.smallFont());
        FontMetrics fm = g.getFontMetrics();
        for (double v : colorScale.ticks(5)) {
            int y = (int) Math.round(py(colorScale.position(v)));
            g.setColor(Theme.MARKER);
            g.drawLine(x + BAR_WIDTH, y, x + BAR_WIDTH + TICK, y);
            g.setColor(Theme.INK);
            g.drawString(Html.number(v), x + BAR_WIDTH + TICK + 3, y + fm.getAscent() / 2 - 1);
        }
    }

    /** Ticks for a numeric axis over [lo, hi]. */
    static List<Tick> numericTicks(Scale s, int target) {
        return s.ticks(target).stream().map(v -> new Tick(s.position(v), Html.number(v))).toList();
    }

    /** Ticks at the centres of {@code n} equal cells; {@code fromTop} numbers the cells downwards. */
    static List<Tick> cellTicks(List<String> labels, boolean fromTop) {
        int n = labels.size();
        return java.util.stream.IntStream.range(0, n)
                .mapToObj(i -> new Tick(fromTop ? 1 - (i + 0.5) / n : (i + 0.5) / n, labels.get(i)))
                .toList();
    }

    /** The font of cell annotations: the small font, shrunk to fit a cell of this height. */
    Font cellFont(double cellHeight) {
        Font f = theme.smallFont();
        return f.deriveFont((float) Math.min(f.getSize2D(), cellHeight * 0.5));
    }
}
