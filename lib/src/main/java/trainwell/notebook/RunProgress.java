package trainwell.notebook;

import trainwell.training.ProgressDisplay;
import trainwell.training.StepRecord;
import trainwell.training.TrainingListener;
import trainwell.training.TrainingResult;
import trainwell.training.TrainingRun;

/**
 * A training run's progress line (step, loss, learning rate, time left) that updates in place, then a summary
 * of the run. Found by the training loop through {@link java.util.ServiceLoader} (see {@link ProgressDisplay}).
 */
public final class RunProgress implements ProgressDisplay {

    /** For {@link java.util.ServiceLoader}. */
    public RunProgress() {}

    @Override
    public TrainingListener newListener() {
        return new TrainingListener() {
            private Progress progress;
            private TrainingRun run;

            @Override
            public void onStart(TrainingRun r) {
                run = r;
                progress = Progress.start(r.name() + ": starting");
            }

            @Override
            public void onStep(StepRecord s) {
                progress.update(run.progressLine(s));
            }

            @Override
            public void onEnd(TrainingResult result) {
                progress.done(result.summary());
            }
        };
    }
}
