package trainwell.schedules;

import java.util.List;
import trainwell.core.Args;

/**
 * PyTorch's {@code PolynomialLR}: {@code lr * (1 - min(step, totalSteps) / totalSteps)^power}, so the
 * rate reaches 0 at step {@code totalSteps} (0-based) and stays there; power 1 is a linear decay.
 */
public record PolynomialDecay(double lr, int totalSteps, double power) implements Schedule {

    /** Checks the arguments. */
    public PolynomialDecay {
        Args.nonNegative("lr", lr);
        Args.positive("totalSteps", totalSteps);
        Args.positive("power", power);
    }

    @Override
    public double at(int step) {
        Args.nonNegative("step", step);
        return lr * Math.pow(1.0 - (double) Math.min(step, totalSteps) / totalSteps, power);
    }

    /** The step where the rate reaches zero. */
    @Override
    public List<Integer> events(int steps) {
        return Events.single(totalSteps, steps);
    }

    @Override
    public String toString() {
        return "polynomial decay " + Fmt.num(lr) + " -> 0 over " + totalSteps + " (power " + Fmt.num(power) + ")";
    }
}
