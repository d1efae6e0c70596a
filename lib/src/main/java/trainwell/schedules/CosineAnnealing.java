package trainwell.schedules;

import java.util.List;
import trainwell.core.Args;

/**
 * PyTorch's {@code CosineAnnealingLR} in its closed form:
 * {@code etaMin + (lr - etaMin) (1 + cos(pi step / tMax)) / 2}, step 0-based.
 *
 * <p>As in PyTorch the formula is periodic: past {@code tMax} the rate climbs back to {@code lr} at
 * {@code 2 tMax}, and so on. For a decay that stays at its floor use {@link CosineDecay}.
 */
public record CosineAnnealing(double lr, int tMax, double etaMin) implements Schedule {

    /** Checks the arguments. */
    public CosineAnnealing {
        Args.nonNegative("lr", lr);
        Args.positive("tMax", tMax);
        Args.nonNegative("etaMin", etaMin);
    }

    @Override
    public double at(int step) {
        Args.nonNegative("step", step);
        return etaMin + (lr - etaMin) * (1 + Math.cos(Math.PI * step / tMax)) / 2;
    }

    /** The turning points: multiples of {@code tMax} (minimum at odd ones, maximum at even ones). */
    @Override
    public List<Integer> events(int steps) {
        return Events.multiples(tMax, steps);
    }

    @Override
    public String toString() {
        return "cosine annealing " + Fmt.num(lr) + " -> " + Fmt.num(etaMin) + " over " + tMax;
    }
}
