package trainwell.models;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import trainwell.core.Args;
import trainwell.core.Tensors;
import trainwell.initialization.ActivationProbe;

/**
 * Token embedding (optionally scaled by sqrt(d_model), or sqrt(base d_model) under muP) plus positional encoding, then dropout.
 * Children: {@code token} and, for learned positions, {@code position}.
 */
public final class InputEmbedding extends ModelBlock {

    private final String name;
    private final TokenEmbedding token;
    private final TokenEmbedding position;
    private final float[] sinusoids;
    private final int dModel;
    private final int maxLength;
    private final double scale;
    private final float dropout;
    private ActivationProbe probe;

    /** The input embedding for a vocabulary of {@code vocab} tokens, named {@code name} in probe reports. */
    public InputEmbedding(String name, int vocab, TransformerConfig config) {
        this.name = name;
        this.dModel = config.dModel();
        this.maxLength = config.maxLength();
        // Vaswani et al. multiply embeddings by sqrt(d_model) so that token vectors (drawn small) and the
        // unit-amplitude sinusoids have comparable size; muP keeps the base width's factor at every width.
        this.scale = config.embeddingScale();
        this.dropout = (float) config.dropout();
        token = addChildBlock("token", new TokenEmbedding(vocab, dModel));
        boolean learned = config.positions() == Positions.LEARNED;
        position = learned ? addChildBlock("position", new TokenEmbedding(maxLength, dModel)) : null;
        sinusoids = learned ? null : sinusoidTable(maxLength, dModel);
    }

    /**
     * PE(pos, 2i) = sin(pos / 10000^(2i/d)), PE(pos, 2i+1) = cos(pos / 10000^(2i/d)) (Vaswani et al., 3.5),
     * flattened row by row as a (maxLength, d) table.
     */
    public static float[] sinusoidTable(int maxLength, int dModel) {
        float[] table = new float[maxLength * dModel];
        for (int pos = 0; pos < maxLength; pos++) {
            for (int col = 0; col < dModel; col++) {
                int i = col / 2;
                double angle = pos / Math.pow(10000, 2.0 * i / dModel);
                table[pos * dModel + col] = (float) (col % 2 == 0 ? Math.sin(angle) : Math.cos(angle));
            }
        }
        return table;
    }

    /** Embeds integer ids (B, T) into (B, T, d). */
    public NDArray apply(ParameterStore ps, NDArray ids, boolean training) {
        int t = (int) ids.getShape().get(1);
        Args.check(t <= maxLength, "sequence length", "must be <= maxLength (" + maxLength + ")", t);
        NDArray x = token.lookup(ps, ids, training);
        if (scale != 1) {
            x = Tensors.times(x, scale);
        }
        NDManager m = ids.getManager();
        if (position != null) {
            // Position ids are created on the batch's manager so the lookup result is freed with the batch.
            x = x.add(position.lookup(ps, m.arange(0, t, 1, DataType.INT64), training));
        } else {
            float[] slice = new float[t * dModel];
            System.arraycopy(sinusoids, 0, slice, 0, slice.length);
            x = x.add(m.create(slice, new Shape(t, dModel)));
        }
        x = Layers.dropout(x, dropout, training);
        if (probe != null) {
            probe.record(name, x);
        }
        return ActivationSizes.report(name, x);
    }

    /** The token table (the tied output layer reuses it). */
    public TokenEmbedding token() {
        return token;
    }

    void setProbe(ActivationProbe probe) {
        this.probe = probe;
    }

    /** Ids (B, T) give vectors (B, T, d_model). */
    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return appended(inputShapes[0], dModel);
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        return single(apply(ps, inputs.singletonOrThrow(), training));
    }
}
