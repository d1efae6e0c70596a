package trainwell.training;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/** The gradient norm of every layer at every step, before clipping: {@link TrainingResult#layers()}. */
final class LayerNorms implements TrainingListener {

    private final Map<String, String> layerOf = new LinkedHashMap<>();
    private final IntColumn step = IntColumn.create("step");
    private final StringColumn layer = StringColumn.create("layer");
    private final DoubleColumn norm = DoubleColumn.create("grad_norm");

    LayerNorms(Iterable<String> parameterNames) {
        for (String p : parameterNames) {
            layerOf.put(p, Training.layerKey(p));
        }
    }

    @Override
    public void onStep(StepRecord s) {
        Map<String, Double> squares = new LinkedHashMap<>();
        s.gradients().perParameter().forEach((param, n) -> squares.merge(layerOf.getOrDefault(param, param), n * n, Double::sum));
        squares.forEach((name, sq) -> {
            step.append(s.step());
            layer.append(name);
            norm.append(Math.sqrt(sq));
        });
    }

    /** One row per step and layer: step, run, seed, layer, grad_norm. */
    Table table(String run, long seed) {
        int n = step.size();
        String[] runs = new String[n];
        double[] seeds = new double[n];
        Arrays.fill(runs, run);
        Arrays.fill(seeds, seed);
        return Table.create(run + " (layers)", step, StringColumn.create("run", runs), DoubleColumn.create("seed", seeds),
                layer, norm);
    }
}
