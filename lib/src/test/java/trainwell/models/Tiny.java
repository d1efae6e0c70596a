package trainwell.models;

import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;

/** Small configurations and helpers shared by the model tests. */
final class Tiny {

    private Tiny() {}

    /** A deterministic (dropout 0) tiny config: d 32, 2 heads, 2+2 layers, FFN 64, vocab 12, length 16. */
    static TransformerConfig config() {
        return TransformerConfig.tiny().withVocab(12).withMaxLength(16).withDModel(32).withHeads(2).withFfnWidth(64)
                .withDropout(0);
    }

    /** An inference parameter store on {@code manager}. */
    static ParameterStore store(NDManager manager) {
        return new ParameterStore(manager, false);
    }
}
