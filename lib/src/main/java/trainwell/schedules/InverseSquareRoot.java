package trainwell.schedules;

import java.util.List;
import trainwell.core.Args;

/**
 * The original Transformer's schedule (Vaswani et al. 2017, section 5.3, a.k.a. "Noam"):
 * {@code lrate = dModel^-0.5 * min(stepNum^-0.5, stepNum * warmupSteps^-1.5)}.
 *
 * <p>Step indexing: the paper's {@code stepNum} starts at 1 (at 0 the formula is 0 or infinite),
 * so {@code at(k)} uses {@code stepNum = k + 1}. The rate rises linearly for the first
 * {@code warmupSteps} steps, peaks at {@code stepNum = warmupSteps}, i.e. at {@code at(warmupSteps - 1)},
 * with {@code (dModel * warmupSteps)^-0.5}, then decays as {@code 1/sqrt(stepNum)}.
 * Scale it with {@link Schedule#scaledBy(double)} (the Annotated Transformer's "factor").
 */
public record InverseSquareRoot(int dModel, int warmupSteps) implements Schedule {

    /** Checks the arguments. */
    public InverseSquareRoot {
        Args.positive("dModel", dModel);
        Args.positive("warmupSteps", warmupSteps);
    }

    @Override
    public double at(int step) {
        Args.nonNegative("step", step);
        double stepNum = step + 1.0;
        return Math.pow(dModel, -0.5) * Math.min(Math.pow(stepNum, -0.5), stepNum * Math.pow(warmupSteps, -1.5));
    }

    /** The peak rate, reached at {@code at(warmupSteps - 1)}. */
    public double peak() {
        return at(warmupSteps - 1);
    }

    /** The peak step {@code warmupSteps - 1} (0-based), where warmup ends. */
    @Override
    public List<Integer> events(int steps) {
        return Events.single(warmupSteps - 1, steps);
    }

    @Override
    public String toString() {
        return "inverse square root, d_model " + dModel + ", warmup " + warmupSteps;
    }
}
