package trainwell.schedules;

import java.util.List;
import trainwell.core.Args;

/**
 * Half a cosine from {@code peak} at step 0 down to {@code min} at step {@code steps}, then {@code min}
 * for ever: the decay part of the GPT-style recipe. Equals {@link CosineAnnealing} up to {@code steps}.
 */
public record CosineDecay(double peak, double min, int steps) implements Schedule {

    /** Checks the arguments. */
    public CosineDecay {
        Args.nonNegative("peak", peak);
        Args.nonNegative("min", min);
        Args.positive("steps", steps);
    }

    @Override
    public double at(int step) {
        Args.nonNegative("step", step);
        if (step >= steps) {
            return min;
        }
        return min + (peak - min) * (1 + Math.cos(Math.PI * step / steps)) / 2;
    }

    /** The step where the rate reaches its floor. */
    @Override
    public List<Integer> events(int steps) {
        return Events.single(this.steps, steps);
    }

    @Override
    public String toString() {
        return "cosine " + Fmt.num(peak) + " -> " + Fmt.num(min) + " over " + steps;
    }
}
