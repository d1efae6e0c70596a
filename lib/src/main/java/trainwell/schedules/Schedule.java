package trainwell.schedules;

import ai.djl.training.tracker.Tracker;
import java.util.List;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;
import trainwell.core.Args;

/**
 * A learning-rate schedule: a pure function from the optimizer step to the learning rate.
 *
 * <p>Steps count from 0: {@code at(0)} is the rate used by the first update, {@code at(k)} by the
 * (k+1)-th. This matches PyTorch, where the rate of the first {@code optimizer.step()} is the one
 * set before any {@code scheduler.step()} call.
 *
 * <p>Every schedule in this package is an immutable value whose {@code toString()} reads as a plot
 * legend; build them with {@link Schedules}. A lambda is a schedule too ({@code k -> 1e-3}); give it
 * a legend with {@link #named(String)}.
 */
@FunctionalInterface
public interface Schedule {

    /** The learning rate of step {@code step} (0-based). */
    double at(int step);

    /**
     * Steps where something happens that a plot should mark (a restart, the end of warmup, a decay
     * step, a peak), ascending and below {@code steps}; empty when the schedule is smooth.
     */
    default List<Integer> events(int steps) {
        Args.nonNegative("steps", steps);
        return List.of();
    }

    /** The rates of steps 0 .. steps-1. */
    default double[] sample(int steps) {
        Args.nonNegative("steps", steps);
        double[] lr = new double[steps];
        for (int k = 0; k < steps; k++) {
            lr[k] = at(k);
        }
        return lr;
    }

    /** A table with columns {@code step} and {@code lr} for steps 0 .. steps-1, named by {@code toString()}. */
    default Table table(int steps) {
        double[] lr = sample(steps);
        int[] step = new int[steps];
        for (int k = 0; k < steps; k++) {
            step[k] = k;
        }
        return Table.create(toString(), IntColumn.create("step", step), DoubleColumn.create("lr", lr));
    }

    /** This schedule after {@code steps} steps of linear warmup; see {@link Warmup} for what it sees. */
    default Schedule withLinearWarmup(int steps) {
        return Schedules.linearWarmup(steps).then(this);
    }

    /** This schedule after {@code steps} steps at {@code factor} times its first rate; see {@link Warmup}. */
    default Schedule withConstantWarmup(int steps, double factor) {
        return Schedules.constantWarmup(steps, factor).then(this);
    }

    /** This schedule with every rate multiplied by {@code factor}. */
    default Schedule scaledBy(double factor) {
        return new Scaled(this, factor);
    }

    /** This schedule with {@code legend} as its {@code toString()} (for plots of lambdas). */
    default Schedule named(String legend) {
        return new Named(this, legend);
    }

    /**
     * This schedule as a DJL {@link Tracker}, for {@code Optimizer.sgd().setLearningRateTracker(...)} or
     * {@code Optimizer.adam().optLearningRateTracker(...)}. DJL counts updates from 1, so
     * {@code getNewValue(n)} returns {@code at(n - 1)}; see {@link ScheduleTracker}.
     */
    default Tracker asTracker() {
        return new ScheduleTracker(this);
    }
}
