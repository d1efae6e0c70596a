package trainwell.schedules;

import trainwell.core.Args;

/**
 * A warmup phase of {@code steps} steps that goes before any schedule: {@code warmup.then(schedule)}.
 *
 * <p>Warmup ramps the rate UP, from near zero toward the schedule's first rate {@code peak =
 * schedule.at(0)}; decay, if any, comes afterwards. What each step gets (0-based):
 * <ul>
 *   <li>{@link Kind#LINEAR}: {@code peak * (k + 1) / (steps + 1)} for {@code k < steps}: the first
 *       update already moves (1/(steps+1) of the peak), none repeats the peak, and step {@code steps}
 *       reaches it. This is nanoGPT's warmup, and PyTorch's {@code LinearLR(start_factor=1/(steps+1),
 *       total_iters=steps)} inside {@code SequentialLR}.</li>
 *   <li>{@link Kind#CONSTANT}: {@code peak * factor} for {@code k < steps} (PyTorch's {@code ConstantLR}).</li>
 *   <li>From step {@code steps} on, the wrapped schedule sees the SHIFTED step: {@code at(k) =
 *       schedule.at(k - steps)}, so its own step 0 (its peak) comes right after warmup and a decay
 *       over N steps still lasts N steps. This is what PyTorch's {@code SequentialLR} does at a
 *       milestone, and DJL's {@code WarmUpTracker}.</li>
 * </ul>
 */
public record Warmup(Kind kind, int steps, double factor) {

    /** The shape of the warmup phase. */
    public enum Kind {
        /** A straight ramp from near zero to the peak. */
        LINEAR,
        /** A fixed fraction of the peak. */
        CONSTANT
    }

    /** Checks the arguments. */
    public Warmup {
        Args.notNull("kind", kind);
        Args.positive("steps", steps);
        Args.inRange("factor", factor, 0, 1);
    }

    /** The schedule that runs this warmup first, then {@code schedule} on the shifted step. */
    public WarmedUp then(Schedule schedule) {
        return new WarmedUp(this, schedule);
    }

    /** The rate of warmup step {@code step} (below {@link #steps()}) when the schedule starts at {@code peak}. */
    public double at(int step, double peak) {
        Args.nonNegative("step", step);
        Args.check(step < steps, "step", "must be < warmup steps (" + steps + ")", step);
        return switch (kind) {
            case LINEAR -> peak * (step + 1) / (steps + 1);
            case CONSTANT -> peak * factor;
        };
    }

    @Override
    public String toString() {
        return kind == Kind.LINEAR ? "linear warmup " + steps : "constant warmup " + steps + " at x" + Fmt.num(factor);
    }
}
