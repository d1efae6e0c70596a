package trainwell.schedules;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import trainwell.core.Args;

/**
 * PyTorch's {@code MultiStepLR}: {@code lr * gamma^(number of milestones <= step)}; the rate drops by
 * {@code gamma} at each milestone step (0-based). Milestones must be strictly increasing.
 */
public record MultiStepDecay(double lr, double gamma, List<Integer> milestones) implements Schedule {

    /** Checks the arguments and copies the milestones. */
    public MultiStepDecay {
        Args.nonNegative("lr", lr);
        Args.positive("gamma", gamma);
        Args.notNull("milestones", milestones);
        Args.check(!milestones.isEmpty(), "milestones", "must not be empty", milestones);
        int previous = -1;
        for (Integer m : milestones) {
            Args.notNull("milestone", m);
            Args.check(m > previous && m >= 0, "milestones", "must be >= 0 and strictly increasing", milestones);
            previous = m;
        }
        milestones = List.copyOf(milestones);
    }

    /** A multi-step decay from an array of milestones. */
    public MultiStepDecay(double lr, double gamma, int... milestones) {
        this(lr, gamma, milestones == null ? null : Arrays.stream(milestones).boxed().toList());
    }

    @Override
    public double at(int step) {
        Args.nonNegative("step", step);
        int passed = 0;
        for (int m : milestones) {
            if (m <= step) {
                passed++;
            }
        }
        return lr * Math.pow(gamma, passed);
    }

    /** The milestones below {@code steps}. */
    @Override
    public List<Integer> events(int steps) {
        Args.nonNegative("steps", steps);
        return milestones.stream().filter(m -> m < steps).toList();
    }

    @Override
    public String toString() {
        return "multi-step decay " + Fmt.num(lr) + " x" + Fmt.num(gamma) + " at "
                + milestones.stream().map(String::valueOf).collect(Collectors.joining(", "));
    }
}
