package trainwell.plots;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleFunction;
import trainwell.core.Args;

/**
 * A filled contour map of a 2-D function over a box, with optimizer trajectories drawn on top.
 *
 * <pre>{@code
 * Plots.contour("Rosenbrock", (x, y) -> Math.pow(1 - x, 2) + 100 * Math.pow(y - x * x, 2))
 *      .box(-2, 2, -1, 3).logLevels()
 *      .trajectory("SGD", sgdPoints).trajectory("Adam", adamPoints).show();
 * }</pre>
 * The function is evaluated at every pixel; contour lines are traced by marching squares. Each
 * trajectory starts at a hollow circle and ends at a filled one.
 */
public final class ContourPlot implements Plot {

    /** How much the band colours are blended with white, so that trajectories stand out. */
    static final double LIGHTEN = 0.35;

    /** Pixels between the grid nodes on which contour lines are traced. */
    private static final int LINE_GRID = 3;

    private record Trajectory(String name, double[] xs, double[] ys) {}

    private final String title;
    private final DoubleBinaryOperator f;
    private double x0 = -1;
    private double x1 = 1;
    private double y0 = -1;
    private double y1 = 1;
    private int levels = 12;
    private boolean log;
    private boolean lines = true;
    private boolean legend = true;
    private String xTitle = "x";
    private String yTitle = "y";
    private Theme theme = Theme.notebook();
    private final List<Trajectory> trajectories = new ArrayList<>();

    ContourPlot(String title, DoubleBinaryOperator f) {
        this.title = Args.notNull("title", title);
        this.f = Args.notNull("f", f);
    }

    /** The box [xMin, xMax] x [yMin, yMax] drawn (default [-1, 1] x [-1, 1]). */
    public ContourPlot box(double xMin, double xMax, double yMin, double yMax) {
        Args.finite("xMin", xMin);
        Args.finite("yMin", yMin);
        Args.check(Double.isFinite(xMax) && xMax > xMin, "xMax", "must be finite and > xMin (" + xMin + ")", xMax);
        Args.check(Double.isFinite(yMax) && yMax > yMin, "yMax", "must be finite and > yMin (" + yMin + ")", yMax);
        this.x0 = xMin;
        this.x1 = xMax;
        this.y0 = yMin;
        this.y1 = yMax;
        return this;
    }

    /** Number of colour bands (default 12). */
    public ContourPlot levels(int levels) {
        this.levels = Args.atLeast("levels", levels, 2);
        return this;
    }

    /**
     * Spaces the levels geometrically between the smallest positive and the largest value, for
     * functions such as Rosenbrock's whose valley spans decades; values <= 0 fall in the lowest band.
     */
    public ContourPlot logLevels() {
        this.log = true;
        return this;
    }

    /** Whether thin contour lines separate the bands (default true). */
    public ContourPlot lines(boolean draw) {
        this.lines = draw;
        return this;
    }

    /** Whether the legend of trajectories is drawn (default true; small multiples name each panel instead). */
    public ContourPlot legend(boolean draw) {
        this.legend = draw;
        return this;
    }

    /** Title of the x axis (default "x"). */
    public ContourPlot x(String axisTitle) {
        this.xTitle = Args.notNull("axisTitle", axisTitle);
        return this;
    }

    /** Title of the y axis (default "y"). */
    public ContourPlot y(String axisTitle) {
        this.yTitle = Args.notNull("axisTitle", axisTitle);
        return this;
    }

    /** Size, fonts and colours; default {@link Theme#notebook()}. */
    public ContourPlot theme(Theme theme) {
        this.theme = Args.notNull("theme", theme);
        return this;
    }

    /** Adds a trajectory given as points {@code {x, y}} in visiting order. */
    public ContourPlot trajectory(String name, double[][] points) {
        Args.notNull("points", points);
        double[] xs = new double[points.length];
        double[] ys = new double[points.length];
        for (int i = 0; i < points.length; i++) {
            Args.check(points[i] != null && points[i].length == 2, "points[" + i + "] of trajectory '" + name + "'",
                    "must be a pair {x, y}", points[i] == null ? "null" : points[i].length + " numbers");
            xs[i] = points[i][0];
            ys[i] = points[i][1];
        }
        return trajectory(name, xs, ys);
    }

    /** Adds a trajectory given as x and y coordinates in visiting order. */
    public ContourPlot trajectory(String name, double[] xs, double[] ys) {
        Args.notNull("name", name);
        Args.notNull("xs", xs);
        Args.notNull("ys", ys);
        Args.check(xs.length == ys.length, "ys of trajectory '" + name + "'",
                "must have as many values as xs (" + xs.length + ")", ys.length + " values");
        Args.check(xs.length > 0, "trajectory '" + name + "'", "must not be empty", "0 points");
        for (int i = 0; i < xs.length; i++) {
            Args.finite("x[" + i + "] of trajectory '" + name + "'", xs[i]);
            Args.finite("y[" + i + "] of trajectory '" + name + "'", ys[i]);
        }
        Args.check(trajectories.stream().noneMatch(t -> t.name.equals(name)), "name", "must be unique", name);
        trajectories.add(new Trajectory(name, xs.clone(), ys.clone()));
        return this;
    }

    /** The colour of trajectory {@code i} (the theme's palette, in order). */
    public Color trajectoryColor(int i) {
        return theme.color(i);
    }

    /** Renders the map to an image of the theme's size. */
    @Override
    public BufferedImage image() {
        Scale xs = new Scale(x0, x1, false);
        Scale ys = new Scale(y0, y1, false);
        // A first canvas only to learn the plot rectangle: the colour scale needs the sampled values.
        Rectangle p = new Canvas(theme, title, xTitle, Canvas.numericTicks(xs, 6), yTitle,
                Canvas.numericTicks(ys, 5), new Scale(0, 1, false), t -> Color.WHITE).plot();
        double[][] v = sample(p.width, p.height);
        Scale s = valueScale(v);
        DoubleFunction<Color> bands = t -> ColorMap.lighten(
                ColorMap.viridis((Math.min(levels - 1, Math.floor(t * levels)) + 0.5) / levels), LIGHTEN);
        Canvas c = new Canvas(theme, title, xTitle, Canvas.numericTicks(xs, 6), yTitle,
                Canvas.numericTicks(ys, 5), s, bands);
        if (!c.plot().getSize().equals(p.getSize())) {
            // The colour bar's labels changed the plot's width: sample again, keep the scale (values are
            // clamped to it, and the range of a smooth function hardly moves by a pixel's shift).
            p = c.plot();
            v = sample(p.width, p.height);
        }
        Graphics2D g = c.graphics();
        BufferedImage image = new BufferedImage(p.width, p.height, BufferedImage.TYPE_INT_RGB);
        for (int j = 0; j < p.height; j++) {
            for (int i = 0; i < p.width; i++) {
                image.setRGB(i, j, bands.apply(position(s, v[j][i])).getRGB());
            }
        }
        g.drawImage(image, p.x, p.y, null);
        g.setClip(p);
        if (lines) {
            drawLines(g, p, v, s);
        }
        drawTrajectories(g, c, xs, ys);
        g.setClip(null);
        if (legend) {
            drawLegend(g, p);
        }
        return c.finish();
    }

    /** f at the centre of every pixel of a w x h plot; row 0 is the top (largest y). */
    private double[][] sample(int w, int h) {
        double[][] v = new double[h][w];
        for (int j = 0; j < h; j++) {
            double y = y1 - (j + 0.5) / h * (y1 - y0);
            for (int i = 0; i < w; i++) {
                v[j][i] = f.applyAsDouble(x0 + (i + 0.5) / w * (x1 - x0), y);
            }
        }
        return v;
    }

    private Scale valueScale(double[][] v) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double[] row : v) {
            for (double x : row) {
                if (Double.isFinite(x) && (!log || x > 0)) {
                    lo = Math.min(lo, x);
                    hi = Math.max(hi, x);
                }
            }
        }
        Args.check(lo <= hi, "f", log ? "must have positive finite values in the box for logLevels()"
                : "must have finite values in the box", "none");
        return new Scale(lo, hi, log);
    }

    private double position(Scale s, double v) {
        if (Double.isNaN(v)) {
            return 1;
        }
        if (log && v <= 0) {
            return 0;
        }
        return Math.min(1, Math.max(0, s.position(v)));
    }

    /** Marching squares on a grid of every LINE_GRID-th pixel, one pass per level boundary. */
    private void drawLines(Graphics2D g, Rectangle p, double[][] v, Scale s) {
        g.setColor(new Color(40, 40, 40, 70));
        g.setStroke(new BasicStroke(0.8f));
        int nx = (p.width - 1) / LINE_GRID + 1;
        int ny = (p.height - 1) / LINE_GRID + 1;
        double[][] t = new double[ny][nx];
        for (int j = 0; j < ny; j++) {
            for (int i = 0; i < nx; i++) {
                t[j][i] = position(s, v[j * LINE_GRID][i * LINE_GRID]);
            }
        }
        Path2D.Double path = new Path2D.Double();
        for (int k = 1; k < levels; k++) {
            double level = k / (double) levels;
            for (int j = 0; j + 1 < ny; j++) {
                for (int i = 0; i + 1 < nx; i++) {
                    cell(path, p, i, j, t[j][i], t[j][i + 1], t[j + 1][i + 1], t[j + 1][i], level);
                }
            }
        }
        g.draw(path);
    }

    /** Adds the contour segments of one grid cell (corners a top-left, b top-right, c bottom-right, d bottom-left). */
    private static void cell(Path2D.Double path, Rectangle p, int i, int j,
            double a, double b, double c, double d, double level) {
        double[][] cross = new double[4][];
        cross[0] = crossing(i, j, i + 1, j, a, b, level);          // top edge
        cross[1] = crossing(i + 1, j, i + 1, j + 1, b, c, level);  // right edge
        cross[2] = crossing(i + 1, j + 1, i, j + 1, c, d, level);  // bottom edge
        cross[3] = crossing(i, j + 1, i, j, d, a, level);          // left edge
        List<double[]> found = new ArrayList<>(4);
        for (double[] x : cross) {
            if (x != null) {
                found.add(x);
            }
        }
        if (found.size() == 2) {
            segment(path, p, found.get(0), found.get(1));
        } else if (found.size() == 4) {
            // A saddle: the centre value decides which opposite corners are joined.
            boolean centreWithA = ((a + b + c + d) / 4 < level) == (a < level);
            if (centreWithA) {
                segment(path, p, cross[0], cross[1]);
                segment(path, p, cross[2], cross[3]);
            } else {
                segment(path, p, cross[0], cross[3]);
                segment(path, p, cross[1], cross[2]);
            }
        }
    }

    private static double[] crossing(int i1, int j1, int i2, int j2, double v1, double v2, double level) {
        if ((v1 < level) == (v2 < level)) {
            return null;
        }
        double f = (level - v1) / (v2 - v1);
        return new double[] {i1 + f * (i2 - i1), j1 + f * (j2 - j1)};
    }

    private static void segment(Path2D.Double path, Rectangle p, double[] u, double[] w) {
        path.moveTo(p.x + 0.5 + u[0] * LINE_GRID, p.y + 0.5 + u[1] * LINE_GRID);
        path.lineTo(p.x + 0.5 + w[0] * LINE_GRID, p.y + 0.5 + w[1] * LINE_GRID);
    }

    private void drawTrajectories(Graphics2D g, Canvas c, Scale xs, Scale ys) {
        float width = theme.lineWidth();
        double r = width * 2.2;
        for (int k = 0; k < trajectories.size(); k++) {
            Trajectory t = trajectories.get(k);
            Path2D.Double path = new Path2D.Double();
            for (int i = 0; i < t.xs.length; i++) {
                double px = c.px(xs.position(t.xs[i]));
                double py = c.py(ys.position(t.ys[i]));
                if (i == 0) {
                    path.moveTo(px, py);
                } else {
                    path.lineTo(px, py);
                }
            }
            // A white halo under the line keeps it readable on dark and light bands alike.
            g.setColor(new Color(255, 255, 255, 200));
            g.setStroke(new BasicStroke(width + 2.5f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
            g.draw(path);
            Color color = theme.color(k);
            g.setColor(color);
            g.setStroke(new BasicStroke(width, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
            g.draw(path);
            int last = t.xs.length - 1;
            var start = new Ellipse2D.Double(c.px(xs.position(t.xs[0])) - r, c.py(ys.position(t.ys[0])) - r, 2 * r, 2 * r);
            var end = new Ellipse2D.Double(c.px(xs.position(t.xs[last])) - r,
                    c.py(ys.position(t.ys[last])) - r, 2 * r, 2 * r);
            g.setColor(Color.WHITE);
            g.fill(start);
            g.setColor(color);
            g.setStroke(new BasicStroke(width));
            g.draw(start);
            g.fill(end);
            g.setColor(Color.WHITE);
            g.setStroke(new BasicStroke(1.2f));
            g.draw(end);
        }
    }

    private void drawLegend(Graphics2D g, Rectangle p) {
        if (trajectories.isEmpty()) {
            return;
        }
        g.setFont(theme.smallFont());
        FontMetrics fm = g.getFontMetrics();
        int line = fm.getHeight();
        int swatch = line * 2;
        String note = "\u25CB start   \u25CF end";
        int textWidth = fm.stringWidth(note);
        for (Trajectory t : trajectories) {
            textWidth = Math.max(textWidth, swatch + 6 + fm.stringWidth(t.name));
        }
        int w = textWidth + 16;
        int h = line * (trajectories.size() + 1) + 10;
        int x = p.x + p.width - w - 8;
        int y = p.y + 8;
        g.setColor(new Color(255, 255, 255, 225));
        g.fill(new Rectangle2D.Double(x, y, w, h));
        g.setColor(Theme.GRID);
        g.setStroke(new BasicStroke(1f));
        g.draw(new Rectangle2D.Double(x, y, w, h));
        for (int k = 0; k < trajectories.size(); k++) {
            int base = y + 5 + line * k + fm.getAscent();
            double mid = base - fm.getAscent() / 2.0 + 1;
            g.setColor(theme.color(k));
            g.setStroke(new BasicStroke(theme.lineWidth()));
            g.draw(new Line2D.Double(x + 8, mid, x + 8 + swatch, mid));
            g.setColor(Theme.INK);
            g.drawString(trajectories.get(k).name, x + 14 + swatch, base);
        }
        g.setColor(Theme.MARKER);
        g.drawString(note, x + 8, y + 5 + line * trajectories.size() + fm.getAscent());
    }
}
