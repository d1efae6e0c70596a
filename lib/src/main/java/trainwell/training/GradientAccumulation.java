package trainwell.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import trainwell.core.Args;
import trainwell.core.Tensors;
import trainwell.data.Seq2SeqBatch;
import trainwell.optimizers.djl.TorchStyleOptimizer;
import trainwell.training.loss.LabelSmoothingCrossEntropy;

/**
 * Gradient accumulation made visible: the gradient of one batch, computed in {@code k} micro-batches whose
 * backward passes add up in the parameters' gradients (DJL's PyTorch engine, like PyTorch, accumulates
 * gradients until something zeroes them), and how each micro-batch's loss must be scaled for the sum to be
 * the large batch's gradient.
 *
 * <p>The training loss is the mean over the batch's real tokens (padding excluded). A micro-batch holds
 * {@code n_i} of the batch's {@code N} tokens. Two ways to scale its loss:
 * <ul>
 *   <li>{@link Normalization#PER_TOKEN}: the micro-batch's <i>sum</i> of token losses divided by the whole
 *   batch's {@code N}. The sum over micro-batches is exactly the batch's mean: the same gradient.
 *   <li>{@link Normalization#PER_MICRO_BATCH}: the micro-batch's own mean divided by {@code k}, what a loop
 *   that calls {@code loss / k} on each micro-batch's (already averaged) loss does. A token of micro-batch
 *   {@code i} then weighs {@code N / (k n_i)} times what it should: equal only when every micro-batch holds
 *   the same number of tokens. With padding or variable lengths it is a different, biased gradient (this was
 *   a real defect of widely used trainers until 2024; see the Hugging Face blog post "Fixing Gradient
 *   Accumulation", October 2024).
 * </ul>
 * The model is used without dropout, so the micro-batches' forward passes are those of the large batch.
 */
public final class GradientAccumulation {

    /** How each micro-batch's loss is scaled before its backward pass. */
    public enum Normalization {
        /** Sum of the micro-batch's token losses / the whole batch's token count: exact. */
        PER_TOKEN,
        /** The micro-batch's mean token loss / the number of micro-batches: biased when token counts differ. */
        PER_MICRO_BATCH
    }

    /**
     * One accumulated gradient.
     *
     * @param gradient every parameter's gradient, flattened in the model's parameter order
     * @param tokensPerMicroBatch the real (non-padding) target tokens of each micro-batch
     * @param loss the sum of the scaled micro-batch losses (the large batch's mean for PER_TOKEN)
     * @param matrices the gradient of every 2-D parameter (rows x columns, as the weight), by parameter name
     */
    public record Result(double[] gradient, int[] tokensPerMicroBatch, double loss, Map<String, double[][]> matrices) {

        /** The gradient of the 2-D parameter {@code name} (e.g. an attention projection's weight). */
        public double[][] matrix(String name) {
            double[][] m = matrices.get(name);
            Args.check(m != null, "name", "must name a 2-D parameter of the model: one of " + matrices.keySet(), name);
            return m;
        }

        /** The weight one token of micro-batch {@code i} gets relative to PER_TOKEN's, for {@code normalization}. */
        public double tokenWeight(int i, Normalization normalization) {
            Args.inRange("i", i, 0, tokensPerMicroBatch.length - 1);
            if (normalization == Normalization.PER_TOKEN) {
                return 1;
            }
            int total = Arrays.stream(tokensPerMicroBatch).sum();
            return (double) total / (tokensPerMicroBatch.length * tokensPerMicroBatch[i]);
        }
    }

    private GradientAccumulation() {}

    /**
     * The gradient of the mean token loss over training pairs {@code indices} of {@code task}, accumulated
     * over {@code microBatches} contiguous micro-batches of (nearly) equal numbers of pairs, their losses scaled
     * as {@code normalization} says. {@code microBatches = 1} is the large batch itself. The model's
     * gradients are zero before and after the call; its weights are not changed.
     */
    public static Result gradient(TranslationTask task, int[] indices, int microBatches, Normalization normalization) {
        Args.notNull("task", task);
        Args.notNull("indices", indices);
        Args.notNull("normalization", normalization);
        Args.check(indices.length > 0, "indices", "must hold at least one pair", indices.length);
        Args.check(microBatches >= 1 && microBatches <= indices.length, "microBatches",
                "must be in [1, " + indices.length + "] (at least one pair per micro-batch)", microBatches);
        Map<String, Parameter> named = new LinkedHashMap<>();
        task.model().namedParameters().forEach((name, p) -> {
            if (p.requiresGradient()) {
                named.put(name, p);
            }
        });
        List<Parameter> parameters = List.copyOf(named.values());
        zeroGradients(parameters);
        ThreadGradients.offOnThisThread();
        LabelSmoothingCrossEntropy meanLoss = LabelSmoothingCrossEntropy.plain().ignoring(task.ignoreIndex());
        int[][] parts = split(indices, microBatches);
        double loss = 0;
        int[] tokens = new int[microBatches];
        try (NDManager m = task.manager().newSubManager()) {
            // Every micro-batch built once: the scaling needs the whole batch's token count before the first backward.
            Seq2SeqBatch[] batches = new Seq2SeqBatch[microBatches];
            for (int i = 0; i < microBatches; i++) {
                batches[i] = task.train().batch(m, parts[i]);
                tokens[i] = Math.round(batches[i].decoderLabel().neq(task.ignoreIndex()).toType(DataType.FLOAT32, false)
                        .sum().getFloat());
            }
            int total = Arrays.stream(tokens).sum();
            for (int i = 0; i < microBatches; i++) {
                double scale = normalization == Normalization.PER_TOKEN ? (double) tokens[i] / total : 1.0 / microBatches;
                Seq2SeqBatch b = batches[i];
                try (NDManager step = m.newSubManager(); ThreadGradients collector = new ThreadGradients()) {
                    NDArray logits = task.model().logits(new ParameterStore(step, false), b.source(), b.sourceMask(),
                            b.decoderInput(), b.targetMask(), false);
                    // the micro-batch's mean x (n_i / N) = its sum / N; or its mean / k
                    NDArray l = Tensors.times(meanLoss.evaluate(new NDList(b.decoderLabel()), new NDList(logits)), scale);
                    collector.backward(l);
                    loss += l.getFloat();
                }
            }
        }
        double[] flat = flatten(parameters);
        Map<String, double[][]> matrices = new LinkedHashMap<>();
        int at = 0;
        for (var e : named.entrySet()) {
            NDArray w = e.getValue().getArray();
            if (w.getShape().dimension() == 2) {
                int rows = (int) w.getShape().get(0);
                int cols = (int) w.getShape().get(1);
                double[][] m = new double[rows][cols];
                for (int r = 0; r < rows; r++) {
                    System.arraycopy(flat, at + r * cols, m[r], 0, cols);
                }
                matrices.put(e.getKey(), m);
            }
            at += (int) w.size();
        }
        zeroGradients(parameters);
        return new Result(flat, tokens, loss, Collections.unmodifiableMap(matrices));
    }

    /** {@code ||a - b|| / ||b||}: how far gradient {@code a} is from the reference {@code b}. */
    public static double relativeDifference(double[] a, double[] b) {
        Args.notNull("a", a);
        Args.notNull("b", b);
        Args.check(a.length == b.length, "a", "must have b's length " + b.length, a.length);
        double diff = 0;
        double norm = 0;
        for (int i = 0; i < a.length; i++) {
            diff += (a[i] - b[i]) * (a[i] - b[i]);
            norm += b[i] * b[i];
        }
        Args.check(norm > 0, "b", "must not be all zeros", "a zero vector");
        return Math.sqrt(diff / norm);
    }

    /** {@code indices} cut into {@code k} contiguous parts whose sizes differ by at most one. */
    static int[][] split(int[] indices, int k) {
        int[][] parts = new int[k][];
        int from = 0;
        for (int i = 0; i < k; i++) {
            int size = indices.length / k + (i < indices.length % k ? 1 : 0);
            parts[i] = Arrays.copyOfRange(indices, from, from + size);
            from += size;
        }
        return parts;
    }

    private static double[] flatten(List<Parameter> parameters) {
        long size = parameters.stream().mapToLong(p -> p.getArray().size()).sum();
        double[] out = new double[Math.toIntExact(size)];
        int at = 0;
        for (var p : parameters) {
            NDArray weight = p.getArray();
            if (weight.hasGradient()) {
                try (NDArray g = weight.getGradient()) {
                    for (float v : g.toFloatArray()) {
                        out[at++] = v;
                    }
                }
            } else {
                at += (int) weight.size();
            }
        }
        return out;
    }

    private static void zeroGradients(List<Parameter> parameters) {
        parameters.forEach(p -> TorchStyleOptimizer.zeroGradient(p.getArray()));
    }
}
