package trainwell.schedules;

import java.util.ArrayList;
import java.util.List;
import trainwell.core.Args;

/**
 * Warmup-stable-decay (WSD, also "trapezoidal" or "constant + cooldown"): warm up, hold the peak, and
 * cool down fast over the last {@code decayFraction} of the run.
 *
 * <p>The formula is the reference implementation's, {@code wsd_schedule} in epfml/schedules-and-scaling
 * ({@code src/optim/utils.py}; Hägele et al. 2024, arXiv 2405.18392), times {@code peak}, with
 * {@code nDecay = floor(decayFraction * totalSteps)} and {@code nHold = totalSteps - nDecay}:
 * <ul>
 *   <li>{@code k < warmupSteps}: {@code k / warmupSteps + (1 - k / warmupSteps) / 100}, a straight ramp
 *       from {@code peak / 100};</li>
 *   <li>{@code k < nHold}: 1, the stable phase;</li>
 *   <li>{@code k < totalSteps}, with {@code s = (k - nHold) / nDecay}: {@code f + (1 - f)(1 - s)} for a
 *       {@link Cooldown#LINEAR} cooldown, {@code f + (1 - f)(1 - sqrt(s))} for {@link Cooldown#ONE_MINUS_SQRT};</li>
 *   <li>from {@code totalSteps} on: {@code f}, the final factor (0 in the paper).</li>
 * </ul>
 * The paper's runs cool down over 20% of the steps; 1-sqrt beats linear there.
 */
public record WarmupStableDecay(double peak, int warmupSteps, int totalSteps, double decayFraction, Cooldown cooldown,
        double finalFactor) implements Schedule {

    /** The shape of the final decay. */
    public enum Cooldown {
        /** A straight line from the peak down to the final rate. */
        LINEAR,
        /** {@code 1 - sqrt(s)}: falls fast at first, then slowly (Hägele et al. 2024's best). */
        ONE_MINUS_SQRT
    }

    /** Checks the arguments. */
    public WarmupStableDecay {
        Args.nonNegative("peak", peak);
        Args.nonNegative("warmupSteps", warmupSteps);
        Args.positive("totalSteps", totalSteps);
        Args.inRange("decayFraction", decayFraction, 0, 1);
        Args.notNull("cooldown", cooldown);
        Args.inRange("finalFactor", finalFactor, 0, 1);
        Args.check((int) (decayFraction * totalSteps) >= 1, "decayFraction",
                "must leave at least one decay step of " + totalSteps, decayFraction);
        Args.check(warmupSteps <= totalSteps - (int) (decayFraction * totalSteps), "warmupSteps",
                "must end before the decay starts (step " + (totalSteps - (int) (decayFraction * totalSteps)) + ")",
                warmupSteps);
    }

    /** The number of cooldown steps, {@code floor(decayFraction * totalSteps)}. */
    public int decaySteps() {
        return (int) (decayFraction * totalSteps);
    }

    /** The first step of the cooldown. */
    public int decayStart() {
        return totalSteps - decaySteps();
    }

    @Override
    public double at(int step) {
        Args.nonNegative("step", step);
        return peak * factor(step);
    }

    private double factor(int step) {
        if (step < warmupSteps) {
            double r = (double) step / warmupSteps;
            return r + (1 - r) / 100;
        }
        if (step < decayStart()) {
            return 1;
        }
        if (step >= totalSteps) {
            return finalFactor;
        }
        double s = (double) (step - decayStart()) / decaySteps();
        double shape = cooldown == Cooldown.LINEAR ? 1 - s : 1 - Math.sqrt(s);
        return finalFactor + (1 - finalFactor) * shape;
    }

    /** The end of warmup (if any) and the start of the cooldown. */
    @Override
    public List<Integer> events(int steps) {
        Args.nonNegative("steps", steps);
        List<Integer> out = new ArrayList<>();
        if (warmupSteps > 0 && warmupSteps < steps) {
            out.add(warmupSteps);
        }
        if (decayStart() < steps && decayStart() != warmupSteps) {
            out.add(decayStart());
        }
        return List.copyOf(out);
    }

    @Override
    public String toString() {
        return "WSD " + Fmt.num(peak) + ", warmup " + warmupSteps + ", "
                + (cooldown == Cooldown.LINEAR ? "linear" : "1-sqrt") + " cooldown over the last "
                + Math.round(decayFraction * 100) + "% of " + totalSteps;
    }
}
