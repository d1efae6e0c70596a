package trainwell.training;

/**
 * Makes the listener that shows a run's progress line when {@link TrainingConfig#progress()} is on. The
 * presentation layer provides it ({@code trainwell.notebook.RunProgress}, registered for {@link java.util.ServiceLoader}),
 * so that the training loop does not depend on the notebook; without a provider a run shows no progress.
 */
public interface ProgressDisplay {

    /** A fresh listener for one run. */
    TrainingListener newListener();
}
