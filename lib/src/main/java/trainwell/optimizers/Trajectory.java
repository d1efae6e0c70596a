package trainwell.optimizers;

import java.util.List;
import java.util.OptionalInt;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;
import trainwell.core.Args;

/**
 * The path of one optimizer on a 2-D surface: the start point and the point after every step, the loss at
 * each, and whether the run stopped early because it diverged.
 *
 * @param name the optimizer's legend name
 * @param points the start point followed by one point per step taken
 * @param losses the loss at each point
 * @param diverged true when the run stopped because the loss became NaN, infinite or exploded
 */
public record Trajectory(String name, List<Point> points, List<Double> losses, boolean diverged) {

    /** Copies the lists and checks they are non-empty and of equal length. */
    public Trajectory {
        Args.notNull("name", name);
        points = List.copyOf(Args.notNull("points", points));
        losses = List.copyOf(Args.notNull("losses", losses));
        Args.check(!points.isEmpty(), "points", "must hold at least the start point", points);
        Args.check(losses.size() == points.size(), "losses.size()",
                "must equal points.size() (" + points.size() + ")", losses.size());
    }

    /** The number of steps recorded (one less than the number of points). */
    public int steps() {
        return points.size() - 1;
    }

    /** The last {@code points} points of the run (its last points - 1 steps), e.g. to show where it settled. */
    public Trajectory tail(int points) {
        Args.check(points >= 1 && points <= this.points.size(), "points",
                "must be in [1, " + this.points.size() + "]", points);
        int from = this.points.size() - points;
        return new Trajectory(name, this.points.subList(from, this.points.size()),
                losses.subList(from, losses.size()), diverged);
    }

    /** The last point reached. */
    public Point end() {
        return points.get(points.size() - 1);
    }

    /** The loss at the last point. */
    public double finalLoss() {
        return losses.get(losses.size() - 1);
    }

    /** The x coordinates, for a chart series. */
    public double[] xs() {
        return points.stream().mapToDouble(Point::x).toArray();
    }

    /** The y coordinates, for a chart series. */
    public double[] ys() {
        return points.stream().mapToDouble(Point::y).toArray();
    }

    /** The losses as an array, for a chart series. */
    public double[] lossArray() {
        return losses.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** The first step after which the loss is below {@code loss} (0 for the start), or empty if never. */
    public OptionalInt firstStepBelow(double loss) {
        for (int k = 0; k < losses.size(); k++) {
            if (losses.get(k) < loss) {
                return OptionalInt.of(k);
            }
        }
        return OptionalInt.empty();
    }

    /** A table with columns step, x, y, loss (one row per point), named after the optimizer. */
    public Table toTable() {
        return Table.create(name,
                IntColumn.indexColumn("step", points.size(), 0),
                DoubleColumn.create("x", xs()),
                DoubleColumn.create("y", ys()),
                DoubleColumn.create("loss", lossArray()));
    }
}
