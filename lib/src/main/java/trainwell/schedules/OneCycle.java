package trainwell.schedules;

import java.util.ArrayList;
import java.util.List;
import trainwell.core.Args;

/**
 * PyTorch's {@code OneCycleLR} (Smith and Topin 2017): the rate rises from {@code maxLr / divFactor}
 * to {@code maxLr} over the first {@code pctStart} of {@code totalSteps}, then anneals down to
 * {@code maxLr / divFactor / finalDivFactor}, far below where it started; the momentum moves the
 * opposite way ({@link #momentum()}).
 *
 * <p>Steps are 0-based as PyTorch's {@code last_epoch}: phase one ends at the (fractional) step
 * {@code pctStart * totalSteps - 1}, the last phase at {@code totalSteps - 1}. PyTorch raises past
 * {@code totalSteps}; here every step from {@code totalSteps - 1} on returns the final rate.
 * With {@code threePhase} the rate goes up, back down to the initial rate symmetrically, then anneals
 * to the minimum (PyTorch's {@code three_phase=True}).
 */
public record OneCycle(double maxLr, int totalSteps, double pctStart, Anneal anneal, double divFactor,
        double finalDivFactor, double baseMomentum, double maxMomentum, boolean threePhase) implements Schedule {

    /** How each phase interpolates between its end points. */
    public enum Anneal {
        /** Half a cosine (PyTorch's {@code "cos"}, the default). */
        COS,
        /** A straight line (PyTorch's {@code "linear"}). */
        LINEAR
    }

    /** Checks the arguments. */
    public OneCycle {
        Args.positive("maxLr", maxLr);
        Args.atLeast("totalSteps", totalSteps, 2);
        Args.check(pctStart > 0 && pctStart < 1, "pctStart", "must be in (0, 1)", pctStart);
        // PyTorch divides by the length of phase one, pctStart * totalSteps - 1: it must be positive.
        Args.check(pctStart * totalSteps > 1, "pctStart",
                "must give a warm-up phase longer than one step (pctStart * totalSteps > 1, totalSteps = "
                        + totalSteps + ")", pctStart);
        Args.check(!threePhase || 2 * pctStart * totalSteps - 2 < totalSteps - 1, "pctStart",
                "must leave room for the third phase (2 * pctStart * totalSteps - 2 < totalSteps - 1)", pctStart);
        Args.notNull("anneal", anneal);
        Args.positive("divFactor", divFactor);
        Args.positive("finalDivFactor", finalDivFactor);
        Args.inRange("baseMomentum", baseMomentum, 0, 1);
        Args.inRange("maxMomentum", maxMomentum, 0, 1);
        Args.check(maxMomentum >= baseMomentum, "maxMomentum", "must be >= baseMomentum (" + baseMomentum + ")",
                maxMomentum);
    }

    /** PyTorch's defaults: pctStart 0.3, cosine, divFactor 25, finalDivFactor 1e4, momentum 0.85 .. 0.95, two phases. */
    public static OneCycle of(double maxLr, int totalSteps) {
        return new OneCycle(maxLr, totalSteps, 0.3, Anneal.COS, 25.0, 1e4, 0.85, 0.95, false);
    }

    /** The same cycle with another fraction of steps spent rising. */
    public OneCycle withPctStart(double pctStart) {
        return new OneCycle(maxLr, totalSteps, pctStart, anneal, divFactor, finalDivFactor, baseMomentum,
                maxMomentum, threePhase);
    }

    /** The same cycle with another interpolation. */
    public OneCycle withAnneal(Anneal anneal) {
        return new OneCycle(maxLr, totalSteps, pctStart, anneal, divFactor, finalDivFactor, baseMomentum,
                maxMomentum, threePhase);
    }

    /** The same cycle starting at {@code maxLr / divFactor} and ending at that over {@code finalDivFactor}. */
    public OneCycle withDivFactors(double divFactor, double finalDivFactor) {
        return new OneCycle(maxLr, totalSteps, pctStart, anneal, divFactor, finalDivFactor, baseMomentum,
                maxMomentum, threePhase);
    }

    /** The same cycle with the momentum moving between {@code baseMomentum} and {@code maxMomentum}. */
    public OneCycle withMomentum(double baseMomentum, double maxMomentum) {
        return new OneCycle(maxLr, totalSteps, pctStart, anneal, divFactor, finalDivFactor, baseMomentum,
                maxMomentum, threePhase);
    }

    /** The same cycle in PyTorch's three-phase form. */
    public OneCycle withThreePhase() {
        return new OneCycle(maxLr, totalSteps, pctStart, anneal, divFactor, finalDivFactor, baseMomentum,
                maxMomentum, true);
    }

    /** The rate at step 0: {@code maxLr / divFactor}. */
    public double initialLr() {
        return maxLr / divFactor;
    }

    /** The final rate: {@code initialLr() / finalDivFactor}. */
    public double minLr() {
        return initialLr() / finalDivFactor;
    }

    @Override
    public double at(int step) {
        return value(step, true);
    }

    /**
     * The momentum OneCycle prescribes at each step: {@code maxMomentum} down to {@code baseMomentum}
     * while the rate rises, back up while it falls (SGD's momentum, or Adam's beta1).
     */
    public Schedule momentum() {
        Schedule m = step -> value(step, false);
        return m.named("momentum " + Fmt.num(maxMomentum) + " -> " + Fmt.num(baseMomentum) + " -> "
                + Fmt.num(maxMomentum) + " of " + this);
    }

    /** The phase boundaries (peak, and in three-phase form the return to the initial rate), rounded to steps. */
    @Override
    public List<Integer> events(int steps) {
        Args.nonNegative("steps", steps);
        List<Integer> out = new ArrayList<>();
        double[] ends = phaseEnds();
        for (double end : ends) {
            int s = (int) Math.round(end);
            if (s < steps) {
                out.add(s);
            }
        }
        return List.copyOf(out);
    }

    private double[] phaseEnds() {
        double one = pctStart * totalSteps - 1;
        return threePhase
                ? new double[] {one, 2 * pctStart * totalSteps - 2, totalSteps - 1}
                : new double[] {one, totalSteps - 1};
    }

    // Mirrors PyTorch's OneCycleLR.get_lr phase by phase, with the same end points and order of operations.
    private double value(int step, boolean lr) {
        Args.nonNegative("step", step);
        double stepNum = Math.min(step, totalSteps - 1);
        double initial = initialLr();
        double[] ends = phaseEnds();
        double[] lrPoints = threePhase
                ? new double[] {initial, maxLr, initial, minLr()}
                : new double[] {initial, maxLr, minLr()};
        double[] momentumPoints = threePhase
                ? new double[] {maxMomentum, baseMomentum, maxMomentum, maxMomentum}
                : new double[] {maxMomentum, baseMomentum, maxMomentum};
        double[] points = lr ? lrPoints : momentumPoints;
        double start = 0.0;
        for (int i = 0; i < ends.length; i++) {
            if (stepNum <= ends[i] || i == ends.length - 1) {
                double pct = (stepNum - start) / (ends[i] - start);
                return interpolate(points[i], points[i + 1], pct);
            }
            start = ends[i];
        }
        throw new IllegalStateException("unreachable: the last phase always matches");
    }

    private double interpolate(double from, double to, double pct) {
        return switch (anneal) {
            case COS -> to + (from - to) / 2.0 * (Math.cos(Math.PI * pct) + 1);
            case LINEAR -> (to - from) * pct + from;
        };
    }

    @Override
    public String toString() {
        return "one-cycle " + Fmt.num(initialLr()) + " -> " + Fmt.num(maxLr) + " -> " + Fmt.num(minLr()) + " over "
                + totalSteps + " (" + Fmt.num(pctStart * 100) + "% up, " + anneal.name().toLowerCase(java.util.Locale.ROOT)
                + (threePhase ? ", three-phase" : "") + ")";
    }
}
