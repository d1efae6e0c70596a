package trainwell.plots;

import ai.djl.ndarray.NDArray;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import trainwell.core.Args;
import trainwell.plots.HeatMap;
import trainwell.plots.Plots;

/**
 * One attention matrix, queries x keys, with a label for every query and key: what a heat map of attention
 * needs. Take it from weights a model recorded ({@link TransformerModel#attentionWeights()}) or from an
 * array of weights computed by hand.
 *
 * <pre>{@code
 * model.recordAttention(true);
 * task.translate(List.of(source));
 * float[][][][] cross = model.attentionWeights().get("decoder.layer1.crossAttention");
 * AttentionMap.meanOverHeads(cross, 0).labelled(outputTokens, sourceTokens).heatmap("Cross-attention").show();
 * }</pre>
 *
 * @param weights rows are queries, columns are keys
 * @param queries one label per row, top to bottom
 * @param keys    one label per column, left to right
 */
public record AttentionMap(double[][] weights, List<String> queries, List<String> keys) {

    /** What a label made only of white space is shown as, so that a space token stays visible. */
    public static final String SPACE = "\u2423";

    /** Checks that the matrix is rectangular and has one label per row and per column; copies everything. */
    public AttentionMap {
        Args.notNull("weights", weights);
        Args.check(weights.length > 0, "weights", "must have at least one row", "0 rows");
        Args.notNull("queries", queries);
        Args.notNull("keys", keys);
        double[][] copy = new double[weights.length][];
        for (int i = 0; i < weights.length; i++) {
            Args.notNull("weights[" + i + "]", weights[i]);
            Args.check(weights[i].length == weights[0].length && weights[i].length > 0, "weights[" + i + "].length",
                    "must equal the length of row 0 (" + weights[0].length + ") and be > 0", weights[i].length);
            copy[i] = weights[i].clone();
        }
        weights = copy;
        Args.check(queries.size() == weights.length, "queries", "must have one label per row (" + weights.length + ")",
                queries.size());
        Args.check(keys.size() == weights[0].length, "keys", "must have one label per column (" + weights[0].length + ")",
                keys.size());
        queries = visible(queries);
        keys = visible(keys);
    }

    /** Head {@code head} of example {@code example} of weights recorded as [batch][head][query][key]. */
    public static AttentionMap of(float[][][][] recorded, int example, int head) {
        float[][][] heads = example(recorded, example);
        Args.check(head >= 0 && head < heads.length, "head", "must be in [0, " + heads.length + ")", head);
        return numbered(toDouble(heads[head], 1));
    }

    /** The mean over all heads of example {@code example} of weights recorded as [batch][head][query][key]. */
    public static AttentionMap meanOverHeads(float[][][][] recorded, int example) {
        float[][][] heads = example(recorded, example);
        double[][] mean = new double[heads[0].length][heads[0][0].length];
        for (float[][] h : heads) {
            double[][] one = toDouble(h, heads.length);
            for (int i = 0; i < mean.length; i++) {
                for (int j = 0; j < mean[i].length; j++) {
                    mean[i][j] += one[i][j];
                }
            }
        }
        return numbered(mean);
    }

    /**
     * A (Tq, Tk) array, or one with leading axes of size 1 such as (1, 1, Tq, Tk), e.g. the weights of
     * {@link Attention#weights} for one example and one head.
     */
    public static AttentionMap of(NDArray weights) {
        Args.notNull("weights", weights);
        long[] shape = weights.getShape().getShape();
        Args.check(shape.length >= 2, "weights", "must have at least two axes", weights.getShape());
        for (int a = 0; a < shape.length - 2; a++) {
            Args.check(shape[a] == 1, "weights", "must have size 1 on every axis but the last two", weights.getShape());
        }
        int rows = (int) shape[shape.length - 2];
        int cols = (int) shape[shape.length - 1];
        float[] flat = weights.toType(ai.djl.ndarray.types.DataType.FLOAT32, false).toFloatArray();
        double[][] m = new double[rows][cols];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                m[i][j] = flat[i * cols + j];
            }
        }
        return numbered(m);
    }

    /**
     * With these labels; the matrix keeps its first {@code queries.size()} rows and {@code keys.size()}
     * columns, so that padding and positions past the end of a sequence drop out.
     */
    public AttentionMap labelled(List<String> queries, List<String> keys) {
        Args.notNull("queries", queries);
        Args.notNull("keys", keys);
        Args.check(queries.size() >= 1 && queries.size() <= weights.length, "queries",
                "must have between 1 and " + weights.length + " labels", queries.size());
        Args.check(keys.size() >= 1 && keys.size() <= weights[0].length, "keys",
                "must have between 1 and " + weights[0].length + " labels", keys.size());
        double[][] cut = new double[queries.size()][];
        for (int i = 0; i < cut.length; i++) {
            cut[i] = java.util.Arrays.copyOf(weights[i], keys.size());
        }
        return new AttentionMap(cut, queries, keys);
    }

    /** The weight of query {@code query} on key {@code key}. */
    public double weight(int query, int key) {
        Args.check(query >= 0 && query < weights.length, "query", "must be in [0, " + weights.length + ")", query);
        Args.check(key >= 0 && key < weights[0].length, "key", "must be in [0, " + weights[0].length + ")", key);
        return weights[query][key];
    }

    /** For each query, the index of the key it attends to most (the first one on a tie). */
    public int[] strongestKeys() {
        int[] best = new int[weights.length];
        for (int i = 0; i < weights.length; i++) {
            for (int j = 1; j < weights[i].length; j++) {
                if (weights[i][j] > weights[i][best[i]]) {
                    best[i] = j;
                }
            }
        }
        return best;
    }

    /** The entropy of each row in nats: 0 when a query looks at one key, ln(keys) when it spreads evenly. */
    public double[] rowEntropies() {
        double[] h = new double[weights.length];
        for (int i = 0; i < weights.length; i++) {
            for (double w : weights[i]) {
                if (w > 0) {
                    h[i] -= w * Math.log(w);
                }
            }
        }
        return h;
    }

    /** The matrix (a copy). */
    @Override
    public double[][] weights() {
        double[][] copy = new double[weights.length][];
        for (int i = 0; i < weights.length; i++) {
            copy[i] = weights[i].clone();
        }
        return copy;
    }

    /** A heat map with keys across and queries down, on a fixed [0, 1] colour scale (weights are probabilities). */
    public HeatMap heatmap(String title) {
        return Plots.heatmap(title).matrix(weights).rows(queries).columns(keys).range(0, 1).x("key").y("query");
    }

    private static float[][][] example(float[][][][] recorded, int example) {
        Args.notNull("recorded", recorded);
        Args.check(example >= 0 && example < recorded.length, "example", "must be in [0, " + recorded.length + ")", example);
        float[][][] heads = recorded[example];
        Args.check(heads.length > 0 && heads[0].length > 0 && heads[0][0].length > 0, "recorded[" + example + "]",
                "must hold at least one head with one query and one key", heads.length);
        return heads;
    }

    private static double[][] toDouble(float[][] m, int divideBy) {
        double[][] out = new double[m.length][];
        for (int i = 0; i < m.length; i++) {
            out[i] = new double[m[i].length];
            for (int j = 0; j < m[i].length; j++) {
                out[i][j] = (double) m[i][j] / divideBy;
            }
        }
        return out;
    }

    private static AttentionMap numbered(double[][] m) {
        return new AttentionMap(m, numbers(m.length), numbers(m[0].length));
    }

    private static List<String> numbers(int n) {
        return IntStream.range(0, n).mapToObj(Integer::toString).toList();
    }

    private static List<String> visible(List<String> labels) {
        List<String> out = new ArrayList<>(labels.size());
        for (String label : labels) {
            Args.notNull("label", label);
            out.add(label.isBlank() ? SPACE : label);
        }
        return List.copyOf(out);
    }
}
