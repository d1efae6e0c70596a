package trainwell.schedules;

import java.util.List;
import trainwell.core.Args;

/**
 * PyTorch's {@code LinearLR}: the factor on {@code lr} moves linearly from {@code startFactor} at
 * step 0 to {@code endFactor} at step {@code totalSteps} (0-based) and stays there:
 * {@code lr * (start + (end - start) * min(step, totalSteps) / totalSteps)}.
 * Unlike PyTorch, factors above 1 and a start factor of 0 are allowed (the formula is closed-form here).
 */
public record LinearSchedule(double lr, double startFactor, double endFactor, int totalSteps) implements Schedule {

    /** Checks the arguments. */
    public LinearSchedule {
        Args.nonNegative("lr", lr);
        Args.nonNegative("startFactor", startFactor);
        Args.nonNegative("endFactor", endFactor);
        Args.positive("totalSteps", totalSteps);
    }

    @Override
    public double at(int step) {
        Args.nonNegative("step", step);
        return lr * (startFactor + (endFactor - startFactor) * Math.min(totalSteps, step) / totalSteps);
    }

    /** The step where the rate stops changing. */
    @Override
    public List<Integer> events(int steps) {
        return Events.single(totalSteps, steps);
    }

    @Override
    public String toString() {
        return "linear " + Fmt.num(lr * startFactor) + " -> " + Fmt.num(lr * endFactor) + " over " + totalSteps;
    }
}
