package trainwell.training;

/**
 * One evaluation on the validation set, handed to every {@link TrainingListener}.
 *
 * @param run      the run
 * @param step     the step after which it was evaluated
 * @param loss     validation loss (cross-entropy without smoothing)
 * @param accuracy validation accuracy (over non-ignored labels)
 */
public record EvaluationRecord(TrainingRun run, int step, double loss, double accuracy) {}
