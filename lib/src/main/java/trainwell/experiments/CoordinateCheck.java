package trainwell.experiments;

import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import trainwell.core.Args;
import trainwell.models.ActivationSizes;
import trainwell.models.TransformerConfig;
import trainwell.optimizers.OptimizerSpec;
import trainwell.training.StepRecord;
import trainwell.training.Training;
import trainwell.training.TrainingConfig;
import trainwell.training.TrainingListener;
import trainwell.training.TrainingRun;
import trainwell.training.TrainingTask;

/**
 * The coordinate check of Yang et al. 2022 ("Tensor Programs V: Tuning Large Neural Networks via Zero-Shot
 * Hyperparameter Transfer", arXiv 2203.03466, and microsoft/mup's {@code get_coord_data}/{@code plot_coord_data}):
 * train the same model at several widths for a few steps at a constant, rather large learning rate and watch the
 * mean size of every layer's output. In the standard parametrization with Adam, the outputs after one step grow with
 * the width (a wider model takes a bigger step in function space at the same learning rate, which is why the best
 * learning rate moves when a model grows); under muP ({@link TransformerConfig#withMup(int)}) they stay about the same.
 *
 * <p>Each width trains through {@link Training#run} (so a muP model gets muP's learning rates), without gradient
 * clipping (clipping would hide a too-large update), from the same seed. Before the first step (step 0) and after
 * each step, a forward pass without dropout on one fixed training batch (batch 0 of a generator seeded with the
 * seed) records the mean |activation| of each layer through {@link ActivationSizes}. A run that diverges stops
 * early and leaves fewer rows.
 */
public final class CoordinateCheck {

    /** Examples in each training batch and in the measured batch, unless given. */
    public static final int DEFAULT_BATCH_SIZE = 16;

    /** The seed of the models, the batches and the measured batch, unless given. */
    public static final long DEFAULT_SEED = 1;

    private CoordinateCheck() {}

    /**
     * {@link #run(TransformerConfig, int[], int, OptimizerSpec, double, int, long, Function)} with batches of
     * {@value #DEFAULT_BATCH_SIZE} and seed {@value #DEFAULT_SEED}.
     */
    public static Table run(TransformerConfig model, int[] widths, int steps, OptimizerSpec optimizer, double lr,
            Function<TransformerConfig, ? extends TrainingTask> task) {
        return run(model, widths, steps, optimizer, lr, DEFAULT_BATCH_SIZE, DEFAULT_SEED, task);
    }

    /**
     * Trains {@code model} at each width for {@code steps} steps and returns the mean |activation| per layer before
     * and after each step: columns width, step (0 = at initialization), layer, mean_abs.
     *
     * @param model     the configuration at any width; each run changes dModel to the width and the FFN width in
     *                  proportion (ffnWidth x width / dModel), and keeps everything else, muP's base width included
     * @param widths    the d_model of each run, each divisible by the heads
     * @param steps     training steps per width, 1 or more (the paper plots 1 to 4)
     * @param optimizer the optimizer (Adam-like for a muP model)
     * @param lr        the constant learning rate, > 0
     * @param batchSize examples per batch, > 0
     * @param seed      the seed of every run (the same initialization draw and batches at every width)
     * @param task      builds the task (model and data) for a configuration, e.g.
     *                  {@code c -> LanguageModelTask.create(c, train, validation, 32, 1)}
     */
    public static Table run(TransformerConfig model, int[] widths, int steps, OptimizerSpec optimizer, double lr,
            int batchSize, long seed, Function<TransformerConfig, ? extends TrainingTask> task) {
        Args.notNull("model", model);
        Args.check(widths != null && widths.length > 0, "widths", "must hold at least one width",
                java.util.Arrays.toString(widths));
        for (int w : widths) {
            Args.positive("width", w);
            Args.check(w % model.heads() == 0, "width", "must be divisible by heads (" + model.heads() + ")", w);
        }
        Args.positive("steps", steps);
        Args.notNull("optimizer", optimizer);
        Args.positive("lr", lr);
        Args.positive("batchSize", batchSize);
        Args.notNull("task", task);
        IntColumn width = IntColumn.create("width");
        IntColumn step = IntColumn.create("step");
        StringColumn layer = StringColumn.create("layer");
        DoubleColumn meanAbs = DoubleColumn.create("mean_abs");
        TrainingConfig training = TrainingConfig.defaults().withOptimizer(optimizer).withConstantLr(lr).withSteps(steps)
                .withBatchSize(batchSize).withoutClipping().withEvalEvery(steps).withStatsEvery(steps).withSeed(seed)
                .withProgress(false);
        for (int w : widths) {
            int ffn = (int) Math.max(1, Math.round((double) model.ffnWidth() * w / model.dModel()));
            TransformerConfig sized = model.withDModel(w).withFfnWidth(ffn);
            TrainingListener recorder = new TrainingListener() {
                private TrainingRun run;

                @Override
                public void onStart(TrainingRun r) {
                    run = r;
                    record(0);
                }

                @Override
                public void onStep(StepRecord s) {
                    record(s.step() + 1);
                }

                private void record(int after) {
                    TrainingTask t = run.task();
                    Map<String, Double> sizes;
                    try (NDManager m = t.manager().newSubManager()) {
                        ParameterStore ps = new ParameterStore(m, false);
                        sizes = ActivationSizes.during(
                                () -> t.trainBatch(m, ps, 0, batchSize, new Random(seed), false));
                    }
                    sizes.forEach((name, value) -> {
                        width.append(w);
                        step.append(after);
                        layer.append(name);
                        meanAbs.append(value);
                    });
                }
            };
            Training.run("coordinate check, width " + w, training, s -> task.apply(sized), recorder);
        }
        return Table.create("coordinate check" + (model.mup() ? " (muP, base " + model.mupBaseDModel() + ")" : ""),
                width, step, layer, meanAbs);
    }
}
