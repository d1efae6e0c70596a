package trainwell.models;

import java.util.function.Consumer;
import trainwell.core.Args;
import trainwell.initialization.InitScheme;

/**
 * Everything that defines a Transformer's shape and setup. Start from {@link #tiny()} or
 * {@link #vaswaniBase()} and change fields with the {@code with*} methods. Each field is validated when it is set;
 * the rules between fields (heads divide dModel, at least one layer) when a model is built ({@link #check()}),
 * so that a chain may pass through an inconsistent state: {@code tiny().withHeads(6).withDModel(96)}.
 *
 * <p>A new field is four edits: the record component, its {@link Builder} field (copied in the builder's
 * constructor and passed on in {@code build}), and its {@code with*} method.
 *
 * @param sourceVocab     vocabulary of the encoder input (also of the language model and the classifier)
 * @param targetVocab     vocabulary of the decoder in an encoder-decoder model (ignored by the others)
 * @param maxLength       longest sequence the positional encoding covers
 * @param dModel          width of the residual stream
 * @param heads           attention heads; must divide dModel
 * @param encoderLayers   encoder layers (used by encoder-decoder and classifier)
 * @param decoderLayers   decoder layers (used by encoder-decoder and language model)
 * @param ffnWidth        inner width of the feed-forward network (4 x dModel is usual)
 * @param dropout         drop probability on embeddings, attention weights and sublayer outputs
 * @param norm            LayerNorm placement: Post-LN, Pre-LN or DeepNorm
 * @param activation      FFN nonlinearity
 * @param positions       sinusoidal or learned positional encoding
 * @param init            initialization scheme applied by {@link TransformerModel#initialize(ai.djl.ndarray.NDManager)}
 * @param tiedEmbeddings  whether the output layer reuses the (target) token embedding matrix
 * @param scaleEmbeddings whether token embeddings are multiplied by sqrt(dModel) (Vaswani et al., section 3.4)
 * @param fusedQkv        whether self-attention computes Q, K, V with one (3d, d) matrix (fewer native calls)
 * @param qkNorm          whether each head's queries and keys pass through a LayerNorm over the head dimension
 *                        before their dot product (QK-layernorm: Dehghani et al. 2023, arXiv 2302.05442; Wortsman
 *                        et al. 2023, arXiv 2309.14322); see {@link MultiHeadAttention}
 * @param mupBaseDModel   0 for the standard parametrization (the default); otherwise the base width of the maximal
 *                        update parametrization (muP), see {@link #withMup(int)}
 */
public record TransformerConfig(
        int sourceVocab,
        int targetVocab,
        int maxLength,
        int dModel,
        int heads,
        int encoderLayers,
        int decoderLayers,
        int ffnWidth,
        double dropout,
        NormPlacement norm,
        FfnActivation activation,
        Positions positions,
        InitScheme init,
        boolean tiedEmbeddings,
        boolean scaleEmbeddings,
        boolean fusedQkv,
        boolean qkNorm,
        int mupBaseDModel) {

    /** Validates every field on its own; {@link #check()} validates the rules between fields. */
    public TransformerConfig {
        Args.positive("sourceVocab", sourceVocab);
        Args.positive("targetVocab", targetVocab);
        Args.positive("maxLength", maxLength);
        Args.positive("dModel", dModel);
        Args.positive("heads", heads);
        Args.nonNegative("encoderLayers", encoderLayers);
        Args.nonNegative("decoderLayers", decoderLayers);
        Args.positive("ffnWidth", ffnWidth);
        Args.inRangeExclusive("dropout", dropout, 0, 1);
        Args.notNull("norm", norm);
        Args.notNull("activation", activation);
        Args.notNull("positions", positions);
        Args.notNull("init", init);
        Args.nonNegative("mupBaseDModel", mupBaseDModel);
    }

    /**
     * Checks the rules between fields (heads divide dModel; at least one layer) and returns this configuration;
     * models call it when they are built.
     *
     * @throws IllegalArgumentException naming the field and its value when a rule is broken
     */
    public TransformerConfig check() {
        Args.check(dModel % heads == 0, "dModel", "must be divisible by heads (" + heads + ")", dModel);
        Args.check(mupBaseDModel % heads == 0, "mupBaseDModel", "must be divisible by heads (" + heads + ")",
                mupBaseDModel);
        Args.check(encoderLayers + decoderLayers > 0, "encoderLayers + decoderLayers", "must be > 0",
                encoderLayers + decoderLayers);
        return this;
    }

    /**
     * A tiny model that trains in seconds on a CPU: vocab 16, length 32, d_model 64, 4 heads, 2+2 layers,
     * FFN 256, dropout 0.1, Pre-LN, GELU, sinusoidal positions, GPT-2 init, tied and scaled embeddings, no QK-norm,
     * standard parametrization.
     */
    public static TransformerConfig tiny() {
        return new TransformerConfig(16, 16, 32, 64, 4, 2, 2, 256, 0.1, NormPlacement.PRE_LN, FfnActivation.GELU,
                Positions.SINUSOIDAL, InitScheme.gpt2(), true, true, true, false, 0);
    }

    /** The base model of Vaswani et al. 2017 (shared 37000-token vocabulary; Post-LN, ReLU, Xavier uniform, no QK-norm,
     * standard parametrization). */
    public static TransformerConfig vaswaniBase() {
        return new TransformerConfig(37000, 37000, 512, 512, 8, 6, 6, 2048, 0.1, NormPlacement.POST_LN,
                FfnActivation.RELU, Positions.SINUSOIDAL, InitScheme.xavierUniform(), true, true, true, false, 0);
    }

    /** Width of one attention head (checks the configuration first). */
    public int headDim() {
        check();
        return dModel / heads;
    }

    /** With both vocabulary sizes set to {@code vocab}. */
    public TransformerConfig withVocab(int vocab) {
        return with(b -> {
            b.sourceVocab = vocab;
            b.targetVocab = vocab;
        });
    }

    /** With another source vocabulary size. */
    public TransformerConfig withSourceVocab(int v) {
        return with(b -> b.sourceVocab = v);
    }

    /** With another target vocabulary size. */
    public TransformerConfig withTargetVocab(int v) {
        return with(b -> b.targetVocab = v);
    }

    /** With another maximum length. */
    public TransformerConfig withMaxLength(int v) {
        return with(b -> b.maxLength = v);
    }

    /** With another model width. */
    public TransformerConfig withDModel(int v) {
        return with(b -> b.dModel = v);
    }

    /** With another number of heads. */
    public TransformerConfig withHeads(int v) {
        return with(b -> b.heads = v);
    }

    /** With both layer counts set to {@code v}. */
    public TransformerConfig withLayers(int v) {
        return with(b -> {
            b.encoderLayers = v;
            b.decoderLayers = v;
        });
    }

    /** With another number of encoder layers. */
    public TransformerConfig withEncoderLayers(int v) {
        return with(b -> b.encoderLayers = v);
    }

    /** With another number of decoder layers. */
    public TransformerConfig withDecoderLayers(int v) {
        return with(b -> b.decoderLayers = v);
    }

    /** With another FFN width. */
    public TransformerConfig withFfnWidth(int v) {
        return with(b -> b.ffnWidth = v);
    }

    /** With another dropout probability. */
    public TransformerConfig withDropout(double v) {
        return with(b -> b.dropout = v);
    }

    /** With another LayerNorm placement. */
    public TransformerConfig withNorm(NormPlacement v) {
        return with(b -> b.norm = v);
    }

    /** With another FFN activation. */
    public TransformerConfig withActivation(FfnActivation v) {
        return with(b -> b.activation = v);
    }

    /** With another positional encoding. */
    public TransformerConfig withPositions(Positions v) {
        return with(b -> b.positions = v);
    }

    /** With another initialization scheme. */
    public TransformerConfig withInit(InitScheme v) {
        return with(b -> b.init = v);
    }

    /** With or without tied input/output embeddings. */
    public TransformerConfig withTiedEmbeddings(boolean v) {
        return with(b -> b.tiedEmbeddings = v);
    }

    /** With or without the sqrt(dModel) embedding scale. */
    public TransformerConfig withScaledEmbeddings(boolean v) {
        return with(b -> b.scaleEmbeddings = v);
    }

    /** With a fused or separate Q/K/V projection in self-attention. */
    public TransformerConfig withFusedQkv(boolean v) {
        return with(b -> b.fusedQkv = v);
    }

    /**
     * With or without QK-layernorm: each head's queries and keys normalised over the head dimension (learnable gain
     * and bias per head dimension) before the scaled dot product, which keeps attention logits from growing without
     * bound at high learning rates (Dehghani et al. 2023, arXiv 2302.05442; Wortsman et al. 2023, arXiv 2309.14322).
     */
    public TransformerConfig withQkNorm(boolean v) {
        return with(b -> b.qkNorm = v);
    }

    /**
     * With the maximal update parametrization (muP) of Yang et al. 2022, "Tensor Programs V: Tuning Large Neural
     * Networks via Zero-Shot Hyperparameter Transfer" (arXiv 2203.03466), relative to a base model of width
     * {@code baseDModel}; 0 switches it off (the standard parametrization, the default). Under muP the best learning
     * rate found on a narrow model stays the best as the model gets wider, so a small proxy can be tuned and its
     * settings reused. The model, at any width, behaves as the base model would "scaled up" by the width multiplier
     * m = dModel / baseDModel ({@link #widthMult()}); every hidden width (d_model, the FFN width, the head width at a
     * fixed number of heads) is taken to grow by the same m. With muP on (rules from microsoft/mup, file and
     * function named; see {@link TransformerModel} for the forward pass and
     * {@link trainwell.initialization.InitScheme#forMup} for the initialization):
     * <ul>
     *   <li>attention logits are q.k * sqrt(base d_h) / d_h instead of q.k / sqrt(d_h) ({@link #attentionScale()}):
     *   1/d_h, as in examples/Transformer/model.py (multi_head_attention_forward, "scaling = head_dim ** -1"), with
     *   the constant chosen so that the base width computes the standard 1/sqrt(d_h) (the README's 8/d is the same
     *   choice for a base d_h of 64);
     *   <li>the output layer's input is multiplied by 1/m ({@link #outputMultiplier()}; mup/layer.py, MuReadout
     *   .forward: output_mult * x / width_mult, output_mult = 1); a tied output layer keeps the embedding's
     *   initialization (MuSharedReadout), an untied one starts at zero (readout_zero_init);
     *   <li>the query projection starts at zero (examples/Transformer/model.py, _reset_parameters: "zero
     *   initializing query head"; with fused QKV the query third);
     *   <li>the token embedding is multiplied by sqrt(baseDModel) instead of sqrt(dModel) when
     *   {@code scaleEmbeddings} is on: an embedding must not grow with width under muP (mup/optim.py treats it as
     *   vector-like), and the constant keeps the base width standard;
     *   <li>training ({@code trainwell.training.Training}) divides the Adam learning rate of hidden matrices by m
     *   ({@link trainwell.optimizers.djl.ParameterGroups#mup}).
     * </ul>
     * At the base width (dModel = baseDModel) the forward pass equals the standard one except for the zero-initialized
     * query and output weights.
     *
     * @param baseDModel the width at which muP equals the standard parametrization (0: muP off); >= 0 and, when
     *                   the model is built, divisible by heads
     */
    public TransformerConfig withMup(int baseDModel) {
        return with(b -> b.mupBaseDModel = baseDModel);
    }

    /** Whether this configuration uses muP ({@link #withMup(int)} with a base width above 0). */
    public boolean mup() {
        return mupBaseDModel > 0;
    }

    /** muP's width multiplier m = dModel / mupBaseDModel, or 1 in the standard parametrization. */
    public double widthMult() {
        return mup() ? (double) dModel / mupBaseDModel : 1;
    }

    /**
     * The factor of the attention logits q.k: 1/sqrt(d_h) in the standard parametrization (Vaswani et al. 2017),
     * sqrt(base d_h) / d_h under muP (see {@link #withMup(int)}); checks the configuration first.
     */
    public double attentionScale() {
        int dh = headDim();
        return mup() ? Math.sqrt((double) mupBaseDModel / heads) / dh : 1 / Math.sqrt(dh);
    }

    /** The factor on the output layer's input: 1 / {@link #widthMult()} under muP, 1 otherwise. */
    public double outputMultiplier() {
        return 1 / widthMult();
    }

    /**
     * The factor on token embeddings: sqrt(dModel) with {@code scaleEmbeddings} (Vaswani et al. 2017, section 3.4),
     * sqrt(mupBaseDModel) under muP (a width-independent constant), 1 without.
     */
    public double embeddingScale() {
        return scaleEmbeddings ? Math.sqrt(mup() ? mupBaseDModel : dModel) : 1;
    }

    /** This configuration with the fields {@code change} sets; each field is validated on its own. */
    private TransformerConfig with(Consumer<Builder> change) {
        Builder b = new Builder(this);
        change.accept(b);
        return b.build();
    }

    /** The fields of a configuration being changed: the one place besides the record that lists them all. */
    private static final class Builder {
        int sourceVocab;
        int targetVocab;
        int maxLength;
        int dModel;
        int heads;
        int encoderLayers;
        int decoderLayers;
        int ffnWidth;
        double dropout;
        NormPlacement norm;
        FfnActivation activation;
        Positions positions;
        InitScheme init;
        boolean tiedEmbeddings;
        boolean scaleEmbeddings;
        boolean fusedQkv;
        boolean qkNorm;
        int mupBaseDModel;

        Builder(TransformerConfig c) {
            sourceVocab = c.sourceVocab;
            targetVocab = c.targetVocab;
            maxLength = c.maxLength;
            dModel = c.dModel;
            heads = c.heads;
            encoderLayers = c.encoderLayers;
            decoderLayers = c.decoderLayers;
            ffnWidth = c.ffnWidth;
            dropout = c.dropout;
            norm = c.norm;
            activation = c.activation;
            positions = c.positions;
            init = c.init;
            tiedEmbeddings = c.tiedEmbeddings;
            scaleEmbeddings = c.scaleEmbeddings;
            fusedQkv = c.fusedQkv;
            qkNorm = c.qkNorm;
            mupBaseDModel = c.mupBaseDModel;
        }

        TransformerConfig build() {
            return new TransformerConfig(sourceVocab, targetVocab, maxLength, dModel, heads, encoderLayers,
                    decoderLayers, ffnWidth, dropout, norm, activation, positions,
                    init, tiedEmbeddings, scaleEmbeddings, fusedQkv, qkNorm, mupBaseDModel);
        }
    }
}
