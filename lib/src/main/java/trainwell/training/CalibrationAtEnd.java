package trainwell.training;

import trainwell.core.Args;
import trainwell.results.Calibration;

/**
 * Measures a run's calibration ({@link Calibrations#of}: the top-class probability and its correctness at every
 * validation position) with the trained weights, when the run ends and before the training loop closes a task it
 * built itself. Experiments that run side by side ({@code Experiments.runWith}) can so keep each model's
 * calibration without keeping the models.
 *
 * <pre>{@code
 * var atEnd = CalibrationAtEnd.withBatchSize(32);
 * Training.run("eps 0.1", config.withLabelSmoothing(0.1), seed -> task(seed), atEnd);
 * double ece = atEnd.calibration().expectedCalibrationError(10);
 * }</pre>
 *
 * <p>A listener belongs to one run.
 */
public final class CalibrationAtEnd implements TrainingListener {

    private final int batchSize;
    private TrainingRun run;
    private volatile Calibration calibration;

    private CalibrationAtEnd(int batchSize) {
        this.batchSize = Args.positive("batchSize", batchSize);
    }

    /** Measures in validation batches of {@code batchSize} (> 0), as {@link Calibrations#of} does. */
    public static CalibrationAtEnd withBatchSize(int batchSize) {
        return new CalibrationAtEnd(batchSize);
    }

    @Override
    public void onStart(TrainingRun started) {
        if (run != null) {
            throw new IllegalStateException("a CalibrationAtEnd belongs to one run; make one per run");
        }
        run = started;
    }

    @Override
    public void onEnd(TrainingResult result) {
        calibration = Calibrations.of(result.name(), run.task(), batchSize);
    }

    /**
     * The calibration of the trained model, named after the run.
     *
     * @throws IllegalStateException before the run has ended
     */
    public Calibration calibration() {
        Calibration c = calibration;
        if (c == null) {
            throw new IllegalStateException("no calibration yet: the run has not ended (pass this listener to "
                    + "Training.run or Experiments.runWith)");
        }
        return c;
    }
}
