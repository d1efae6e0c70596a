package trainwell.schedules;

import java.util.ArrayList;
import java.util.List;
import trainwell.core.Args;

/**
 * PyTorch's {@code CosineAnnealingWarmRestarts} (SGDR, Loshchilov and Hutter 2017):
 * {@code etaMin + (lr - etaMin) (1 + cos(pi tCur / tI)) / 2}. The first period lasts {@code t0} steps,
 * each next one {@code tMult} times longer; at each restart {@code tCur} returns to 0 and the rate
 * jumps back to {@code lr}. With step 0-based, restarts happen at t0, t0 + t0 tMult, ...
 */
public record CosineWarmRestarts(double lr, int t0, int tMult, double etaMin) implements Schedule {

    /** Checks the arguments. */
    public CosineWarmRestarts {
        Args.nonNegative("lr", lr);
        Args.positive("t0", t0);
        Args.positive("tMult", tMult);
        Args.nonNegative("etaMin", etaMin);
    }

    @Override
    public double at(int step) {
        Args.nonNegative("step", step);
        // With tMult 1 every period has the same length; otherwise periods grow geometrically and the
        // loop runs only log(step) times.
        long start = tMult == 1 ? (long) (step / t0) * t0 : 0;
        long period = t0;
        while (step >= start + period) {
            start += period;
            period *= tMult;
        }
        return etaMin + (lr - etaMin) * (1 + Math.cos(Math.PI * (step - start) / period)) / 2;
    }

    /** The restart steps (where the rate jumps back up). */
    @Override
    public List<Integer> events(int steps) {
        Args.nonNegative("steps", steps);
        List<Integer> out = new ArrayList<>();
        long period = t0;
        for (long s = t0; s < steps; s += period) {
            out.add((int) s);
            period *= tMult;
        }
        return List.copyOf(out);
    }

    @Override
    public String toString() {
        return "cosine warm restarts " + Fmt.num(lr) + " -> " + Fmt.num(etaMin) + ", T0 " + t0
                + (tMult == 1 ? "" : ", x" + tMult);
    }
}
