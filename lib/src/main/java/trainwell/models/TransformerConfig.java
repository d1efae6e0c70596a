package trainwell.models;

import trainwell.core.Args;
import trainwell.initialization.InitScheme;

/**
 * Everything that defines a Transformer's shape and setup. Start from {@link #tiny()} or
 * {@link #vaswaniBase()} and change fields with the {@code with*} methods; every change is validated.
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
        boolean fusedQkv) {

    /** Validates every field. */
    public TransformerConfig {
        Args.positive("sourceVocab", sourceVocab);
        Args.positive("targetVocab", targetVocab);
        Args.positive("maxLength", maxLength);
        Args.positive("dModel", dModel);
        Args.positive("heads", heads);
        Args.check(dModel % heads == 0, "dModel", "must be divisible by heads (" + heads + ")", dModel);
        Args.nonNegative("encoderLayers", encoderLayers);
        Args.nonNegative("decoderLayers", decoderLayers);
        Args.check(encoderLayers + decoderLayers > 0, "encoderLayers + decoderLayers", "must be > 0",
                encoderLayers + decoderLayers);
        Args.positive("ffnWidth", ffnWidth);
        Args.inRangeExclusive("dropout", dropout, 0, 1);
        Args.notNull("norm", norm);
        Args.notNull("activation", activation);
        Args.notNull("positions", positions);
        Args.notNull("init", init);
    }

    /**
     * A tiny model that trains in seconds on a CPU: vocab 16, length 32, d_model 64, 4 heads, 2+2 layers,
     * FFN 256, dropout 0.1, Pre-LN, GELU, sinusoidal positions, GPT-2 init, tied and scaled embeddings.
     */
    public static TransformerConfig tiny() {
        return new TransformerConfig(16, 16, 32, 64, 4, 2, 2, 256, 0.1, NormPlacement.PRE_LN, FfnActivation.GELU,
                Positions.SINUSOIDAL, InitScheme.gpt2(), true, true, true);
    }

    /** The base model of Vaswani et al. 2017 (shared 37000-token vocabulary; Post-LN, ReLU, Xavier uniform). */
    public static TransformerConfig vaswaniBase() {
        return new TransformerConfig(37000, 37000, 512, 512, 8, 6, 6, 2048, 0.1, NormPlacement.POST_LN,
                FfnActivation.RELU, Positions.SINUSOIDAL, InitScheme.xavierUniform(), true, true, true);
    }

    /** Width of one attention head. */
    public int headDim() {
        return dModel / heads;
    }

    /** With both vocabulary sizes set to {@code vocab}. */
    public TransformerConfig withVocab(int vocab) {
        return withSourceVocab(vocab).withTargetVocab(vocab);
    }

    /** With another source vocabulary size. */
    public TransformerConfig withSourceVocab(int v) {
        return new TransformerConfig(v, targetVocab, maxLength, dModel, heads, encoderLayers, decoderLayers, ffnWidth,
                dropout, norm, activation, positions, init, tiedEmbeddings, scaleEmbeddings, fusedQkv);
    }

    /** With another target vocabulary size. */
    public TransformerConfig withTargetVocab(int v) {
        return new TransformerConfig(sourceVocab, v, maxLength, dModel, heads, encoderLayers, decoderLayers, ffnWidth,
                dropout, norm, activation, positions, init, tiedEmbeddings, scaleEmbeddings, fusedQkv);
    }

    /** With another maximum length. */
    public TransformerConfig withMaxLength(int v) {
        return new TransformerConfig(sourceVocab, targetVocab, v, dModel, heads, encoderLayers, decoderLayers, ffnWidth,
                dropout, norm, activation, positions, init, tiedEmbeddings, scaleEmbeddings, fusedQkv);
    }

    /** With another model width. */
    public TransformerConfig withDModel(int v) {
        return new TransformerConfig(sourceVocab, targetVocab, maxLength, v, heads, encoderLayers, decoderLayers, ffnWidth,
                dropout, norm, activation, positions, init, tiedEmbeddings, scaleEmbeddings, fusedQkv);
    }

    /** With another number of heads. */
    public TransformerConfig withHeads(int v) {
        return new TransformerConfig(sourceVocab, targetVocab, maxLength, dModel, v, encoderLayers, decoderLayers, ffnWidth,
                dropout, norm, activation, positions, init, tiedEmbeddings, scaleEmbeddings, fusedQkv);
    }

    /** With both layer counts set to {@code v}. */
    public TransformerConfig withLayers(int v) {
        return withEncoderLayers(v).withDecoderLayers(v);
    }

    /** With another number of encoder layers. */
    public TransformerConfig withEncoderLayers(int v) {
        return new TransformerConfig(sourceVocab, targetVocab, maxLength, dModel, heads, v, decoderLayers, ffnWidth,
                dropout, norm, activation, positions, init, tiedEmbeddings, scaleEmbeddings, fusedQkv);
    }

    /** With another number of decoder layers. */
    public TransformerConfig withDecoderLayers(int v) {
        return new TransformerConfig(sourceVocab, targetVocab, maxLength, dModel, heads, encoderLayers, v, ffnWidth,
                dropout, norm, activation, positions, init, tiedEmbeddings, scaleEmbeddings, fusedQkv);
    }

    /** With another FFN width. */
    public TransformerConfig withFfnWidth(int v) {
        return new TransformerConfig(sourceVocab, targetVocab, maxLength, dModel, heads, encoderLayers, decoderLayers, v,
                dropout, norm, activation, positions, init, tiedEmbeddings, scaleEmbeddings, fusedQkv);
    }

    /** With another dropout probability. */
    public TransformerConfig withDropout(double v) {
        return new TransformerConfig(sourceVocab, targetVocab, maxLength, dModel, heads, encoderLayers, decoderLayers,
                ffnWidth, v, norm, activation, positions, init, tiedEmbeddings, scaleEmbeddings, fusedQkv);
    }

    /** With another LayerNorm placement. */
    public TransformerConfig withNorm(NormPlacement v) {
        return new TransformerConfig(sourceVocab, targetVocab, maxLength, dModel, heads, encoderLayers, decoderLayers,
                ffnWidth, dropout, v, activation, positions, init, tiedEmbeddings, scaleEmbeddings, fusedQkv);
    }

    /** With another FFN activation. */
    public TransformerConfig withActivation(FfnActivation v) {
        return new TransformerConfig(sourceVocab, targetVocab, maxLength, dModel, heads, encoderLayers, decoderLayers,
                ffnWidth, dropout, norm, v, positions, init, tiedEmbeddings, scaleEmbeddings, fusedQkv);
    }

    /** With another positional encoding. */
    public TransformerConfig withPositions(Positions v) {
        return new TransformerConfig(sourceVocab, targetVocab, maxLength, dModel, heads, encoderLayers, decoderLayers,
                ffnWidth, dropout, norm, activation, v, init, tiedEmbeddings, scaleEmbeddings, fusedQkv);
    }

    /** With another initialization scheme. */
    public TransformerConfig withInit(InitScheme v) {
        return new TransformerConfig(sourceVocab, targetVocab, maxLength, dModel, heads, encoderLayers, decoderLayers,
                ffnWidth, dropout, norm, activation, positions, v, tiedEmbeddings, scaleEmbeddings, fusedQkv);
    }

    /** With or without tied input/output embeddings. */
    public TransformerConfig withTiedEmbeddings(boolean v) {
        return new TransformerConfig(sourceVocab, targetVocab, maxLength, dModel, heads, encoderLayers, decoderLayers,
                ffnWidth, dropout, norm, activation, positions, init, v, scaleEmbeddings, fusedQkv);
    }

    /** With or without the sqrt(dModel) embedding scale. */
    public TransformerConfig withScaledEmbeddings(boolean v) {
        return new TransformerConfig(sourceVocab, targetVocab, maxLength, dModel, heads, encoderLayers, decoderLayers,
                ffnWidth, dropout, norm, activation, positions, init, tiedEmbeddings, v, fusedQkv);
    }

    /** With a fused or separate Q/K/V projection in self-attention. */
    public TransformerConfig withFusedQkv(boolean v) {
        return new TransformerConfig(sourceVocab, targetVocab, maxLength, dModel, heads, encoderLayers, decoderLayers,
                ffnWidth, dropout, norm, activation, positions, init, tiedEmbeddings, scaleEmbeddings, v);
    }
}
