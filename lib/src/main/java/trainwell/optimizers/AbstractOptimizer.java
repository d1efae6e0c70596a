package trainwell.optimizers;

import java.util.Arrays;
import trainwell.core.Args;
import trainwell.schedules.Schedule;

/**
 * The bookkeeping every optimizer shares (argument checks, step count, learning rate of the step,
 * hyper-parameters), so that each subclass holds only its update rule in {@link #update}.
 *
 * @param <S> the record of hyper-parameters
 */
public abstract class AbstractOptimizer<S extends Record> implements Optimizer {

    private final String customName;
    private final Schedule learningRate;
    private final S settings;
    private int stepCount;
    private int size = -1;
    private double lastLearningRate = Double.NaN;
    private double[] lastUpdate = new double[0];

    /** Stores the legend name (null for the default name), the learning-rate schedule and the hyper-parameters. */
    protected AbstractOptimizer(String customName, Schedule learningRate, S settings) {
        this.customName = customName;
        this.learningRate = Args.notNull("learningRate", learningRate);
        this.settings = Args.notNull("settings", settings);
    }

    /** The hyper-parameters (all but the learning rate). */
    public final S settings() {
        return settings;
    }

    /** The name used when none was given with {@link #named}. */
    protected abstract String defaultName();

    /** Creates the state arrays for a parameter vector of length {@code n}, all zeros (n is 0 on reset). */
    protected abstract void allocate(int n);

    /**
     * Applies one update in place.
     *
     * @param p the parameters, updated in place
     * @param g the gradient at {@code p} (must not be modified)
     * @param lr the learning rate of this step
     * @param t the 1-based number of this step, as PyTorch's {@code state["step"]} after its increment
     */
    protected abstract void update(double[] p, double[] g, double lr, int t);

    @Override
    public final String name() {
        return customName != null ? customName : defaultName();
    }

    /** The legend name given with {@link #named}, or null. */
    protected final String customName() {
        return customName;
    }

    @Override
    public final Schedule learningRate() {
        return learningRate;
    }

    @Override
    public final void step(double[] params, double[] grads) {
        Args.notNull("params", params);
        Args.notNull("grads", grads);
        Args.check(grads.length == params.length, "grads.length",
                "must equal params.length (" + params.length + ")", grads.length);
        if (size < 0) {
            Args.positive("params.length", params.length);
            size = params.length;
            allocate(size);
        } else {
            Args.check(params.length == size, "params.length",
                    "must stay " + size + " for this optimizer (call reset() to start on another vector)",
                    params.length);
        }
        double lr = learningRate.at(stepCount);
        Args.check(Double.isFinite(lr) && lr >= 0, "learning rate at step " + stepCount,
                "must be a finite number >= 0", lr);
        double[] before = params.clone();
        stepCount++;
        update(params, grads, lr, stepCount);
        lastLearningRate = lr;
        lastUpdate = new double[size];
        for (int i = 0; i < size; i++) {
            lastUpdate[i] = params[i] - before[i];
        }
    }

    @Override
    public final void reset() {
        stepCount = 0;
        size = -1;
        allocate(0);
        lastLearningRate = Double.NaN;
        lastUpdate = new double[0];
    }

    @Override
    public final int stepCount() {
        return stepCount;
    }

    @Override
    public final double lastLearningRate() {
        return lastLearningRate;
    }

    @Override
    public final double[] lastUpdate() {
        return size < 0 ? new double[0] : lastUpdate.clone();
    }

    /** A copy of a state array for display (empty before the first step). */
    protected static double[] copyOf(double[] state) {
        return state == null ? new double[0] : Arrays.copyOf(state, state.length);
    }

    @Override
    public String toString() {
        return name();
    }
}
