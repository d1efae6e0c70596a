package trainwell.optimizers;

import trainwell.schedules.Schedule;

/**
 * An optimizer that updates a plain {@code double[]} parameter vector in place, one step at a time.
 *
 * <p>An optimizer is stateful (moments, step count) and bound to one parameter vector: its length is
 * fixed by the first {@link #step} until {@link #reset()}. Create one with {@link Optimizers}.
 */
public interface Optimizer {

    /** The label for legends and tables, e.g. "Adam" or "Momentum 0.9". */
    String name();

    /** The learning rate as a schedule over 0-based steps (a constant rate ignores the step). */
    Schedule learningRate();

    /** Updates {@code params} in place from {@code grads}, with the learning rate of the current step. */
    void step(double[] params, double[] grads);

    /** Forgets all state (step count, moments, velocity) so that a new run starts from scratch. */
    void reset();

    /** The number of steps taken since creation or the last {@link #reset()}. */
    int stepCount();

    /** The learning rate used by the last step (NaN before the first step). */
    double lastLearningRate();

    /** The change the last step made to each parameter (new minus old); empty before the first step. */
    double[] lastUpdate();

    /** A fresh copy with the same hyper-parameters, no state, and the given legend name. */
    Optimizer named(String name);
}
