package trainwell.schedules;

import java.util.List;
import trainwell.core.Args;

/** A schedule with a given legend as its {@code toString()}; the rates are unchanged. */
public record Named(Schedule schedule, String legend) implements Schedule {

    /** Checks the arguments. */
    public Named {
        Args.notNull("schedule", schedule);
        Args.notNull("legend", legend);
    }

    @Override
    public double at(int step) {
        return schedule.at(step);
    }

    @Override
    public List<Integer> events(int steps) {
        return schedule.events(steps);
    }

    @Override
    public String toString() {
        return legend;
    }
}
