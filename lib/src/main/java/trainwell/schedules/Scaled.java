package trainwell.schedules;

import java.util.List;
import trainwell.core.Args;

/** A schedule with every rate multiplied by a constant factor (e.g. the Transformer schedule's scale). */
public record Scaled(Schedule schedule, double factor) implements Schedule {

    /** Checks the arguments. */
    public Scaled {
        Args.notNull("schedule", schedule);
        Args.positive("factor", factor);
    }

    @Override
    public double at(int step) {
        return factor * schedule.at(step);
    }

    @Override
    public List<Integer> events(int steps) {
        return schedule.events(steps);
    }

    @Override
    public String toString() {
        return Fmt.num(factor) + " x " + schedule;
    }
}
