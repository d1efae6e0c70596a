package trainwell.training;

/**
 * Validates the weights the model <i>trains</i> with, beside the loop's own validation: for schedule-free AdamW
 * (Defazio et al. 2024) that is the point y where gradients are taken, while the loop validates the average x.
 * For every other optimizer the two are the same weights, and so the same loss. It adds the column
 * {@value #COLUMN} to the run's history at every evaluation step (every {@code evalEvery} steps and the last),
 * measured after the step's update and before the loop switches to x. It costs one more pass over the validation
 * set per evaluation.
 */
public final class ValidationAtY implements TrainingListener {

    /** The history column this listener adds. */
    public static final String COLUMN = "val_loss_y";

    private TrainingRun run;

    @Override
    public void onStart(TrainingRun started) {
        this.run = started;
    }

    @Override
    public void onStep(StepRecord step) {
        TrainingConfig config = run.config();
        if ((step.step() + 1) % config.evalEvery() == 0 || step.last()) {
            step.measure(COLUMN, Training.evaluate(run.task(), config.batchSize()).loss());
        }
    }
}
