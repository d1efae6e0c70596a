package trainwell.training;

import java.util.Locale;
import trainwell.core.Args;
import trainwell.optimizers.djl.TorchStyleOptimizer;

/**
 * A training run while it runs, as its listeners see it: what it trains, with which configuration, and the
 * switch that ends it early.
 */
public final class TrainingRun {

    private final String name;
    private final TrainingConfig config;
    private final TrainingTask task;
    private final long startNanos = System.nanoTime();
    private TrainingResult.Status stopStatus;
    private String stopMessage;
    private TorchStyleOptimizer optimizer;

    TrainingRun(String name, TrainingConfig config, TrainingTask task) {
        this.name = name;
        this.config = config;
        this.task = task;
    }

    /** The run's name. */
    public String name() {
        return name;
    }

    /** Its configuration. */
    public TrainingConfig config() {
        return config;
    }

    /** Its model and data. */
    public TrainingTask task() {
        return task;
    }

    /**
     * The optimizer that updates the model, for listeners that read its state (e.g. {@link AdamRmsRatio}); set
     * before {@link TrainingListener#onStart}. A listener must not update weights with it.
     *
     * @throws IllegalStateException before the loop has built it
     */
    public TorchStyleOptimizer optimizer() {
        if (optimizer == null) {
            throw new IllegalStateException("run " + name + " has no optimizer yet: read it from onStart on");
        }
        return optimizer;
    }

    /** Hands the run's optimizer to its listeners (the loop calls this before onStart). */
    void attach(TorchStyleOptimizer built) {
        this.optimizer = Args.notNull("built", built);
    }

    /**
     * Ends the run after the current step or evaluation, with {@code status} (not COMPLETED) and a sentence
     * for {@link TrainingResult#message()} (null: the default message). The first stop wins.
     */
    public void stop(TrainingResult.Status status, String message) {
        Args.notNull("status", status);
        Args.check(status != TrainingResult.Status.COMPLETED, "status", "must say why the run stops early", status);
        if (stopStatus == null) {
            stopStatus = status;
            stopMessage = message;
        }
    }

    /** True once a listener has stopped the run. */
    public boolean stopped() {
        return stopStatus != null;
    }

    /** Seconds since the run started. */
    public double elapsedSeconds() {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    /** A progress line for step {@code s}: "name: step 120/600  loss 2.3100  lr 3.00e-04  grad norm 0.812  ~40 s left". */
    public String progressLine(StepRecord s) {
        Args.notNull("s", s);
        double left = elapsedSeconds() / (s.step() + 1) * (config.steps() - s.step() - 1);
        return String.format(Locale.ROOT, "%s: step %d/%d  loss %.4f  lr %.2e  grad norm %.3g  ~%.0f s left",
                name, s.step() + 1, config.steps(), s.loss(), s.lr(), s.gradNorm(), left);
    }

    TrainingResult.Status status() {
        return stopStatus == null ? TrainingResult.Status.COMPLETED : stopStatus;
    }

    String message() {
        return stopMessage;
    }
}
