package trainwell.training;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.ParameterList;
import trainwell.core.Language;

/**
 * Early stopping: keeps a copy of the weights at the best validation loss, stops the run after {@code patience}
 * evaluations without a better one, and at the end of the run (stopped or not) restores the best weights.
 */
final class EarlyStopping implements TrainingListener, AutoCloseable {

    private final int patience;
    private final ParameterList parameters;
    private final NDManager owner;
    private WeightCopy best;
    private double bestLoss = Double.POSITIVE_INFINITY;
    private int bestStep = -1;
    private int evalsWithoutImprovement;

    EarlyStopping(int patience, ParameterList parameters, NDManager owner) {
        this.patience = patience;
        this.parameters = parameters;
        this.owner = owner;
    }

    @Override
    public void onEvaluation(EvaluationRecord e) {
        if (e.loss() < bestLoss) {
            bestLoss = e.loss();
            bestStep = e.step();
            evalsWithoutImprovement = 0;
            close();
            best = new WeightCopy(parameters, owner, false);
            return;
        }
        evalsWithoutImprovement++;
        if (evalsWithoutImprovement >= patience) {
            e.run().stop(TrainingResult.Status.EARLY_STOPPED, best == null ? null : Language.format(
                    "stopped early after %d evaluations without improvement; restored the weights of step %d "
                            + "(validation loss %.4f)",
                    "连续 %d 次评估没有改进，提前停止；已恢复第 %d 步的权重（验证损失 %.4f）",
                    patience, bestStep, bestLoss));
        }
    }

    @Override
    public void onEnd(TrainingResult result) {
        if (best != null) {
            best.restore(parameters);
        }
        close();
    }

    /** Frees the copy of the best weights (also when the run throws). */
    @Override
    public void close() {
        if (best != null) {
            best.close();
        }
    }
}
