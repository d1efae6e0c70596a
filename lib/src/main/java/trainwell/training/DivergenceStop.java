package trainwell.training;

import java.util.Locale;

/**
 * Stops a run as diverged when its loss or gradient norm is not finite or the loss exceeds
 * {@code divergenceFactor} times the first step's loss; the steps run so far are kept.
 */
final class DivergenceStop implements TrainingListener {

    private double firstLoss = Double.NaN;

    @Override
    public void onStep(StepRecord s) {
        if (s.step() == 0) {
            firstLoss = s.loss();
        }
        if (!Double.isFinite(s.loss()) || !Double.isFinite(s.gradNorm())
                || s.loss() > s.run().config().divergenceFactor() * firstLoss) {
            s.run().stop(TrainingResult.Status.DIVERGED, String.format(Locale.ROOT,
                    "diverged at step %d: loss %.4g, gradient norm %.4g, first loss %.4g, lr %.3g; "
                            + "the %d steps run are kept", s.step(), s.loss(), s.gradNorm(), firstLoss, s.lr(), s.step() + 1));
        }
    }
}
