package trainwell.schedules;

import trainwell.core.Args;

/** The same rate at every step (a constant rate does not decay). */
public record Constant(double lr) implements Schedule {

    /** Checks the argument. */
    public Constant {
        Args.nonNegative("lr", lr);
    }

    @Override
    public double at(int step) {
        Args.nonNegative("step", step);
        return lr;
    }

    @Override
    public String toString() {
        return "constant " + Fmt.num(lr);
    }
}
