package trainwell.models;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.List;
import trainwell.initialization.ActivationProbe;

/** A stack of {@link DecoderLayer}s (children {@code layer0}, ...) with a {@code finalNorm} under Pre-LN. */
public final class Decoder extends ModelBlock {

    private final String name;
    private final List<DecoderLayer> layers = new ArrayList<>();
    private final LayerNorm finalNorm;
    private ActivationProbe probe;

    /** A stack of {@code count} layers named {@code name}. */
    public Decoder(String name, TransformerConfig config, int count, double alpha) {
        this.name = name;
        for (int i = 0; i < count; i++) {
            layers.add(addChildBlock("layer" + i, new DecoderLayer(config, alpha).labelled(name + ".layer" + i)));
        }
        finalNorm = config.norm() == NormPlacement.PRE_LN ? addChildBlock("finalNorm", new LayerNorm(config.dModel())) : null;
    }

    /** Runs every layer on x (B, T, d) against the encoder output {@code memory} (B, S, d). */
    public NDArray apply(ParameterStore ps, NDArray x, NDArray selfMask, NDArray memory, NDArray crossMask,
            boolean training) {
        for (int i = 0; i < layers.size(); i++) {
            x = layers.get(i).apply(ps, x, selfMask, memory, crossMask, training);
            if (probe != null) {
                probe.record(name + ".layer" + i, x);
            }
        }
        return finalNorm == null ? x : finalNorm.apply(ps, x, training);
    }

    void setProbe(ActivationProbe probe) {
        this.probe = probe;
    }

    /** Inputs: x, self mask, memory, cross mask. */
    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        return single(apply(ps, inputs.get(0), inputs.get(1), inputs.get(2), inputs.get(3), training));
    }
}
