package trainwell.models;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import trainwell.core.Args;

/**
 * Multi-head attention (Vaswani et al. 2017, section 3.2.2): project to queries, keys and values, split
 * into heads, attend, merge heads, project back.
 *
 * <p>Projections and their parameter names: fused self-attention {@code qkv} (3d, d); cross-attention
 * {@code query} (d, d) and fused {@code kv} (2d, d) applied to the encoder memory; or separate
 * {@code query}, {@code key}, {@code value}. The output projection is {@code outProj}. Fusing cuts the
 * number of native calls (one matmul instead of three).
 *
 * <p>With QK-layernorm on, each head's queries and keys pass through a LayerNorm over the head dimension (children
 * {@code queryNorm} and {@code keyNorm}, a gain and a bias of size d_h shared by the heads) before the scaled dot
 * product: z = LN(q) . LN(k) / sqrt(d_h). The logits can then grow only through the LayerNorm gains, not through
 * the whole projection matrices, which is what keeps attention from collapsing to one-hot weights at high learning
 * rates (Dehghani et al. 2023, "Scaling Vision Transformers to 22 Billion Parameters", arXiv 2302.05442; Wortsman
 * et al. 2023, "Small-scale proxies for large-scale Transformer training instabilities", arXiv 2309.14322). Their names contain "norm", so the default parameter groups
 * exclude them from weight decay like every other LayerNorm.
 *
 * <p>With {@link #recordWeights(boolean)} on, each forward pass copies its (pre-dropout) weights to a Java
 * array {@code float[B][heads][Tq][Tk]}: B x heads x Tq x Tk x 4 bytes per block (e.g. 64 x 4 x 32 x 32 x 4
 * = 1 MiB), plus one native-to-Java copy. Leave it off while training.
 */
public final class MultiHeadAttention extends ModelBlock {

    private final int dModel;
    private final int heads;
    private final float dropout;
    private final Dense qkv;
    private final Dense query;
    private final Dense key;
    private final Dense value;
    private final Dense kv;
    private final Dense outProj;
    private final LayerNorm queryNorm;
    private final LayerNorm keyNorm;
    private final double logitScale;
    private volatile boolean record;
    private volatile float[][][][] lastWeights;

    /**
     * A multi-head attention block of width {@code dModel}.
     *
     * @param selfAttention whether queries, keys and values come from the same sequence
     * @param fused         whether to fuse projections (qkv for self-attention, kv for cross-attention)
     */
    public MultiHeadAttention(int dModel, int heads, double dropout, boolean selfAttention, boolean fused) {
        this(dModel, heads, dropout, selfAttention, fused, false);
    }

    /**
     * A multi-head attention block of width {@code dModel}, with or without QK-layernorm.
     *
     * @param selfAttention whether queries, keys and values come from the same sequence
     * @param fused         whether to fuse projections (qkv for self-attention, kv for cross-attention)
     * @param qkNorm        whether queries and keys are layer-normalised per head before their dot product
     */
    public MultiHeadAttention(int dModel, int heads, double dropout, boolean selfAttention, boolean fused,
            boolean qkNorm) {
        this(dModel, heads, dropout, selfAttention, fused, qkNorm, 1.0 / Math.sqrt(headDim(dModel, heads)));
    }

    /**
     * A multi-head attention block whose logits are {@code logitScale} q.k instead of q.k / sqrt(d_h), e.g.
     * muP's sqrt(base d_h) / d_h ({@link TransformerConfig#attentionScale()}).
     *
     * @param selfAttention whether queries, keys and values come from the same sequence
     * @param fused         whether to fuse projections (qkv for self-attention, kv for cross-attention)
     * @param qkNorm        whether queries and keys are layer-normalised per head before their dot product
     * @param logitScale    the factor of the dot products q.k, > 0
     */
    public MultiHeadAttention(int dModel, int heads, double dropout, boolean selfAttention, boolean fused,
            boolean qkNorm, double logitScale) {
        headDim(dModel, heads);
        this.logitScale = Args.positive("logitScale", logitScale);
        this.dModel = dModel;
        this.heads = heads;
        this.dropout = (float) dropout;
        boolean fusedSelf = fused && selfAttention;
        boolean fusedCross = fused && !selfAttention;
        qkv = fusedSelf ? addChildBlock("qkv", new Dense(dModel, 3 * dModel, true)) : null;
        query = fusedSelf ? null : addChildBlock("query", new Dense(dModel, dModel, true));
        kv = fusedCross ? addChildBlock("kv", new Dense(dModel, 2 * dModel, true)) : null;
        key = fused ? null : addChildBlock("key", new Dense(dModel, dModel, true));
        value = fused ? null : addChildBlock("value", new Dense(dModel, dModel, true));
        outProj = addChildBlock("outProj", new Dense(dModel, dModel, true));
        queryNorm = qkNorm ? addChildBlock("queryNorm", new LayerNorm(dModel / heads)) : null;
        keyNorm = qkNorm ? addChildBlock("keyNorm", new LayerNorm(dModel / heads)) : null;
    }

    private static int headDim(int dModel, int heads) {
        Args.positive("heads", heads);
        Args.check(dModel % heads == 0, "dModel", "must be divisible by heads (" + heads + ")", dModel);
        return dModel / heads;
    }

    /**
     * Attends x (B, Tq, d) to {@code memory} (B, Tk, d), or to itself when memory is null, under an additive
     * mask broadcastable to (B, heads, Tq, Tk); returns (B, Tq, d).
     */
    public NDArray apply(ParameterStore ps, NDArray x, NDArray memory, NDArray mask, boolean training) {
        NDArray source = memory == null ? x : memory;
        long b = x.getShape().get(0);
        long tq = x.getShape().get(1);
        long tk = source.getShape().get(1);
        long dh = dModel / heads;
        NDArray q;
        NDArray k;
        NDArray v;
        if (qkv != null) {
            // (B, T, 3d) -> (B, T, 3, H, dh) -> (3, B, H, T, dh): one matmul, one reshape, one transpose.
            NDArray all = qkv.apply(ps, x, training).reshape(b, tq, 3, heads, dh).transpose(2, 0, 3, 1, 4);
            q = all.get(0);
            k = all.get(1);
            v = all.get(2);
        } else {
            q = splitHeads(query.apply(ps, x, training), b, tq, dh);
            if (kv != null) {
                NDArray both = kv.apply(ps, source, training).reshape(b, tk, 2, heads, dh).transpose(2, 0, 3, 1, 4);
                k = both.get(0);
                v = both.get(1);
            } else {
                k = splitHeads(key.apply(ps, source, training), b, tk, dh);
                v = splitHeads(value.apply(ps, source, training), b, tk, dh);
            }
        }
        if (queryNorm != null) {
            q = queryNorm.apply(ps, q, training); // (B, H, Tq, dh), normalised over dh
            k = keyNorm.apply(ps, k, training);
        }
        NDArray weights = Attention.weights(q, k, mask, logitScale);
        if (record) {
            lastWeights = toJava(weights);
        }
        NDArray heads = Layers.dropout(weights, dropout, training).matMul(v);
        NDArray merged = heads.transpose(0, 2, 1, 3).reshape(b, tq, dModel);
        return outProj.apply(ps, merged, training);
    }

    private NDArray splitHeads(NDArray x, long b, long t, long dh) {
        return x.reshape(b, t, heads, dh).transpose(0, 2, 1, 3);
    }

    /** Switches copying of the attention weights on or off (off by default; see the class comment for memory). */
    public void recordWeights(boolean on) {
        record = on;
        if (!on) {
            lastWeights = null;
        }
    }

    /** The weights [batch][head][query][key] of the last forward pass while recording, or null. */
    public float[][][][] lastWeights() {
        return lastWeights;
    }

    private static float[][][][] toJava(NDArray w) {
        long[] s = w.getShape().getShape();
        float[] flat = w.toFloatArray();
        int b = (int) s[0];
        int h = (int) s[1];
        int tq = (int) s[2];
        int tk = (int) s[3];
        float[][][][] out = new float[b][h][tq][tk];
        int i = 0;
        for (int bi = 0; bi < b; bi++) {
            for (int hi = 0; hi < h; hi++) {
                for (int qi = 0; qi < tq; qi++) {
                    System.arraycopy(flat, i, out[bi][hi][qi], 0, tk);
                    i += tk;
                }
            }
        }
        return out;
    }

    /** Inputs: x, or x and memory, then an optional mask (use an empty-shaped array for no memory). */
    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.get(0);
        NDArray memory = inputs.size() > 1 ? inputs.get(1) : null;
        NDArray mask = inputs.size() > 2 ? inputs.get(2) : null;
        return single(apply(ps, x, memory, mask, training));
    }
}
