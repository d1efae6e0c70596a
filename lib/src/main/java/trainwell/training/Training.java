package trainwell.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Parameter;
import ai.djl.nn.ParameterList;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CancellationException;
import java.util.function.LongFunction;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import trainwell.core.Args;
import trainwell.core.Parallel;
import trainwell.models.RunRandomness;
import trainwell.notebook.Progress;
import trainwell.optimizers.djl.ParameterGroups;
import trainwell.optimizers.djl.TorchStyleOptimizer;
import trainwell.results.RunLog;
import trainwell.training.clip.GradientClipping;
import trainwell.training.clip.GradientNorms;
import trainwell.training.loss.LabelSmoothingCrossEntropy;

/**
 * The course's training loop, written out so that every step can be read and measured: forward pass,
 * label-smoothed cross-entropy, backward pass, per-layer gradient norms and global-norm clipping, the
 * optimizer's update with the scheduled learning rate, and, at intervals, validation.
 *
 * <p>Each step runs in its own sub-manager, closed at the end of the step, so native memory stays flat.
 * A run that diverges stops with a message and returns what it recorded; it does not throw.
 */
public final class Training {

    private static final long STATUS_NANOS = 200_000_000L;

    /** Receives a live run's progress: steps done of all, and its progress line. */
    public interface StatusSink {
        /** {@code stepsDone} of {@code steps} are done; {@code line} describes the run's state. */
        void report(int stepsDone, int steps, String line);
    }

    private Training() {}

    /**
     * Seeds DJL with {@code config.seed()}, builds the task (and so the model) with {@code task}, trains
     * it and closes it. Use this for experiments over seeds: the same seed gives the same initialization.
     */
    public static TrainingResult run(String name, TrainingConfig config, LongFunction<? extends TrainingTask> task) {
        Args.notNull("config", config);
        Args.notNull("task", task);
        return run(name, config, task, null);
    }

    /**
     * {@link #run(String, TrainingConfig, LongFunction)} that also hands its progress (at most five times a
     * second) to {@code status} (an experiment's display of its live runs; null: none). The model is built under
     * {@link RunRandomness#seeded} and the run's dropout draws from its own sequence, so a run gives the same
     * numbers alone or beside others on other threads. Inside a job of {@link Parallel#map} the run stops
     * with a {@link CancellationException} at its next step once the job's experiment is cancelled.
     */
    public static TrainingResult run(String name, TrainingConfig config, LongFunction<? extends TrainingTask> task,
            StatusSink status) {
        Args.notNull("config", config);
        Args.notNull("task", task);
        ThreadGradients.offOnThisThread();
        TrainingTask built = RunRandomness.seeded(config.seed(), () -> task.apply(config.seed()));
        try (TrainingTask t = built; RunRandomness r = RunRandomness.open(config.seed())) {
            Args.notNull("name", name);
            return new Loop(name, t, config, status).run();
        }
    }

    /** Trains {@code task}'s model as {@code config} says; the task stays open (decode, plot attention...). */
    public static TrainingResult run(String name, TrainingTask task, TrainingConfig config) {
        Args.notNull("name", name);
        Args.notNull("task", task);
        Args.notNull("config", config);
        ThreadGradients.offOnThisThread();
        try (RunRandomness r = RunRandomness.open(config.seed())) {
            return new Loop(name, task, config, null).run();
        }
    }

    /** One run's state; lives for the duration of {@link #run}. */
    private static final class Loop {
        private final String name;
        private final TrainingTask task;
        private final TrainingConfig config;
        private final ParameterList parameters;
        private final Map<String, String> layerOf = new LinkedHashMap<>();
        private final LabelSmoothingCrossEntropy trainLoss;
        private final LabelSmoothingCrossEntropy evalLoss;
        private final RunLog log;
        private final IntColumn layerStep = IntColumn.create("step");
        private final StringColumn layerName = StringColumn.create("layer");
        private final DoubleColumn layerNorm = DoubleColumn.create("grad_norm");
        private NDManager snapshotManager;
        private Map<String, NDArray> best;
        private double bestLoss = Double.POSITIVE_INFINITY;
        private int bestStep = -1;
        private int evalsWithoutImprovement;
        private final StatusSink sink;
        private long lastStatus;

        Loop(String name, TrainingTask task, TrainingConfig config, StatusSink status) {
            this.name = name;
            this.sink = status;
            this.task = task;
            this.config = config;
            // Dotted names (encoder.layer0.ffn.in.weight): readable in tables, and the key of per-layer norms.
            this.parameters = new ParameterList(task.model().namedParameters());
            for (var p : parameters) {
                layerOf.put(p.getKey(), layerKey(p.getKey()));
            }
            this.trainLoss = LabelSmoothingCrossEntropy.withSmoothing(config.labelSmoothing()).ignoring(task.ignoreIndex());
            this.evalLoss = LabelSmoothingCrossEntropy.plain().ignoring(task.ignoreIndex());
            this.log = RunLog.of(name).config("run", name).config("seed", config.seed());
        }

        TrainingResult run() {
            NativeHeap.keepFreedMemory();
            Random random = new Random(config.seed());
            ParameterGroups groups = config.decayAll() ? ParameterGroups.uniform() : ParameterGroups.standard(task.model());
            Progress progress = config.progress() ? Progress.start(name + ": starting") : null;
            long start = System.nanoTime();
            TrainingResult.Status status = TrainingResult.Status.COMPLETED;
            String message = null;
            double firstLoss = Double.NaN;
            int stepsRun = 0;
            try (TorchStyleOptimizer optimizer = config.optimizer().build(config.schedule(), groups)) {
                for (int step = 0; step < config.steps(); step++) {
                    long t0 = System.nanoTime();
                    StepRecord r = trainStep(step, random, optimizer);
                    double ms = (System.nanoTime() - t0) / 1e6;
                    stepsRun = step + 1;
                    if (step == 0) {
                        firstLoss = r.loss;
                    }
                    Map<String, Double> row = new LinkedHashMap<>();
                    row.put("loss", r.loss);
                    row.put("lr", r.lr);
                    row.put("grad_norm", r.gradNorm);
                    if (!Double.isNaN(r.updateRatio)) {
                        row.put("update_ratio", r.updateRatio);
                    }
                    row.put("ms", ms);
                    log.add(step, row);
                    if (!Double.isFinite(r.loss) || !Double.isFinite(r.gradNorm)
                            || r.loss > config.divergenceFactor() * firstLoss) {
                        status = TrainingResult.Status.DIVERGED;
                        message = String.format(Locale.ROOT,
                                "diverged at step %d: loss %.4g, gradient norm %.4g, first loss %.4g, lr %.3g; "
                                        + "the %d steps run are kept", step, r.loss, r.gradNorm, firstLoss, r.lr, stepsRun);
                        break;
                    }
                    boolean last = step == config.steps() - 1;
                    if ((step + 1) % config.evalEvery() == 0 || last) {
                        double[] eval = evaluate();
                        log.add(step, Map.of("val_loss", eval[0], "val_accuracy", eval[1]));
                        if (config.patience() > 0 && earlyStop(step, eval[0])) {
                            status = TrainingResult.Status.EARLY_STOPPED;
                            break;
                        }
                        if (config.patience() == 0 && eval[0] < bestLoss) {
                            bestLoss = eval[0];
                            bestStep = step;
                        }
                    }
                    if (progress != null) {
                        progress.update(progressLine(step, r, start));
                    }
                    if (sink != null && System.nanoTime() - lastStatus > STATUS_NANOS) {
                        lastStatus = System.nanoTime();
                        sink.report(step + 1, config.steps(), progressLine(step, r, start));
                    }
                    if (Parallel.cancelled()) {
                        throw new CancellationException(name + ": stopped at step " + (step + 1)
                                + " because its experiment was cancelled");
                    }
                }
                if (config.patience() > 0 && best != null) {
                    restoreBest();
                    if (status == TrainingResult.Status.EARLY_STOPPED) {
                        message = String.format(Locale.ROOT, "stopped early after %d evaluations without improvement;"
                                + " restored the weights of step %d (validation loss %.4f)",
                                config.patience(), bestStep, bestLoss);
                    }
                }
            } finally {
                if (snapshotManager != null) {
                    snapshotManager.close();
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            Table history = withStandardColumns(log.table());
            if (message == null) {
                message = String.format(Locale.ROOT, "final loss %.4f, validation loss %.4f, validation accuracy %.3f",
                        TrainingResult.last(history, "loss"), TrainingResult.last(history, "val_loss"),
                        TrainingResult.last(history, "val_accuracy"));
            }
            if (progress != null) {
                progress.done(String.format(Locale.ROOT, "%s: %s after %d steps in %.1f s (%.1f ms/step): %s", name,
                        status.name().toLowerCase(Locale.ROOT).replace('_', ' '), stepsRun, seconds,
                        history.doubleColumn("ms").mean(), message));
            }
            return new TrainingResult(name, config, history, layersTable(), status, message, stepsRun, bestStep,
                    bestStep < 0 ? Double.NaN : bestLoss, seconds);
        }

        /** Adds the optional metric columns a run may not have logged (it diverged before its first evaluation),
         * as missing values, so that histories of several runs always stack. */
        private static Table withStandardColumns(Table history) {
            for (String column : List.of("update_ratio", "val_loss", "val_accuracy")) {
                if (!history.containsColumn(column)) {
                    double[] missing = new double[history.rowCount()];
                    Arrays.fill(missing, Double.NaN);
                    history.addColumns(DoubleColumn.create(column, missing));
                }
            }
            return history;
        }

        private record StepRecord(double loss, double lr, double gradNorm, double updateRatio) {}

        private StepRecord trainStep(int step, Random random, TorchStyleOptimizer optimizer) {
            try (NDManager m = task.manager().newSubManager()) {
                ParameterStore ps = new ParameterStore(m, false);
                double loss;
                try (GradientCollector collector = new ThreadGradients()) {
                    Prediction p = task.trainBatch(m, ps, step, config.batchSize(), random, true);
                    NDArray l = trainLoss.evaluate(new NDList(p.labels()), new NDList(p.logits()));
                    collector.backward(l);
                    loss = l.getFloat();
                }
                GradientNorms.Report norms = GradientClipping.measureAndClip(parameters, config.clipNorm());
                recordLayers(step, norms);
                double lr = config.schedule().at(step);
                if (!Double.isFinite(norms.total()) || !Double.isFinite(loss)) {
                    GradientClipping.zeroGradients(parameters); // no update from a non-finite gradient
                    return new StepRecord(loss, lr, norms.total(), Double.NaN);
                }
                boolean stats = step % config.statsEvery() == 0;
                List<NDArray> before = stats ? snapshot(m) : null;
                for (var entry : parameters) {
                    Parameter param = entry.getValue();
                    if (!param.requiresGradient()) {
                        continue;
                    }
                    NDArray weight = param.getArray();
                    try (NDArray grad = weight.getGradient()) {
                        optimizer.update(param.getId(), weight, grad);
                    }
                }
                double ratio = stats ? updateRatio(before) : Double.NaN;
                return new StepRecord(loss, lr, norms.total(), ratio);
            }
        }

        /** Copies of the trainable weights on {@code m}, for the update-to-weight ratio. */
        private List<NDArray> snapshot(NDManager m) {
            List<NDArray> copies = new ArrayList<>();
            for (var entry : parameters) {
                if (entry.getValue().requiresGradient()) {
                    NDArray copy = entry.getValue().getArray().duplicate();
                    copy.attach(m);
                    copies.add(copy);
                }
            }
            return copies;
        }

        /** ||w_after - w_before|| / ||w_before|| over all trainable weights, read with one host transfer. */
        private double updateRatio(List<NDArray> before) {
            NDList sq = new NDList();
            int i = 0;
            for (var entry : parameters) {
                if (entry.getValue().requiresGradient()) {
                    NDArray old = before.get(i++);
                    // Called on the copy (step manager): an op called on a parameter would land in the model's.
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

        private void recordLayers(int step, GradientNorms.Report norms) {
            Map<String, Double> squares = new LinkedHashMap<>();
            norms.perParameter().forEach((param, n) -> squares.merge(layerOf.getOrDefault(param, param), n * n, Double::sum));
            squares.forEach((layer, s) -> {
                layerStep.append(step);
                layerName.append(layer);
                layerNorm.append(Math.sqrt(s));
            });
        }

        private double[] evaluate() {
            Evaluation e = Training.evaluate(task, config.batchSize(), evalLoss);
            return new double[] {e.loss(), e.accuracy()};
        }

        /** Tracks the best validation loss; true when patience has run out. */
        private boolean earlyStop(int step, double valLoss) {
            if (valLoss < bestLoss) {
                bestLoss = valLoss;
                bestStep = step;
                evalsWithoutImprovement = 0;
                keepBest();
                return false;
            }
            evalsWithoutImprovement++;
            return evalsWithoutImprovement >= config.patience();
        }

        private void keepBest() {
            if (snapshotManager != null) {
                snapshotManager.close();
            }
            snapshotManager = task.manager().newSubManager();
            best = new LinkedHashMap<>();
            for (var entry : parameters) {
                NDArray copy = entry.getValue().getArray().duplicate();
                copy.attach(snapshotManager);
                best.put(entry.getKey(), copy);
            }
        }

        private void restoreBest() {
            for (var entry : parameters) {
                best.get(entry.getKey()).copyTo(entry.getValue().getArray());
            }
        }

        private Table layersTable() {
            int n = layerStep.size();
            String[] runs = new String[n];
            double[] seeds = new double[n];
            java.util.Arrays.fill(runs, name);
            java.util.Arrays.fill(seeds, config.seed());
            return Table.create(name + " (layers)", layerStep, StringColumn.create("run", runs),
                    DoubleColumn.create("seed", seeds), layerName, layerNorm);
        }

        private String progressLine(int step, StepRecord r, long start) {
            double elapsed = (System.nanoTime() - start) / 1e9;
            double left = elapsed / (step + 1) * (config.steps() - step - 1);
            return String.format(Locale.ROOT, "%s: step %d/%d  loss %.4f  lr %.2e  grad norm %.3g  ~%.0f s left",
                    name, step + 1, config.steps(), r.loss, r.lr, r.gradNorm, left);
        }
    }

    /** Validation loss (cross-entropy without smoothing) and accuracy (over non-ignored labels). */
    public record Evaluation(double loss, double accuracy) {}

    /** Evaluates {@code task}'s model on its validation set, in batches of {@code batchSize}. */
    public static Evaluation evaluate(TrainingTask task, int batchSize) {
        Args.notNull("task", task);
        Args.positive("batchSize", batchSize);
        return evaluate(task, batchSize, LabelSmoothingCrossEntropy.plain().ignoring(task.ignoreIndex()));
    }

    private static Evaluation evaluate(TrainingTask task, int batchSize, LabelSmoothingCrossEntropy loss) {
        double lossSum = 0;
        double correct = 0;
        double counted = 0;
        int batches = task.validationBatches(batchSize);
        for (int i = 0; i < batches; i++) {
            try (NDManager m = task.manager().newSubManager()) {
                ParameterStore ps = new ParameterStore(m, false);
                Prediction p = task.validationBatch(m, ps, i, batchSize);
                NDArray labels = p.labels().toType(DataType.INT64, false);
                NDArray keep = labels.neq(task.ignoreIndex());
                NDArray hits = p.logits().argMax(-1).eq(labels).logicalAnd(keep);
                // One transfer for the three numbers of this batch.
                float[] v = NDArrays.stack(new NDList(
                        loss.evaluate(new NDList(p.labels()), new NDList(p.logits())),
                        keep.toType(DataType.FLOAT32, false).sum(),
                        hits.toType(DataType.FLOAT32, false).sum())).toFloatArray();
                lossSum += (double) v[0] * v[1];
                counted += v[1];
                correct += v[2];
            }
        }
        return new Evaluation(lossSum / counted, correct / counted);
    }

    /**
     * The layer a parameter belongs to, for per-layer plots: "encoder.layer0" for
     * "encoder.layer0.ffn.in.weight", else the first part of the name ("sourceEmbedding", "head").
     */
    static String layerKey(String parameter) {
        String[] parts = parameter.split("\\.");
        if (parts.length >= 3 && (parts[0].equals("encoder") || parts[0].equals("decoder"))) {
            return parts[0] + "." + parts[1];
        }
        return parts[0];
    }
}
