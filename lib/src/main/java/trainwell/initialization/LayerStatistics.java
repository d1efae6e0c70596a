package trainwell.initialization;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import java.util.Map;
import java.util.function.Function;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Per-layer statistics at one step, for the initialization lesson: the mean and std of each layer's output
 * (kind "activation") and of each parameter's gradient (kind "gradient").
 */
public final class LayerStatistics {

    /** The value of the {@code kind} column for layer outputs. */
    public static final String ACTIVATION = "activation";
    /** The value of the {@code kind} column for parameter gradients. */
    public static final String GRADIENT = "gradient";

    private LayerStatistics() {}

    /**
     * Runs one forward and backward pass and returns a table with columns layer, kind, mean, std.
     * {@code loss} computes the scalar loss of one batch in training mode with the ParameterStore it is
     * given; it should create its input arrays on {@code ps.getManager()}, a sub-manager closed afterwards.
     * Gradients are set back to zero afterwards so a following training step starts clean.
     */
    public static <M extends Block & Probed> Table measure(M model, NDManager manager, Function<ParameterStore, NDArray> loss) {
        StringColumn layer = StringColumn.create("layer");
        StringColumn kind = StringColumn.create("kind");
        DoubleColumn mean = DoubleColumn.create("mean");
        DoubleColumn std = DoubleColumn.create("std");
        Map<String, Parameter> params = ParameterNames.of(model);
        try (NDManager sub = manager.newSubManager(); GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            model.setProbe((name, x) -> add(layer, kind, mean, std, name, ACTIVATION, x.toFloatArray()));
            try {
                collector.backward(loss.apply(new ParameterStore(sub, false)));
            } finally {
                model.setProbe(null);
            }
            for (Map.Entry<String, Parameter> e : params.entrySet()) {
                try (NDArray g = e.getValue().getArray().getGradient()) {
                    add(layer, kind, mean, std, e.getKey(), GRADIENT, g.toFloatArray());
                    g.subi(g);
                }
            }
        }
        return Table.create("layer statistics", layer, kind, mean, std);
    }

    private static void add(StringColumn layer, StringColumn kind, DoubleColumn mean, DoubleColumn std, String name,
            String what, float[] values) {
        double[] ms = meanStd(values);
        layer.append(name);
        kind.append(what);
        mean.append(ms[0]);
        std.append(ms[1]);
    }

    /** Mean and population standard deviation of the values, in double precision. */
    static double[] meanStd(float[] values) {
        double sum = 0;
        for (float v : values) {
            sum += v;
        }
        double m = sum / values.length;
        double sq = 0;
        for (float v : values) {
            sq += (v - m) * (v - m);
        }
        return new double[] {m, Math.sqrt(sq / values.length)};
    }
}
