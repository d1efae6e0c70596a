package trainwell.optimizers;

/** A point (x, y) of a 2-D surface. */
public record Point(double x, double y) {

    /** The point (x, y). */
    public static Point of(double x, double y) {
        return new Point(x, y);
    }

    /** The point as the two-entry parameter vector an optimizer updates. */
    public double[] toArray() {
        return new double[] {x, y};
    }

    /** The Euclidean distance to another point. */
    public double distanceTo(Point other) {
        return Math.hypot(x - other.x, y - other.y);
    }
}
