package trainwell.optimizers;

import trainwell.core.Args;

/** A rectangle [xMin, xMax] x [yMin, yMax], e.g. the region to draw a surface's contours in. */
public record Box(double xMin, double xMax, double yMin, double yMax) {

    /** Checks the bounds are finite and each minimum is below its maximum. */
    public Box {
        Args.finite("xMin", xMin);
        Args.finite("yMin", yMin);
        Args.check(Double.isFinite(xMax) && xMax > xMin, "xMax", "must be finite and > xMin (" + xMin + ")", xMax);
        Args.check(Double.isFinite(yMax) && yMax > yMin, "yMax", "must be finite and > yMin (" + yMin + ")", yMax);
    }

    /** True when the point lies inside the box or on its border. */
    public boolean contains(Point p) {
        return p.x() >= xMin && p.x() <= xMax && p.y() >= yMin && p.y() <= yMax;
    }
}
