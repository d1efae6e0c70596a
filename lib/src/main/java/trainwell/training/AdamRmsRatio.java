package trainwell.training;

import ai.djl.nn.Parameter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import trainwell.core.Args;
import trainwell.optimizers.djl.AdamOptimizer;
import trainwell.optimizers.djl.MuonOptimizer;
import trainwell.optimizers.djl.TorchStyleOptimizer;

/**
 * Watches whether Adam's second-moment estimate keeps up with the gradients: every {@code n} steps (and at the last
 * step) it records, per parameter, the RMS ratio {@code sqrt(mean(g^2 / v_hat))} of the update just made (see
 * {@link AdamOptimizer.RmsRatio} for the exact definition and its source, Wortsman et al. 2023, arXiv 2304.13013,
 * section 3.4). Near 1, v tracks the squared gradients; far above 1, the gradients grew faster than v (whose memory
 * is about {@code 1 / (1 - beta2)} steps) could follow, and Adam's update {@code g / sqrt(v)} is larger than it was
 * meant to be. Wortsman et al. saw loss spikes follow such ratio spikes by 1-8 steps, more with beta2 = 0.99 or
 * 0.999 than with 0.95.
 *
 * <p>The gradient is the one that entered Adam's update: after the loop's clipping, plus the L2 term for Adam with
 * coupled weight decay. The optimizer computes the ratio while it updates (the loop zeroes gradients after each
 * update, so a listener could not see them afterwards); on other steps it computes nothing. It works with the
 * Adam family ({@code OptimizerSpec.adam/adamW/rAdam}) and with Muon, whose AdamW half (embeddings, output layer,
 * norms, biases) it then watches; Muon's own matrices have no second moment and do not appear. Other optimizers
 * are refused at the start of the run.
 *
 * <p>What it adds to the run's history at each measured step: {@value #MAX_COLUMN}, the largest ratio over the
 * layers (parameters, unless grouped with {@link #perLayer()} or {@link #groupedBy}), and {@value #COLUMN}, the
 * ratio pooled over every element the optimizer watched. {@link #table()} keeps every parameter's value;
 * {@link #layerTable()} and {@link #series} give the layers. A listener belongs to one run.
 *
 * <pre>{@code
 * AdamRmsRatio rms = AdamRmsRatio.everyStep().perLayer();
 * TrainingResult r = Training.run("beta2 0.999", config, task, rms);
 * double[] worst = r.history().doubleColumn(AdamRmsRatio.MAX_COLUMN).asDoubleArray();
 * }</pre>
 */
public final class AdamRmsRatio implements TrainingListener {

    /** The history column of the largest ratio over the layers at a measured step. */
    public static final String MAX_COLUMN = "rms_ratio_max";
    /** The history column of the ratio pooled over all watched elements at a measured step. */
    public static final String COLUMN = "rms_ratio";

    private final int every;
    private final UnaryOperator<String> layerOf;
    private TrainingRun run;
    private AdamOptimizer adam;
    private final Map<String, String> names = new LinkedHashMap<>(); // parameter ID -> dotted name
    private final IntColumn step = IntColumn.create("step");
    private final StringColumn parameter = StringColumn.create("parameter");
    private final StringColumn layer = StringColumn.create("layer");
    private final DoubleColumn elements = DoubleColumn.create("elements");
    private final DoubleColumn meanSquare = DoubleColumn.create("mean_square");
    private final DoubleColumn rms = DoubleColumn.create("rms_ratio");

    private AdamRmsRatio(int every, UnaryOperator<String> layerOf) {
        this.every = Args.positive("every", every);
        this.layerOf = layerOf;
    }

    /** Measures at every step. */
    public static AdamRmsRatio everyStep() {
        return every(1);
    }

    /** Measures at step 0, every {@code steps} steps after it and at the last step. */
    public static AdamRmsRatio every(int steps) {
        return new AdamRmsRatio(steps, UnaryOperator.identity());
    }

    /**
     * The same schedule, with the parameters' ratios pooled per layer as {@link TrainingResult#layers()} groups
     * them: "decoder.layer0" for "decoder.layer0.ffn.in.weight", else the first part of the name ("embedding",
     * "head").
     */
    public AdamRmsRatio perLayer() {
        return groupedBy(Training::layerKey);
    }

    /**
     * The same schedule, with the parameters pooled into the layer {@code layerOf} names for each dotted
     * parameter name (e.g. {@code name -> name.startsWith("decoder") ? "blocks" : name}).
     */
    public AdamRmsRatio groupedBy(UnaryOperator<String> layerOf) {
        return new AdamRmsRatio(every, Args.notNull("layerOf", layerOf));
    }

    @Override
    public void onStart(TrainingRun r) {
        run = RunColumns.claim(run, r, "AdamRmsRatio");
        adam = adamOf(r.optimizer());
        Args.check(!adam.recordsRmsRatios(), "listener", "is the second AdamRmsRatio of run " + r.name()
                + "; one per run (they would share the optimizer's records)", this);
        for (Map.Entry<String, Parameter> e : r.task().model().namedParameters().entrySet()) {
            names.put(e.getValue().getId(), e.getKey());
        }
        adam.takeRmsRatios(); // nothing from before the run
        adam.recordRmsRatios(measures(0));
    }

    /** The Adam optimizer to watch: the run's own, or Muon's AdamW half. */
    private static AdamOptimizer adamOf(TorchStyleOptimizer optimizer) {
        if (optimizer instanceof AdamOptimizer a) {
            return a;
        }
        if (optimizer instanceof MuonOptimizer muon && muon.fallback() instanceof AdamOptimizer a) {
            return a;
        }
        throw new IllegalArgumentException("optimizer: AdamRmsRatio needs an Adam-family optimizer (Adam, AdamW, "
                + "RAdam) or Muon with its AdamW half, but got " + optimizer.getClass().getSimpleName());
    }

    private boolean measures(int at) {
        return at % every == 0 || at == run.config().steps() - 1;
    }

    @Override
    public void onStep(StepRecord s) {
        if (adam.recordsRmsRatios()) {
            record(s);
        }
        adam.recordRmsRatios(measures(s.step() + 1) && s.step() + 1 < run.config().steps());
    }

    private void record(StepRecord s) {
        Map<String, AdamOptimizer.RmsRatio> ratios = adam.takeRmsRatios();
        if (ratios.isEmpty()) {
            return; // the update was skipped (non-finite gradient)
        }
        Map<String, double[]> pooled = new LinkedHashMap<>(); // layer -> {sum of n * meanSquare, n}
        double total = 0;
        double count = 0;
        for (Map.Entry<String, String> e : names.entrySet()) {
            AdamOptimizer.RmsRatio r = ratios.get(e.getKey());
            if (r == null) {
                continue; // frozen, or updated by Muon
            }
            String name = e.getValue();
            String group = Args.notNull("layer name of " + name, layerOf.apply(name));
            step.append(s.step());
            parameter.append(name);
            layer.append(group);
            elements.append(r.elements());
            meanSquare.append(r.meanSquare());
            rms.append(r.rms());
            double[] acc = pooled.computeIfAbsent(group, g -> new double[2]);
            acc[0] += r.elements() * r.meanSquare();
            acc[1] += r.elements();
            total += r.elements() * r.meanSquare();
            count += r.elements();
        }
        double max = pooled.values().stream().mapToDouble(acc -> Math.sqrt(acc[0] / acc[1])).max().orElse(Double.NaN);
        s.measure(MAX_COLUMN, max);
        s.measure(COLUMN, count == 0 ? Double.NaN : Math.sqrt(total / count));
    }

    @Override
    public void onEnd(TrainingResult result) {
        adam.recordRmsRatios(false);
    }

    /**
     * One row per measured step and watched parameter: step, run, seed, parameter (dotted name), layer (its group),
     * elements, mean_square (the mean of g^2 / v_hat), rms_ratio (its square root). Tables of several runs stack.
     */
    public Table table() {
        return RunColumns.table("Adam RMS ratio", run, step, parameter, layer, elements, meanSquare, rms);
    }

    /**
     * One row per measured step and layer: step, run, seed, layer, rms_ratio pooled over the layer's elements
     * ({@code sqrt(sum n_i ms_i / sum n_i)} over its parameters i). Without grouping, a layer is a parameter.
     */
    public Table layerTable() {
        Map<String, double[]> acc = new LinkedHashMap<>(); // "step\tlayer" -> {sum n ms, n}
        List<Integer> steps = new ArrayList<>();
        List<String> layers = new ArrayList<>();
        for (int i = 0; i < step.size(); i++) {
            String key = step.getInt(i) + "\t" + layer.get(i);
            double[] a = acc.get(key);
            if (a == null) {
                a = new double[2];
                acc.put(key, a);
                steps.add(step.getInt(i));
                layers.add(layer.get(i));
            }
            a[0] += elements.getDouble(i) * meanSquare.getDouble(i);
            a[1] += elements.getDouble(i);
        }
        double[] values = acc.values().stream().mapToDouble(a -> Math.sqrt(a[0] / a[1])).toArray();
        return RunColumns.table("Adam RMS ratio per layer", run,
                IntColumn.create("step", steps.stream().mapToInt(Integer::intValue).toArray()),
                StringColumn.create("layer", layers), DoubleColumn.create("rms_ratio", values));
    }

    /** The layers (or parameters, without grouping) in the model's order, as {@link #series} names them. */
    public List<String> layers() {
        return List.copyOf(new LinkedHashSet<>(layer.asList()));
    }

    /**
     * The ratio of one layer (or parameter, by dotted name) at each measured step, in step order; a step where
     * it was not measured is absent.
     *
     * @throws IllegalArgumentException for a name that is neither a layer nor a parameter here
     */
    public double[] series(String name) {
        Args.notNull("name", name);
        Table layers = layerTable();
        Table rows = layers.where(layers.stringColumn("layer").isEqualTo(name));
        if (rows.rowCount() == 0) {
            Table params = table().where(table().stringColumn("parameter").isEqualTo(name));
            Args.check(params.rowCount() > 0, "name", "is not a layer or parameter this listener measured; layers: "
                    + layers(), name);
            return params.doubleColumn("rms_ratio").asDoubleArray();
        }
        return rows.doubleColumn("rms_ratio").asDoubleArray();
    }
}
