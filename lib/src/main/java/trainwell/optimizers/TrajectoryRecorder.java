package trainwell.optimizers;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import trainwell.core.Args;

/**
 * Runs optimizers on a 2-D surface and records their trajectories, e.g.
 * {@code TrajectoryRecorder.on(Surfaces.rosenbrock()).from(-1.5, 2).steps(500).record(Optimizers.adam(0.05))}.
 *
 * <p>A run stops early, flagged as diverged, when a coordinate or the loss becomes NaN or infinite, or when
 * the loss grows beyond {@code explosionFactor} times max(1, |initial loss|); the offending point is not
 * recorded, so every recorded value is finite and plottable.
 *
 * @param surface the surface to descend
 * @param start the start point
 * @param steps the number of steps to take
 * @param explosionFactor how many times the initial loss (at least 1) counts as having exploded
 */
public record TrajectoryRecorder(Surface surface, Point start, int steps, double explosionFactor) {

    /** Checks the surface and start are given, steps >= 0 and the explosion factor > 1. */
    public TrajectoryRecorder {
        Args.notNull("surface", surface);
        Args.notNull("start", start);
        Args.finite("start.x", start.x());
        Args.finite("start.y", start.y());
        Args.nonNegative("steps", steps);
        Args.check(explosionFactor > 1 && !Double.isInfinite(explosionFactor), "explosionFactor",
                "must be finite and > 1", explosionFactor);
    }

    /** A recorder on {@code surface} from its classic start point, for 100 steps, explosion at 1e6 times. */
    public static TrajectoryRecorder on(Surface surface) {
        Args.notNull("surface", surface);
        return new TrajectoryRecorder(surface, surface.start(), 100, 1e6);
    }

    /** A copy that starts at (x, y). */
    public TrajectoryRecorder from(double x, double y) {
        return new TrajectoryRecorder(surface, new Point(x, y), steps, explosionFactor);
    }

    /** A copy that takes {@code steps} steps. */
    public TrajectoryRecorder steps(int steps) {
        return new TrajectoryRecorder(surface, start, steps, explosionFactor);
    }

    /** A copy that counts a loss beyond {@code factor} times max(1, |initial loss|) as divergence. */
    public TrajectoryRecorder explosionFactor(double factor) {
        return new TrajectoryRecorder(surface, start, steps, factor);
    }

    /**
     * Resets the optimizer, runs it from the start point and returns its trajectory: the parameter vector
     * after each step (for schedule-free AdamW that is y, where gradients are taken; see
     * {@link #recordSequences}).
     */
    public Trajectory record(Optimizer optimizer) {
        Args.notNull("optimizer", optimizer);
        return run(optimizer, List.of(optimizer.name()), p -> List.of(p)).get(0);
    }

    /**
     * Schedule-free AdamW's three sequences from one run, named "... x", "... y" and "... z": x the running
     * average (the answer), y where the gradients are taken (the parameter vector, what {@link #record}
     * records), z the base sequence that takes the AdamW-like steps. All three stop at the first step at which
     * one of them diverges.
     */
    public List<Trajectory> recordSequences(ScheduleFreeAdam optimizer) {
        Args.notNull("optimizer", optimizer);
        String name = optimizer.name();
        return run(optimizer, List.of(name + " x", name + " y", name + " z"),
                p -> List.of(optimizer.x(), p, optimizer.z()));
    }

    /** Runs {@code optimizer} and records, after each step, the points {@code view} takes from it and its parameters. */
    private List<Trajectory> run(Optimizer optimizer, List<String> names, Function<double[], List<double[]>> view) {
        optimizer.reset();
        Surface.GradientSource gradients = surface.gradientSource();
        double[] p = start.toArray();
        double initialLoss = surface.value(start);
        double limit = explosionFactor * Math.max(1, Math.abs(initialLoss));
        List<List<Point>> points = new ArrayList<>();
        List<List<Double>> losses = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            points.add(new ArrayList<>(List.of(start)));
            losses.add(new ArrayList<>(List.of(initialLoss)));
        }
        boolean diverged = false;
        for (int k = 0; k < steps && !diverged; k++) {
            optimizer.step(p, gradients.gradient(p[0], p[1]));
            List<double[]> now = view.apply(p);
            double[] loss = new double[now.size()];
            for (int i = 0; i < now.size() && !diverged; i++) {
                double[] q = now.get(i);
                loss[i] = surface.value(q[0], q[1]);
                diverged = !Double.isFinite(q[0]) || !Double.isFinite(q[1]) || !Double.isFinite(loss[i])
                        || Math.abs(loss[i]) > limit;
            }
            for (int i = 0; i < now.size() && !diverged; i++) {
                points.get(i).add(new Point(now.get(i)[0], now.get(i)[1]));
                losses.get(i).add(loss[i]);
            }
        }
        List<Trajectory> out = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            out.add(new Trajectory(names.get(i), points.get(i), losses.get(i), diverged));
        }
        return List.copyOf(out);
    }

    /** The trajectories of several optimizers from the same start, for one picture. */
    public List<Trajectory> recordAll(Optimizer... optimizers) {
        Args.notNull("optimizers", optimizers);
        List<Trajectory> out = new ArrayList<>();
        for (Optimizer optimizer : optimizers) {
            out.add(record(optimizer));
        }
        return List.copyOf(out);
    }
}
