package trainwell.experiments;

import java.awt.Color;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import trainwell.core.Args;
import trainwell.core.Language;
import trainwell.optimizers.Box;
import trainwell.optimizers.Surface;
import trainwell.optimizers.Trajectory;
import trainwell.plots.ContourPlot;
import trainwell.plots.Plot;
import trainwell.plots.Plots;
import trainwell.plots.Theme;

/**
 * Small multiples: one contour map per trajectory, side by side on the same surface, box and colour levels,
 * so that no path hides another (on one map, paths that follow the same valley floor cover each other).
 * Each panel keeps the trajectory's colour of the one-map picture.
 *
 * <pre>{@code
 * Trajectories.panels("Rosenbrock, 3000 steps", Surfaces.rosenbrock(), runs).columns(4).logLevels().show();
 * }</pre>
 */
public final class TrajectoryPanels implements Plot {

    private final String title;
    private final Surface surface;
    private final List<Trajectory> trajectories;
    private int columns = 3;
    private int panelWidth = 330;
    private int panelHeight = 280;
    private boolean log;
    private int levels = 10;
    private Box box;
    private final Theme theme = Theme.notebook();

    TrajectoryPanels(String title, Surface surface, List<Trajectory> trajectories) {
        this.title = Args.notNull("title", title);
        this.surface = Args.notNull("surface", surface);
        Args.notNull("trajectories", trajectories);
        Args.check(!trajectories.isEmpty(), "trajectories", "must not be empty", "none");
        this.trajectories = List.copyOf(trajectories);
        this.box = surface.box();
    }

    /** Panels per row (default 3). */
    public TrajectoryPanels columns(int columns) {
        this.columns = Args.positive("columns", columns);
        return this;
    }

    /** The size of one panel in pixels (default 330 x 280). */
    public TrajectoryPanels panelSize(int width, int height) {
        this.panelWidth = Args.atLeast("width", width, 160);
        this.panelHeight = Args.atLeast("height", height, 140);
        return this;
    }

    /** Geometrically spaced colour levels, for surfaces whose values span decades. */
    public TrajectoryPanels logLevels() {
        this.log = true;
        return this;
    }

    /** Number of colour bands per panel (default 10). */
    public TrajectoryPanels levels(int levels) {
        this.levels = Args.atLeast("levels", levels, 2);
        return this;
    }

    /** The region drawn in every panel (default: the surface's suggested box). */
    public TrajectoryPanels box(double xMin, double xMax, double yMin, double yMax) {
        Args.check(Double.isFinite(xMin) && Double.isFinite(xMax) && xMax > xMin, "xMax",
                "must be finite and > xMin (" + xMin + ")", xMax);
        Args.check(Double.isFinite(yMin) && Double.isFinite(yMax) && yMax > yMin, "yMax",
                "must be finite and > yMin (" + yMin + ")", yMax);
        this.box = new Box(xMin, xMax, yMin, yMax);
        return this;
    }

    /** The number of panels (one per trajectory). */
    public int panels() {
        return trajectories.size();
    }

    /** The contour map of panel {@code i} alone: trajectory i in its own colour. */
    public ContourPlot panel(int i) {
        Args.check(i >= 0 && i < trajectories.size(), "i", "must be in [0, " + trajectories.size() + ")", i);
        Trajectory t = trajectories.get(i);
        Theme small = new Theme(panelWidth, panelHeight, 11f, List.of(theme.color(i)));
        String label = t.diverged() ? t.name() + Language.text(" (diverged)", "（发散）") : t.name();
        ContourPlot plot = Plots.contour(label, surface::value).box(box.xMin(), box.xMax(), box.yMin(), box.yMax())
                .levels(levels).theme(small).legend(false);
        if (log) {
            plot.logLevels();
        }
        // Points outside the box are clamped to its edge, so a path that leaves the picture still shows where.
        double[] xs = t.xs();
        double[] ys = t.ys();
        double[] cx = new double[xs.length];
        double[] cy = new double[ys.length];
        for (int k = 0; k < xs.length; k++) {
            cx[k] = clamp(xs[k], box.xMin(), box.xMax());
            cy[k] = clamp(ys[k], box.yMin(), box.yMax());
        }
        return plot.trajectory(label, cx, cy);
    }

    @Override
    public BufferedImage image() {
        int n = trajectories.size();
        int cols = Math.min(columns, n);
        int rows = (n + cols - 1) / cols;
        int header = 34;
        BufferedImage image = new BufferedImage(cols * panelWidth, header + rows * panelHeight, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, image.getWidth(), image.getHeight());
        g.setColor(Theme.INK);
        g.setFont(theme.titleFont());
        FontMetrics fm = g.getFontMetrics();
        g.drawString(title, Math.max(4, (image.getWidth() - fm.stringWidth(title)) / 2), 8 + fm.getAscent());
        List<BufferedImage> images = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            images.add(panel(i).image());
        }
        for (int i = 0; i < n; i++) {
            g.drawImage(images.get(i), (i % cols) * panelWidth, header + (i / cols) * panelHeight, null);
        }
        g.dispose();
        return image;
    }

    private static double clamp(double v, double lo, double hi) {
        return Math.max(lo, Math.min(hi, v));
    }
}
