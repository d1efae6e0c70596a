package trainwell.optimizers;

import java.util.Optional;

/** A 2-D loss surface f(x, y) with its analytic gradient, for drawing optimizer trajectories. */
public interface Surface {

    /** A short name for titles, e.g. "Rosenbrock". */
    String name();

    /** The loss f(x, y). */
    double value(double x, double y);

    /** The exact gradient (df/dx, df/dy). */
    double[] gradient(double x, double y);

    /** A suggested region for contour plots, containing the minimum and the start point. */
    Box box();

    /** A classic starting point for pictures of this surface. */
    Point start();

    /** The global minimum, or empty when the surface has none (a saddle is unbounded below). */
    Optional<Point> minimum();

    /** The loss at a point. */
    default double value(Point p) {
        return value(p.x(), p.y());
    }

    /**
     * A fresh source of the gradients an optimizer sees during one run: the exact gradient here; a seeded
     * noisy estimate on a noisy surface, restarting the same noise sequence each time it is called.
     */
    default GradientSource gradientSource() {
        return this::gradient;
    }

    /** Gives the gradient the optimizer sees at a point (exact, or a noisy mini-batch estimate). */
    @FunctionalInterface
    interface GradientSource {

        /** The gradient (df/dx, df/dy) as seen at (x, y). */
        double[] gradient(double x, double y);
    }
}
