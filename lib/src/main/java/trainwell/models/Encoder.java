package trainwell.models;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.List;
import trainwell.initialization.ActivationProbe;

/**
 * A stack of {@link EncoderLayer}s (children {@code layer0}, {@code layer1}, ...) with a {@code finalNorm}
 * when LayerNorm comes first (Pre-LN leaves the last residual sum unnormalised). A decoder-only language
 * model uses this stack with a causal mask.
 */
public final class Encoder extends ModelBlock {

    private final String name;
    private final List<EncoderLayer> layers = new ArrayList<>();
    private final LayerNorm finalNorm;
    private ActivationProbe probe;

    /** A stack of {@code count} layers named {@code name} (its prefix in parameter names and probe reports). */
    public Encoder(String name, TransformerConfig config, int count, double alpha) {
        this.name = name;
        for (int i = 0; i < count; i++) {
            layers.add(addChildBlock("layer" + i, new EncoderLayer(config, alpha).labelled(name + ".layer" + i)));
        }
        finalNorm = config.norm() == NormPlacement.PRE_LN ? addChildBlock("finalNorm", new LayerNorm(config.dModel())) : null;
    }

    /** Runs every layer on x (B, T, d) with an additive mask (or null). */
    public NDArray apply(ParameterStore ps, NDArray x, NDArray mask, boolean training) {
        for (int i = 0; i < layers.size(); i++) {
            x = layers.get(i).apply(ps, x, mask, training);
            if (probe != null) {
                probe.record(name + ".layer" + i, x);
            }
        }
        return finalNorm == null ? x : finalNorm.apply(ps, x, training);
    }

    /** The layers, first to last. */
    public List<EncoderLayer> layers() {
        return List.copyOf(layers);
    }

    void setProbe(ActivationProbe probe) {
        this.probe = probe;
    }

    /** Inputs: x and an optional additive mask. */
    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        return single(apply(ps, inputs.get(0), inputs.size() > 1 ? inputs.get(1) : null, training));
    }
}
