package trainwell.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import java.util.ArrayList;
import java.util.List;
import trainwell.core.Args;
import trainwell.precision.FloatFormat;

/**
 * Low-precision weights, emulated: a listener that stores the model's weights in {@code format} (e.g.
 * bfloat16) after every update, with or without a float32 master copy (Micikevicius et al. 2018, "Mixed
 * Precision Training", arXiv 1710.03740, section 3.1). The engine still computes in float32; only the values
 * the weights can take are those of the format, which is what decides whether small updates survive.
 *
 * <ul>
 *   <li>{@link #withoutMasterCopy}: the weights themselves are stored in the format. An update smaller than
 *   half the distance to the next representable value (half an ulp) is rounded away: with bfloat16's 8
 *   significant bits, a weight of 0.5 ignores any update below about 0.001.
 *   <li>{@link #withMasterCopy}: the optimizer's updates go into a float32 master copy; the model computes
 *   with the master rounded to the format. Small updates accumulate in the master until they show.
 * </ul>
 * Only parameters that take a gradient are rounded. The master copy lives in Java arrays (float32, as in
 * mixed-precision training).
 */
public final class WeightPrecision implements TrainingListener {

    private final FloatFormat format;
    private final boolean masterCopy;
    private final List<NDArray> weights = new ArrayList<>();
    private final List<float[]> masters = new ArrayList<>();
    private final List<float[]> stored = new ArrayList<>();
    private NDManager manager;
    private long changedByRounding;
    private long lostUpdates;

    private WeightPrecision(FloatFormat format, boolean masterCopy) {
        this.format = Args.notNull("format", format);
        this.masterCopy = masterCopy;
    }

    /** Weights stored in {@code format} and updated in it: small updates are lost. */
    public static WeightPrecision withoutMasterCopy(FloatFormat format) {
        return new WeightPrecision(format, false);
    }

    /** Weights used in {@code format}, updated in a float32 master copy. */
    public static WeightPrecision withMasterCopy(FloatFormat format) {
        return new WeightPrecision(format, true);
    }

    /** The format the weights are stored in. */
    public FloatFormat format() {
        return format;
    }

    /** Whether the updates go into a float32 master copy. */
    public boolean masterCopy() {
        return masterCopy;
    }

    /**
     * Weight values whose update was lost to rounding so far: the optimizer changed them, and the stored
     * value after rounding is the one before the update (without a master copy), summed over steps.
     */
    public long lostUpdates() {
        return lostUpdates;
    }

    /** Weight values rounding changed (summed over steps): how often the format mattered at all. */
    public long changedByRounding() {
        return changedByRounding;
    }

    @Override
    public void onStart(TrainingRun run) {
        manager = run.task().manager();
        for (Parameter p : run.task().model().namedParameters().values()) {
            if (p.requiresGradient()) {
                NDArray w = p.getArray();
                float[] values = w.toFloatArray();
                weights.add(w);
                masters.add(masterCopy ? values.clone() : null);
                float[] rounded = round(values);
                stored.add(rounded);
                write(w, rounded);
            }
        }
    }

    /**
     * After each update, stores the weights in the format (see the class comment). Without a master copy it
     * also adds the column {@value #LOST_COLUMN} to the run's history: the fraction of the weight values the
     * optimizer changed at this step whose change rounding undid.
     */
    @Override
    public void onStep(StepRecord step) {
        long lost = 0;
        long updated = 0;
        for (int i = 0; i < weights.size(); i++) {
            NDArray w = weights.get(i);
            float[] now = w.toFloatArray();          // after the optimizer's update
            float[] before = stored.get(i);          // what the model computed with
            float[] next;
            if (masterCopy) {
                float[] master = masters.get(i);
                for (int j = 0; j < master.length; j++) {
                    master[j] += now[j] - before[j]; // the update, in float32, into the master
                }
                next = round(master);
            } else {
                next = round(now);
                for (int j = 0; j < now.length; j++) {
                    if (now[j] != before[j]) {
                        updated++;
                        if (next[j] == before[j]) {
                            lost++;
                        }
                    }
                }
            }
            stored.set(i, next);
            write(w, next);
        }
        lostUpdates += lost;
        if (!masterCopy) {
            step.measure(LOST_COLUMN, updated == 0 ? 0 : (double) lost / updated);
        }
    }

    /** The history column of the fraction of updates lost at a step (without a master copy). */
    public static final String LOST_COLUMN = "lost_fraction";

    private float[] round(float[] values) {
        float[] out = new float[values.length];
        for (int j = 0; j < values.length; j++) {
            out[j] = (float) format.round(values[j]);
            if (out[j] != values[j]) {
                changedByRounding++;
            }
        }
        return out;
    }

    private void write(NDArray weight, float[] values) {
        try (NDManager m = manager.newSubManager()) {
            m.create(values, weight.getShape()).copyTo(weight);
        }
    }
}
