package trainwell.schedules;

/**
 * A learning-rate schedule: a pure function from the optimizer step to the learning rate.
 *
 * <p>Steps count from 0: {@code at(0)} is the rate used by the first update, {@code at(k)} by the
 * (k+1)-th. This matches PyTorch, where the rate of the first {@code optimizer.step()} is the one
 * set before any {@code scheduler.step()} call.
 */
@FunctionalInterface
public interface Schedule {

    /** The learning rate of step {@code step} (0-based). */
    double at(int step);
}
