package trainwell.models;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * One decoder layer: masked (causal) self-attention, cross-attention to the encoder output, FFN; each in a
 * residual connection with LayerNorm (children {@code selfAttention}, {@code selfAttentionNorm},
 * {@code crossAttention}, {@code crossAttentionNorm}, {@code ffn}, {@code ffnNorm}).
 */
public final class DecoderLayer extends ModelBlock {

    private final MultiHeadAttention selfAttention;
    private final LayerNorm selfAttentionNorm;
    private final MultiHeadAttention crossAttention;
    private final LayerNorm crossAttentionNorm;
    private final FeedForward ffn;
    private final LayerNorm ffnNorm;
    private final NormPlacement placement;
    private final double alpha;
    private final float dropout;
    private String attentionLabel = "layer.attention";
    private String ffnLabel = "layer.ffn";
    private String crossAttentionLabel = "layer.crossAttention";

    /** A layer shaped by {@code config}; {@code alpha} is DeepNorm's residual multiplier (1 otherwise). */
    public DecoderLayer(TransformerConfig config, double alpha) {
        this.placement = config.norm();
        this.alpha = alpha;
        this.dropout = (float) config.dropout();
        int d = config.dModel();
        selfAttention = addChildBlock("selfAttention",
                new MultiHeadAttention(d, config.heads(), config.dropout(), true, config.fusedQkv(),
                        config.qkNorm(), config.attentionScale()));
        selfAttentionNorm = addChildBlock("selfAttentionNorm", new LayerNorm(d));
        crossAttention = addChildBlock("crossAttention",
                new MultiHeadAttention(d, config.heads(), config.dropout(), false, config.fusedQkv(),
                        config.qkNorm(), config.attentionScale()));
        crossAttentionNorm = addChildBlock("crossAttentionNorm", new LayerNorm(d));
        ffn = addChildBlock("ffn", new FeedForward(d, config.ffnWidth(), config.activation()));
        ffnNorm = addChildBlock("ffnNorm", new LayerNorm(d));
    }

    /**
     * Runs the layer on x (B, T, d) with a self-attention mask (causal plus padding), the encoder output
     * {@code memory} (B, S, d) and a cross-attention mask (source padding), masks may be null.
     */
    public NDArray apply(ParameterStore ps, NDArray x, NDArray selfMask, NDArray memory, NDArray crossMask,
            boolean training) {
        NDArray h = Layers.residual(placement, alpha, selfAttentionNorm, ps, x,
                y -> ActivationSizes.report(attentionLabel, selfAttention.apply(ps, y, null, selfMask, training)),
                dropout, training);
        h = Layers.residual(placement, alpha, crossAttentionNorm, ps, h,
                y -> ActivationSizes.report(crossAttentionLabel, crossAttention.apply(ps, y, memory, crossMask,
                        training)), dropout, training);
        return Layers.residual(placement, alpha, ffnNorm, ps, h,
                y -> ActivationSizes.report(ffnLabel, ffn.apply(ps, y, training)), dropout, training);
    }

    /** This layer, named {@code label} in {@link ActivationSizes} reports (e.g. {@code decoder.layer0}). */
    DecoderLayer labelled(String label) {
        attentionLabel = label + ".attention";
        ffnLabel = label + ".ffn";
        crossAttentionLabel = label + ".crossAttention";
        return this;
    }

    /** Inputs: x, self mask, memory, cross mask. */
    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        return single(apply(ps, inputs.get(0), inputs.get(1), inputs.get(2), inputs.get(3), training));
    }
}
