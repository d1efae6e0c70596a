package trainwell.models;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * One encoder layer: self-attention then FFN, each wrapped in a residual connection with LayerNorm
 * (children {@code selfAttention}, {@code selfAttentionNorm}, {@code ffn}, {@code ffnNorm}). With a causal
 * mask it is also the block of a decoder-only language model (GPT).
 */
public final class EncoderLayer extends ModelBlock {

    private final MultiHeadAttention selfAttention;
    private final LayerNorm selfAttentionNorm;
    private final FeedForward ffn;
    private final LayerNorm ffnNorm;
    private final NormPlacement placement;
    private final double alpha;
    private final float dropout;
    private String attentionLabel = "layer.attention";
    private String ffnLabel = "layer.ffn";

    /** A layer shaped by {@code config}; {@code alpha} is DeepNorm's residual multiplier (1 otherwise). */
    public EncoderLayer(TransformerConfig config, double alpha) {
        this.placement = config.norm();
        this.alpha = alpha;
        this.dropout = (float) config.dropout();
        selfAttention = addChildBlock("selfAttention",
                new MultiHeadAttention(config.dModel(), config.heads(), config.dropout(), true, config.fusedQkv(),
                        config.qkNorm(), config.attentionScale()));
        selfAttentionNorm = addChildBlock("selfAttentionNorm", new LayerNorm(config.dModel()));
        ffn = addChildBlock("ffn", new FeedForward(config.dModel(), config.ffnWidth(), config.activation()));
        ffnNorm = addChildBlock("ffnNorm", new LayerNorm(config.dModel()));
    }

    /** Runs the layer on x (B, T, d) with an additive self-attention mask (or null). */
    public NDArray apply(ParameterStore ps, NDArray x, NDArray mask, boolean training) {
        NDArray h = Layers.residual(placement, alpha, selfAttentionNorm, ps, x,
                y -> ActivationSizes.report(attentionLabel, selfAttention.apply(ps, y, null, mask, training)),
                dropout, training);
        return Layers.residual(placement, alpha, ffnNorm, ps, h,
                y -> ActivationSizes.report(ffnLabel, ffn.apply(ps, y, training)), dropout, training);
    }

    /** This layer, named {@code label} in {@link ActivationSizes} reports (e.g. {@code decoder.layer0}). */
    EncoderLayer labelled(String label) {
        attentionLabel = label + ".attention";
        ffnLabel = label + ".ffn";
        return this;
    }

    /** The self-attention block. */
    public MultiHeadAttention selfAttention() {
        return selfAttention;
    }

    /** Inputs: x and an optional additive mask. */
    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        return single(apply(ps, inputs.get(0), inputs.size() > 1 ? inputs.get(1) : null, training));
    }
}
