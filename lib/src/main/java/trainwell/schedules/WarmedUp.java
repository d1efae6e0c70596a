package trainwell.schedules;

import java.util.ArrayList;
import java.util.List;
import trainwell.core.Args;

/** A warmup followed by a schedule that sees the shifted step {@code k - warmup.steps()}; see {@link Warmup}. */
public record WarmedUp(Warmup warmup, Schedule schedule) implements Schedule {

    /** Checks the arguments. */
    public WarmedUp {
        Args.notNull("warmup", warmup);
        Args.notNull("schedule", schedule);
    }

    @Override
    public double at(int step) {
        Args.nonNegative("step", step);
        return step < warmup.steps() ? warmup.at(step, schedule.at(0)) : schedule.at(step - warmup.steps());
    }

    /** The end of warmup, then the wrapped schedule's events shifted by the warmup length. */
    @Override
    public List<Integer> events(int steps) {
        Args.nonNegative("steps", steps);
        List<Integer> out = new ArrayList<>();
        int w = warmup.steps();
        if (w < steps) {
            out.add(w);
            for (int e : schedule.events(steps - w)) {
                out.add(e + w);
            }
        }
        return List.copyOf(out);
    }

    @Override
    public String toString() {
        return warmup + ", then " + schedule;
    }
}
