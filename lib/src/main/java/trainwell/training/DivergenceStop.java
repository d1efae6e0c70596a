package trainwell.training;

import trainwell.core.Language;

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
            s.run().stop(TrainingResult.Status.DIVERGED, Language.format(
                    "diverged at step %d: loss %.4g, gradient norm %.4g, first loss %.4g, lr %.3g; "
                            + "the %d steps run are kept",
                    "在第 %d 步发散：损失 %.4g，梯度范数 %.4g，第一步的损失 %.4g，学习率 %.3g；保留已运行的 %d 步",
                    s.step(), s.loss(), s.gradNorm(), firstLoss, s.lr(), s.step() + 1));
        }
    }
}
