package trainwell.schedules;

import ai.djl.training.tracker.Tracker;
import trainwell.core.Args;

/**
 * A {@link Schedule} seen through DJL's {@link Tracker} interface.
 *
 * <p>Step mapping: DJL 0.36's {@code Sgd}, {@code Adam} and {@code AdamW} call
 * {@code getNewValue(parameterId, n)} with the parameter's update count {@code n}, which
 * {@code Optimizer.updateCount} starts at {@code beginNumUpdate + 1 = 1} for the first update.
 * Our steps start at 0, so {@code getNewValue(n)} returns {@code schedule.at(n - 1)}: the first
 * update uses {@code at(0)}, exactly as in PyTorch. {@code n = 0} (which DJL's optimizers never
 * pass, but plotting loops written for DJL trackers often do) also maps to step 0.
 */
public record ScheduleTracker(Schedule schedule) implements Tracker {

    /** Checks the argument. */
    public ScheduleTracker {
        Args.notNull("schedule", schedule);
    }

    /** The rate of DJL update number {@code numUpdate} (1-based): {@code schedule.at(numUpdate - 1)}. */
    @Override
    public float getNewValue(int numUpdate) {
        Args.nonNegative("numUpdate", numUpdate);
        return (float) schedule.at(Math.max(0, numUpdate - 1));
    }

    @Override
    public String toString() {
        return schedule.toString();
    }
}
