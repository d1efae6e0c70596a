package trainwell.training;

import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import java.util.List;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;
import trainwell.core.Args;
import trainwell.models.AttentionProbe;

/**
 * Watches the attention of every layer during a run: every {@code n} steps (and at the last step) it runs the model
 * once more, without dropout and without gradients, on a fixed batch (validation batch 0), and records per layer
 * the largest attention logit q.k / sqrt(d_h) and the mean attention entropy in nats (see {@link AttentionProbe}).
 *
 * <p>What to look for (Dehghani et al. 2023, arXiv 2302.05442; Wortsman et al. 2023, arXiv 2309.14322): at a too
 * high learning rate the largest logit keeps growing and the entropy falls towards 0 (each query attends to one key)
 * before the loss stalls or diverges; with QK-layernorm ({@code TransformerConfig.withQkNorm(true)}) the logits stay
 * bounded. Uniform attention over n keys has entropy log(n), the upper end of the scale.
 *
 * <p>The extra pass changes nothing in the run: it draws no random numbers, and its batch is the validation set's
 * own. It costs about a third of a training step every {@code n} steps. A listener belongs to one run.
 *
 * <pre>{@code
 * AttentionStats attention = AttentionStats.every(10);
 * TrainingResult r = Training.run("lr 0.1", config, task, attention);
 * Table t = attention.table();   // step, run, seed, layer, max_logit, entropy: one row per measured step and layer
 * }</pre>
 */
public final class AttentionStats implements TrainingListener {

    private final int every;
    private final int batchSize;
    private TrainingRun run;
    private final IntColumn step = IntColumn.create("step");
    private final IntColumn layer = IntColumn.create("layer");
    private final DoubleColumn maxLogit = DoubleColumn.create("max_logit");
    private final DoubleColumn entropy = DoubleColumn.create("entropy");

    private AttentionStats(int every, int batchSize) {
        this.every = Args.positive("every", every);
        this.batchSize = batchSize;
    }

    /** Measures at step 0, every {@code steps} steps after it and at the last step, on a batch of the run's size. */
    public static AttentionStats every(int steps) {
        return new AttentionStats(steps, 0);
    }

    /** The same schedule, measured on {@code examples} examples instead of the run's batch size (a cheaper pass). */
    public AttentionStats withBatchSize(int examples) {
        return new AttentionStats(every, Args.positive("examples", examples));
    }

    @Override
    public void onStart(TrainingRun r) {
        run = RunColumns.claim(run, r, "AttentionStats");
    }

    @Override
    public void onStep(StepRecord s) {
        if (s.step() % every == 0 || s.last()) {
            measure(s.step());
        }
    }

    private void measure(int at) {
        TrainingTask task = run.task();
        int examples = batchSize > 0 ? batchSize : run.config().batchSize();
        List<AttentionProbe.Stats> stats;
        try (NDManager m = task.manager().newSubManager()) {
            ParameterStore ps = new ParameterStore(m, false);
            stats = AttentionProbe.during(() -> task.validationBatch(m, ps, 0, examples));
        }
        for (int i = 0; i < stats.size(); i++) {
            step.append(at);
            layer.append(i);
            maxLogit.append(stats.get(i).maxLogit());
            entropy.append(stats.get(i).entropy());
        }
    }

    /**
     * One row per measured step and attention layer: step, run, seed, layer (0 = first; for an encoder-decoder the
     * order of {@link AttentionProbe#during}), max_logit, entropy (nats). Tables of several runs stack.
     */
    public Table table() {
        return RunColumns.table("attention", run, step, layer, maxLogit, entropy);
    }
}
