package trainwell.schedules;

import java.util.List;
import trainwell.core.Args;

/**
 * PyTorch's {@code StepLR}: {@code lr * gamma^floor(step / stepSize)}; the rate drops by
 * {@code gamma} at steps stepSize, 2 stepSize, ... (0-based, as PyTorch's {@code last_epoch}).
 */
public record StepDecay(double lr, int stepSize, double gamma) implements Schedule {

    /** Checks the arguments. */
    public StepDecay {
        Args.nonNegative("lr", lr);
        Args.positive("stepSize", stepSize);
        Args.positive("gamma", gamma);
    }

    @Override
    public double at(int step) {
        Args.nonNegative("step", step);
        return lr * Math.pow(gamma, step / stepSize);
    }

    /** The steps where the rate drops. */
    @Override
    public List<Integer> events(int steps) {
        return Events.multiples(stepSize, steps);
    }

    @Override
    public String toString() {
        return "step decay " + Fmt.num(lr) + " x" + Fmt.num(gamma) + " every " + stepSize;
    }
}
