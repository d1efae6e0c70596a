package trainwell.training;

/**
 * Watches a training run: the training loop calls it after every step, after every evaluation and once at the
 * end. Everything the loop measures beyond the loss (update-to-weight ratios, per-layer gradient norms), every
 * rule that ends a run early (divergence, early stopping) and every display (the progress line) is a listener,
 * so a new per-step measurement is one class: pass it to {@link Training#run(String, TrainingConfig, TrainingTask,
 * TrainingListener...)}. A listener adds columns to the run's history with {@link StepRecord#measure} and ends
 * the run with {@link TrainingRun#stop}. A listener belongs to one run (it may keep state); all methods do
 * nothing by default.
 *
 * <pre>{@code
 * var weightNorms = new ArrayList<Double>();
 * TrainingListener recorder = new TrainingListener() {
 *     public void onStep(StepRecord s) { weightNorms.add(Norms.of(task.model())); }
 * };
 * Training.run("watched", config, task, recorder);
 * }</pre>
 */
public interface TrainingListener {

    /** Before the first step (the model is built and initialized; the optimizer has no state yet). */
    default void onStart(TrainingRun run) {}

    /** After step {@code step.step()}: the update is done (or was skipped, see {@link StepRecord#updated()}). */
    default void onStep(StepRecord step) {}

    /** After an evaluation on the validation set (every {@code evalEvery} steps and after the last). */
    default void onEvaluation(EvaluationRecord evaluation) {}

    /**
     * Once, when the run has ended (completed, stopped early or diverged), with its result; not called when the
     * run throws.
     */
    default void onEnd(TrainingResult result) {}
}
