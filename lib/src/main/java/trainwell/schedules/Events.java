package trainwell.schedules;

import java.util.ArrayList;
import java.util.List;
import trainwell.core.Args;

/** Event lists shared by several schedules (the steps a plot marks). */
final class Events {

    private Events() {}

    /** {@code step} alone if it lies below {@code steps}, else nothing. */
    static List<Integer> single(int step, int steps) {
        Args.nonNegative("steps", steps);
        return step < steps ? List.of(step) : List.of();
    }

    /** The positive multiples of {@code period} below {@code steps}. */
    static List<Integer> multiples(int period, int steps) {
        Args.nonNegative("steps", steps);
        List<Integer> out = new ArrayList<>();
        for (long s = period; s < steps; s += period) {
            out.add((int) s);
        }
        return List.copyOf(out);
    }
}
