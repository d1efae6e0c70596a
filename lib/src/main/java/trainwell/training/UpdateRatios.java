package trainwell.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.ParameterList;

/**
 * The update-to-weight ratio ||w_after - w_before|| / ||w_before|| over all trainable weights, every
 * {@code statsEvery} steps, as column "update_ratio". It copies the weights after the step before a measured one
 * (they are the measured step's "before") and frees the copy once it has measured.
 */
final class UpdateRatios implements TrainingListener, AutoCloseable {

    private final int every;
    private final ParameterList parameters;
    private final NDManager owner;
    private WeightCopy before;
    private int beforeStep = -1;

    UpdateRatios(int every, ParameterList parameters, NDManager owner) {
        this.every = every;
        this.parameters = parameters;
        this.owner = owner;
    }

    @Override
    public void onStart(TrainingRun run) {
        snapshot(0);
    }

    @Override
    public void onStep(StepRecord s) {
        if (beforeStep == s.step()) {
            if (s.updated()) {
                s.measure("update_ratio", ratio());
            }
            close();
        }
        int next = s.step() + 1;
        if (next % every == 0 && next < s.run().config().steps()) {
            snapshot(next);
        }
    }

    private void snapshot(int step) {
        close();
        before = new WeightCopy(parameters, owner, true);
        beforeStep = step;
    }

    /** Read with one host transfer; the temporaries land in the copies' manager. */
    private double ratio() {
        NDList sq = new NDList();
        for (var entry : parameters) {
            if (entry.getValue().requiresGradient()) {
                NDArray old = before.get(entry.getKey());
                // Called on the copy: an op called on a parameter would land in the model's manager.
                sq.add(old.sub(entry.getValue().getArray()).square().sum()); // (old - new)^2 = (new - old)^2
                sq.add(old.square().sum());
            }
        }
        float[] v = NDArrays.stack(sq).toFloatArray();
        double delta = 0;
        double weight = 0;
        for (int k = 0; k < v.length; k += 2) {
            delta += v[k];
            weight += v[k + 1];
        }
        return weight == 0 ? Double.NaN : Math.sqrt(delta / weight);
    }

    /** Frees a pending copy (also when the run ends or throws). */
    @Override
    public void close() {
        if (before != null) {
            before.close();
            before = null;
            beforeStep = -1;
        }
    }

    @Override
    public void onEnd(TrainingResult result) {
        close();
    }
}
