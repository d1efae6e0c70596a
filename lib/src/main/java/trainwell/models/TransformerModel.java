package trainwell.models;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiConsumer;
import trainwell.core.Tensors;
import trainwell.initialization.ActivationProbe;
import trainwell.initialization.InitScheme;
import trainwell.initialization.ParameterNames;
import trainwell.initialization.Probed;

/**
 * What the three Transformer models share: their configuration, initialization by the configured
 * {@link trainwell.initialization.InitScheme} ({@link #initScheme()}), readable parameter names, attention-weight
 * recording, activation probing, and under muP ({@link TransformerConfig#withMup(int)}) the 1/width multiplier on
 * the output layer's input.
 *
 * <p>Training: call the model's typed {@code logits(ps, ..., true)} inside a GradientCollector with
 * {@code new ParameterStore(manager, false)}, or hand the block to a DJL Trainer (its forward takes the
 * NDList documented on each model). Inference helpers (decoding, prediction) open their own sub-managers.
 */
public abstract class TransformerModel extends ModelBlock implements Probed {

    private final TransformerConfig config;

    TransformerModel(TransformerConfig config) {
        this.config = config.check();
    }

    /** The configuration the model was built from. */
    public TransformerConfig config() {
        return config;
    }

    /** Encoder layers of this model (0 for a decoder-only language model). */
    public abstract int encoderDepth();

    /** Decoder layers of this model (0 for an encoder-only classifier). */
    public abstract int decoderDepth();

    /**
     * Allocates every parameter on {@code manager} (which must outlive the model) and draws it from
     * {@link #initScheme()}.
     */
    public void initialize(NDManager manager) {
        // Setting the initializers first lets DJL draw each parameter once, straight from the scheme.
        initScheme().apply(this, encoderDepth(), decoderDepth());
        initialize(manager, DataType.FLOAT32, new Shape(1, 1));
    }

    /**
     * The scheme that initializes this model: the configured one, or under muP that scheme adjusted to the width
     * ({@link InitScheme#forMup}: zero queries and output layer, hidden matrices of a fixed-spread scheme narrowed
     * by 1/sqrt(width multiplier)).
     */
    public InitScheme initScheme() {
        return config.mup() ? config.init().forMup(config.widthMult()) : config.init();
    }

    /**
     * The input of the output layer: x itself, or under muP x / width multiplier (MuReadout.forward in
     * microsoft/mup, mup/layer.py), so that the logits do not grow with width once training has aligned the
     * output weights with x.
     */
    NDArray readoutInput(NDArray x) {
        return config.mup() ? Tensors.times(x, config.outputMultiplier()) : x;
    }

    /**
     * Draws every allocated parameter again from {@link #initScheme()}, e.g. after a DJL Trainer allocated
     * them with its own initializers, or to restart an experiment from a fresh draw.
     */
    public void reinitialize() {
        initScheme().apply(this, encoderDepth(), decoderDepth());
    }

    /** Parameters by dotted name, e.g. {@code decoder.layer0.selfAttention.qkv.weight}; tied weights appear once. */
    public Map<String, Parameter> namedParameters() {
        return ParameterNames.of(this);
    }

    /** The number of trainable scalars (tied weights counted once). */
    public long parameterCount() {
        return namedParameters().values().stream().mapToLong(p -> p.getShape().size()).sum();
    }

    /** The attention blocks by dotted name, e.g. {@code decoder.layer1.crossAttention}. */
    public Map<String, MultiHeadAttention> attentionBlocks() {
        Map<String, MultiHeadAttention> found = new LinkedHashMap<>();
        walk(this, "", (name, block) -> {
            if (block instanceof MultiHeadAttention mha) {
                found.put(name, mha);
            }
        });
        return found;
    }

    /** Switches recording of attention weights on or off in every attention block (see MultiHeadAttention for memory). */
    public void recordAttention(boolean on) {
        attentionBlocks().values().forEach(a -> a.recordWeights(on));
    }

    /** The weights [batch][head][query][key] of the last forward pass, by attention block name (empty when not recording). */
    public Map<String, float[][][][]> attentionWeights() {
        Map<String, float[][][][]> weights = new LinkedHashMap<>();
        attentionBlocks().forEach((name, block) -> {
            if (block.lastWeights() != null) {
                weights.put(name, block.lastWeights());
            }
        });
        return weights;
    }

    /** Reports the embedding output and every layer's output to {@code probe} (null: off). */
    @Override
    public void setProbe(ActivationProbe probe) {
        walk(this, "", (name, block) -> {
            if (block instanceof InputEmbedding e) {
                e.setProbe(probe);
            } else if (block instanceof Encoder e) {
                e.setProbe(probe);
            } else if (block instanceof Decoder d) {
                d.setProbe(probe);
            }
        });
    }

    private static void walk(Block block, String path, BiConsumer<String, Block> visit) {
        for (Pair<String, Block> child : block.getChildren()) {
            String name = ParameterNames.clean(child.getKey());
            String full = path.isEmpty() ? name : path + "." + name;
            visit.accept(full, child.getValue());
            walk(child.getValue(), full, visit);
        }
    }
}
