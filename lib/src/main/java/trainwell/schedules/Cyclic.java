package trainwell.schedules;

import java.util.ArrayList;
import java.util.List;
import trainwell.core.Args;

/**
 * PyTorch's {@code CyclicLR} (Smith 2017): the rate rises linearly from {@code baseLr} toward
 * {@code maxLr} for {@code stepSizeUp} steps, falls back for {@code stepSizeDown} steps, and repeats.
 * Step 0 (0-based, PyTorch's {@code last_epoch}) is at {@code baseLr}.
 *
 * <p>The amplitude {@code maxLr - baseLr} is multiplied by a scale that depends on the mode:
 * {@link Mode#TRIANGULAR} 1; {@link Mode#TRIANGULAR2} halves it every cycle ({@code 1 / 2^(cycle-1)},
 * cycle counted from 1); {@link Mode#EXP_RANGE} {@code gamma^step}.
 */
public record Cyclic(double baseLr, double maxLr, int stepSizeUp, int stepSizeDown, Mode mode, double gamma)
        implements Schedule {

    /** How the amplitude of the cycles changes over time. */
    public enum Mode {
        /** Every cycle has the full amplitude. */
        TRIANGULAR,
        /** The amplitude halves after every cycle. */
        TRIANGULAR2,
        /** The amplitude is multiplied by {@code gamma} every step. */
        EXP_RANGE
    }

    /** Checks the arguments. */
    public Cyclic {
        Args.nonNegative("baseLr", baseLr);
        Args.nonNegative("maxLr", maxLr);
        Args.check(maxLr >= baseLr, "maxLr", "must be >= baseLr (" + baseLr + ")", maxLr);
        Args.positive("stepSizeUp", stepSizeUp);
        Args.positive("stepSizeDown", stepSizeDown);
        Args.notNull("mode", mode);
        Args.positive("gamma", gamma);
    }

    @Override
    public double at(int step) {
        Args.nonNegative("step", step);
        return baseLr + (maxLr - baseLr) * scaleFactor(step) * amplitude(step);
    }

    /**
     * PyTorch's momentum cycle for the same steps (inverse to the rate): {@code maxMomentum} at the
     * rate's troughs, {@code baseMomentum} at its peaks (PyTorch's defaults are 0.8 and 0.9).
     */
    public Schedule momentum(double baseMomentum, double maxMomentum) {
        Args.inRange("baseMomentum", baseMomentum, 0, 1);
        Args.inRange("maxMomentum", maxMomentum, 0, 1);
        Args.check(maxMomentum >= baseMomentum, "maxMomentum", "must be >= baseMomentum (" + baseMomentum + ")",
                maxMomentum);
        Schedule m = step -> {
            Args.nonNegative("step", step);
            return maxMomentum - (maxMomentum - baseMomentum) * scaleFactor(step) * amplitude(step);
        };
        return m.named("momentum " + Fmt.num(maxMomentum) + " <-> " + Fmt.num(baseMomentum) + " of " + this);
    }

    /** The turning points: each trough (cycle start) and each peak, below {@code steps}. */
    @Override
    public List<Integer> events(int steps) {
        Args.nonNegative("steps", steps);
        List<Integer> out = new ArrayList<>();
        for (long start = 0; start < steps; start += stepSizeUp + (long) stepSizeDown) {
            if (start > 0) {
                out.add((int) start);
            }
            if (start + stepSizeUp < steps) {
                out.add((int) (start + stepSizeUp));
            }
        }
        return List.copyOf(out);
    }

    // Same operations, in the same order, as PyTorch's get_lr, so the values agree to rounding.
    private double scaleFactor(int step) {
        double totalSize = (double) stepSizeUp + stepSizeDown;
        double stepRatio = stepSizeUp / totalSize;
        double x = 1.0 + step / totalSize - cycle(step);
        return x <= stepRatio ? x / stepRatio : (x - 1) / (stepRatio - 1);
    }

    private double cycle(int step) {
        return Math.floor(1 + step / ((double) stepSizeUp + stepSizeDown));
    }

    private double amplitude(int step) {
        return switch (mode) {
            case TRIANGULAR -> 1.0;
            case TRIANGULAR2 -> 1 / Math.pow(2.0, cycle(step) - 1);
            case EXP_RANGE -> Math.pow(gamma, step);
        };
    }

    @Override
    public String toString() {
        String shape = stepSizeUp == stepSizeDown ? "" + stepSizeUp : stepSizeUp + "/" + stepSizeDown;
        return "cyclic " + mode.name().toLowerCase(java.util.Locale.ROOT) + " " + Fmt.num(baseLr) + " <-> "
                + Fmt.num(maxLr) + ", half-cycle " + shape + (mode == Mode.EXP_RANGE ? ", gamma " + Fmt.num(gamma) : "");
    }
}
