package trainwell.schedules;

import trainwell.core.Args;

/** PyTorch's {@code ExponentialLR}: {@code lr * gamma^step} (0-based). */
public record ExponentialDecay(double lr, double gamma) implements Schedule {

    /** Checks the arguments. */
    public ExponentialDecay {
        Args.nonNegative("lr", lr);
        Args.positive("gamma", gamma);
    }

    @Override
    public double at(int step) {
        Args.nonNegative("step", step);
        return lr * Math.pow(gamma, step);
    }

    @Override
    public String toString() {
        return "exponential decay " + Fmt.num(lr) + " x" + Fmt.num(gamma) + " per step";
    }
}
