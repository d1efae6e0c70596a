package trainwell.experiments;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import trainwell.core.Args;
import trainwell.core.Language;
import trainwell.optimizers.Box;
import trainwell.optimizers.Surface;
import trainwell.optimizers.Trajectory;
import trainwell.plots.ContourPlot;
import trainwell.plots.LinePlot;
import trainwell.plots.Plots;

/**
 * Pictures and tables of several optimizers' trajectories on one surface: the contour map with every path,
 * the loss curves, and how many steps each needed to reach a tolerance, e.g.
 * {@code Trajectories.contour(surface, runs).show()}.
 */
public final class Trajectories {

    private Trajectories() {}

    /** A contour map of the surface over its suggested box, titled with its name, with every trajectory on it. */
    public static ContourPlot contour(Surface surface, List<Trajectory> trajectories) {
        Args.notNull("surface", surface);
        return contour(surface.name(), surface, trajectories);
    }

    /** A contour map of the surface over its suggested box, with every trajectory on it (refine it further, e.g. logLevels()). */
    public static ContourPlot contour(String title, Surface surface, List<Trajectory> trajectories) {
        Args.notNull("surface", surface);
        Box b = surface.box();
        ContourPlot plot = Plots.contour(title, surface::value).box(b.xMin(), b.xMax(), b.yMin(), b.yMax());
        List<String> labels = labels(trajectories);
        for (int i = 0; i < trajectories.size(); i++) {
            plot.trajectory(labels.get(i), trajectories.get(i).xs(), trajectories.get(i).ys());
        }
        return plot;
    }

    /** Small multiples: one contour map per trajectory, same surface and levels, so no path hides another. */
    public static TrajectoryPanels panels(String title, Surface surface, List<Trajectory> trajectories) {
        return new TrajectoryPanels(title, surface, trajectories);
    }

    /**
     * The loss against the step, one curve per trajectory, on a log axis; a loss of exactly 0 (a minimum hit
     * exactly) has no place on a log axis and shows as a gap.
     */
    public static LinePlot losses(String title, List<Trajectory> trajectories) {
        LinePlot plot = Plots.line(title).y("loss").logY();
        List<String> labels = labels(trajectories);
        for (int i = 0; i < trajectories.size(); i++) {
            double[] loss = trajectories.get(i).lossArray();
            for (int k = 0; k < loss.length; k++) {
                if (!(loss[k] > 0)) {
                    loss[k] = Double.NaN;
                }
            }
            plot.series(labels.get(i), loss);
        }
        return plot;
    }

    /**
     * One row per trajectory: its name, the first step whose loss is below {@code tolerance} (missing if never),
     * the final loss, and the outcome: "reached", "not reached" or "diverged".
     */
    public static Table stepsTo(double tolerance, List<Trajectory> trajectories) {
        Args.positive("tolerance", tolerance);
        List<String> labels = labels(trajectories);
        StringColumn name = StringColumn.create("optimizer");
        IntColumn steps = IntColumn.create("steps to loss < " + tolerance);
        DoubleColumn last = DoubleColumn.create("final loss");
        StringColumn outcome = StringColumn.create("outcome");
        for (int i = 0; i < trajectories.size(); i++) {
            Trajectory t = trajectories.get(i);
            OptionalInt reached = t.firstStepBelow(tolerance);
            name.append(labels.get(i));
            if (reached.isPresent()) {
                steps.append(reached.getAsInt());
            } else {
                steps.appendMissing();
            }
            last.append(t.finalLoss());
            outcome.append(t.diverged() ? "diverged" : reached.isPresent() ? "reached" : "not reached");
        }
        return Table.create(Language.format("steps to loss < %s", "损失降到 %s 以下所需的步数", tolerance), name, steps,
                last, outcome);
    }

    /** Legend labels: the trajectory's name, "(diverged)" when it blew up, and " #2", " #3" for repeated names. */
    private static List<String> labels(List<Trajectory> trajectories) {
        Args.notNull("trajectories", trajectories);
        Args.check(!trajectories.isEmpty(), "trajectories", "must not be empty", "none");
        Map<String, Integer> seen = new HashMap<>();
        return trajectories.stream().map(t -> {
            Args.notNull("trajectory", t);
            String label = t.diverged() ? t.name() + Language.text(" (diverged)", "（发散）") : t.name();
            int n = seen.merge(label, 1, Integer::sum);
            return n == 1 ? label : label + " #" + n;
        }).toList();
    }
}
