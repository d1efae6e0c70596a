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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;
import java.util.ServiceLoader;
import java.util.concurrent.CancellationException;
import java.util.function.LongFunction;
import tech.tablesaw.api.Table;
import trainwell.core.Args;
import trainwell.core.Parallel;
import trainwell.models.RunRandomness;
import trainwell.models.TransformerModel;
import trainwell.optimizers.OptimizerSpec;
import trainwell.optimizers.djl.ParameterGroups;
import trainwell.optimizers.djl.TorchStyleOptimizer;
import trainwell.training.clip.GradientClipping;
import trainwell.training.clip.GradientNorms;
import trainwell.training.loss.LabelSmoothingCrossEntropy;
import trainwell.training.loss.ZLoss;

/**
 * The course's training loop, written out so that every step can be read: batch, forward pass, label-smoothed
 * cross-entropy (plus the z-loss when configured), backward pass, global-norm clipping, the optimizer's update at
 * the scheduled learning rate, the listeners, and at intervals validation (at the weights the optimizer answers
 * with: {@link TorchStyleOptimizer#evalMode}, then back with {@link TorchStyleOptimizer#trainMode}; a run ends in
 * evaluation mode, so a task kept open holds those weights). One step counter picks the batch, the learning rate
 * the optimizer applies and the row of the history.
 *
 * <p>Everything else is a {@link TrainingListener}: the history table, per-layer gradient norms, update-to-weight
 * ratios, the divergence stop, early stopping, the progress line, and any listener the caller passes. Each step runs
 * in its own sub-manager, closed at the end of the step, so native memory stays flat. A run that diverges stops
 * with a message and returns what it recorded; it does not throw.
 */
public final class Training {

    /** Receives a live run's progress: steps done of all, and its progress line. */
    public interface StatusSink {
        /** {@code stepsDone} of {@code steps} are done; {@code line} describes the run's state. */
        void report(int stepsDone, int steps, String line);
    }

    private Training() {}

    /**
     * The parameter groups a run trains {@code model} with: {@link ParameterGroups#standard} (no decay on biases,
     * norms and embeddings) or, with {@code decayAll}, {@link ParameterGroups#uniform}; for a muP model
     * ({@link trainwell.models.TransformerConfig#withMup}) {@link ParameterGroups#mup}, whose hidden matrices learn at
     * the learning rate divided by the width multiplier (microsoft/mup's MuAdam).
     *
     * @throws IllegalArgumentException for a muP model with SGD or Muon, whose muP rules differ from Adam's (MuSGD
     *                                  scales the vector-like parameters instead)
     */
    public static ParameterGroups parameterGroups(TransformerModel model, TrainingConfig config) {
        Args.notNull("model", model);
        Args.notNull("config", config);
        if (!model.config().mup()) {
            return config.decayAll() ? ParameterGroups.uniform(model) : ParameterGroups.standard(model);
        }
        OptimizerSpec spec = config.optimizer();
        Args.check(!(spec instanceof OptimizerSpec.Sgd) && !(spec instanceof OptimizerSpec.Muon), "optimizer",
                "must be Adam-like for a muP model (muP's learning-rate rule here is MuAdam's; SGD and Muon need "
                        + "other rules)", spec);
        return ParameterGroups.mup(model, model.config().widthMult(), spec.weightDecay(), config.decayAll());
    }

    /**
     * Seeds DJL with {@code config.seed()}, builds the task (and so the model) with {@code task}, trains it and
     * closes it. Use this for experiments over seeds: the same seed gives the same initialization. The
     * {@code listeners} watch the run after the built-in ones (see {@link TrainingListener}).
     */
    public static TrainingResult run(String name, TrainingConfig config, LongFunction<? extends TrainingTask> task,
            TrainingListener... listeners) {
        Args.notNull("listeners", listeners);
        return run(name, config, task, List.of(listeners));
    }

    /**
     * {@link #run(String, TrainingConfig, LongFunction, TrainingListener...)} that also hands its progress (at
     * most five times a second) to {@code status} (an experiment's display of its live runs). The model is built
     * under {@link RunRandomness#seeded} and the run's dropout draws from its own sequence, so a run gives the
     * same numbers alone or beside others on other threads. Inside a job of {@link Parallel#map} the run stops
     * with a {@link CancellationException} at its next step once the job's experiment is cancelled.
     */
    public static TrainingResult run(String name, TrainingConfig config, LongFunction<? extends TrainingTask> task,
            StatusSink status) {
        Args.notNull("status", status);
        return run(name, config, task, List.of(new StatusListener(status)));
    }

    /**
     * {@link #run(String, TrainingConfig, LongFunction, StatusSink)} watched also by {@code listeners} (e.g. an
     * experiment's per-run measurement), which see every step before the status display.
     */
    public static TrainingResult run(String name, TrainingConfig config, LongFunction<? extends TrainingTask> task,
            StatusSink status, List<? extends TrainingListener> listeners) {
        Args.notNull("status", status);
        Args.notNull("listeners", listeners);
        List<TrainingListener> all = new ArrayList<>(listeners);
        all.add(new StatusListener(status));
        return run(name, config, task, all);
    }

    private static TrainingResult run(String name, TrainingConfig config, LongFunction<? extends TrainingTask> task,
            List<TrainingListener> listeners) {
        Args.notNull("name", name);
        Args.notNull("config", config).check();
        Args.notNull("task", task);
        ThreadGradients.offOnThisThread();
        TrainingTask built = RunRandomness.seeded(config.seed(), () -> task.apply(config.seed()));
        try (TrainingTask t = built; RunRandomness r = RunRandomness.open(config.seed())) {
            return new Loop(name, t, config, listeners).run();
        }
    }

    /**
     * Trains {@code task}'s model as {@code config} says, watched by {@code listeners} after the built-in ones;
     * the task stays open (decode, plot attention...).
     */
    public static TrainingResult run(String name, TrainingConfig config, TrainingTask task,
            TrainingListener... listeners) {
        Args.notNull("name", name);
        Args.notNull("config", config).check();
        Args.notNull("task", task);
        Args.notNull("listeners", listeners);
        ThreadGradients.offOnThisThread();
        try (RunRandomness r = RunRandomness.open(config.seed())) {
            return new Loop(name, task, config, List.of(listeners)).run();
        }
    }

    /**
     * The progress display the presentation layer registers (trainwell.notebook.RunProgress), looked up with the
     * library's own class loader: a kernel's thread context class loader may not see the library's jar.
     */
    static Optional<ProgressDisplay> progressDisplay() {
        return ServiceLoader.load(ProgressDisplay.class, ProgressDisplay.class.getClassLoader()).findFirst();
    }

    /** One run; lives for the duration of {@link #run}. */
    private static final class Loop {
        private final TrainingRun run;
        private final TrainingTask task;
        private final TrainingConfig config;
        private final ParameterList parameters;
        private final LabelSmoothingCrossEntropy trainLoss;
        private final LabelSmoothingCrossEntropy evalLoss;
        private final ZLoss zLoss;
        private final History history;
        private final LayerNorms layers;
        private final List<TrainingListener> listeners = new ArrayList<>();
        private double lr; // the scheduled rate of the current step; the optimizer reads it (one step counter)

        Loop(String name, TrainingTask task, TrainingConfig config, List<TrainingListener> extra) {
            this.run = new TrainingRun(name, config, task);
            this.task = task;
            this.config = config;
            // Dotted names (encoder.layer0.ffn.in.weight): readable in tables, and the key of per-layer norms.
            this.parameters = new ParameterList(task.model().namedParameters());
            this.trainLoss = LabelSmoothingCrossEntropy.withSmoothing(config.labelSmoothing()).ignoring(task.ignoreIndex());
            this.evalLoss = LabelSmoothingCrossEntropy.plain().ignoring(task.ignoreIndex());
            this.zLoss = ZLoss.of(config.zLoss()).ignoring(task.ignoreIndex());
            this.history = new History(name, config.seed());
            this.layers = new LayerNorms(parameters.keys());
            // Measurements first, then rules that stop the run, the caller's listeners, displays, and the
            // history last (it writes the row the others measured).
            listeners.add(new UpdateRatios(config.statsEvery(), parameters, task.manager()));
            listeners.add(layers);
            listeners.add(new DivergenceStop());
            if (config.patience() > 0) {
                listeners.add(new EarlyStopping(config.patience(), parameters, task.manager()));
            }
            for (TrainingListener l : extra) {
                listeners.add(Args.notNull("listener", l));
            }
            if (config.progress()) {
                progressDisplay().ifPresent(d -> listeners.add(d.newListener()));
            }
            listeners.add(history);
        }

        TrainingResult run() {
            NativeHeap.keepFreedMemory();
            Random random = new Random(config.seed()); // draws the batches
            ParameterGroups groups = parameterGroups(task.model(), config);
            int stepsRun = 0;
            try (TorchStyleOptimizer optimizer = config.optimizer().build(k -> lr, groups)) {
                run.attach(optimizer);
                listeners.forEach(l -> l.onStart(run));
                for (int step = 0; step < config.steps() && !run.stopped(); step++) {
                    lr = config.schedule().at(step);
                    StepRecord record = trainStep(step, random, optimizer);
                    stepsRun = step + 1;
                    listeners.forEach(l -> l.onStep(record));
                    if (!run.stopped() && ((step + 1) % config.evalEvery() == 0 || record.last())) {
                        // The weights to evaluate: the trained ones, except schedule-free AdamW's average x.
                        optimizer.evalMode(parameters);
                        Evaluation e = evaluate(task, config.batchSize(), evalLoss);
                        var evaluation = new EvaluationRecord(run, step, e.loss(), e.accuracy());
                        listeners.forEach(l -> l.onEvaluation(evaluation));
                        optimizer.trainMode(parameters);
                    }
                    if (Parallel.cancelled()) {
                        throw new CancellationException(run.name() + ": stopped at step " + (step + 1)
                                + " because its experiment was cancelled");
                    }
                }
                optimizer.evalMode(parameters); // the model keeps the trained answer (x for schedule-free AdamW)
                TrainingResult result = result(stepsRun);
                listeners.forEach(l -> l.onEnd(result));
                return result;
            } finally {
                for (TrainingListener l : listeners) {
                    if (l instanceof AutoCloseable c) {
                        closeQuietly(c); // copies of weights, also when the run throws
                    }
                }
            }
        }

        /**
         * Batch, forward, loss, backward, clip, update: one step in its own sub-manager. The loss is the
         * cross-entropy plus, when configured, the z-loss; the mean log Z of the batch goes to column "log_z".
         */
        private StepRecord trainStep(int step, Random random, TorchStyleOptimizer optimizer) {
            long t0 = System.nanoTime();
            try (NDManager m = task.manager().newSubManager()) {
                ParameterStore ps = new ParameterStore(m, false);
                double loss;
                double logZ;
                try (GradientCollector collector = new ThreadGradients()) {
                    Prediction p = task.trainBatch(m, ps, step, config.batchSize(), random, true);
                    NDArray l = trainLoss.evaluate(new NDList(p.labels()), new NDList(p.logits()));
                    ZLoss.Terms z = zLoss.terms(p.labels(), p.logits());
                    if (config.zLoss() > 0) {
                        l = l.add(z.penalty());
                    }
                    collector.backward(l);
                    float[] v = NDArrays.stack(new NDList(l, z.meanLogZ())).toFloatArray(); // one host transfer
                    loss = v[0];
                    logZ = v[1];
                }
                GradientNorms.Report norms = GradientClipping.measureAndClip(parameters, config.clipNorm());
                boolean finite = Double.isFinite(norms.total()) && Double.isFinite(loss);
                if (finite) {
                    for (var entry : parameters) {
                        Parameter param = entry.getValue();
                        if (param.requiresGradient()) {
                            NDArray weight = param.getArray();
                            try (NDArray grad = weight.getGradient()) {
                                optimizer.update(param.getId(), weight, grad); // at rate lr
                            }
                        }
                    }
                } else {
                    GradientClipping.zeroGradients(parameters); // no update from a non-finite gradient
                }
                double ms = (System.nanoTime() - t0) / 1e6;
                var measurements = new LinkedHashMap<String, Double>();
                measurements.put("log_z", logZ);
                return new StepRecord(run, step, loss, lr, norms.total(), norms, finite, ms, measurements);
            }
        }

        private TrainingResult result(int stepsRun) {
            double seconds = run.elapsedSeconds();
            Table table = history.table();
            String message = run.message();
            if (message == null) {
                message = String.format(Locale.ROOT, "final loss %.4f, validation loss %.4f, validation accuracy %.3f",
                        TrainingResult.last(table, "loss"), TrainingResult.last(table, "val_loss"),
                        TrainingResult.last(table, "val_accuracy"));
            }
            return new TrainingResult(run.name(), config, table, layers.table(run.name(), config.seed()), run.status(),
                    message, stepsRun, history.bestStep(), history.bestLoss(), seconds);
        }

        private static void closeQuietly(AutoCloseable c) {
            try {
                c.close();
            } catch (Exception e) {
                throw new IllegalStateException("could not free a listener's memory", e);
            }
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
