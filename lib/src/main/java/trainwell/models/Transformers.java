package trainwell.models;

import ai.djl.ndarray.NDManager;
import trainwell.core.Args;

/** Builds the course's Transformer models from a {@link TransformerConfig}. */
public final class Transformers {

    private Transformers() {}

    /** An encoder-decoder model for translation, parameters not yet allocated. */
    public static Seq2SeqTransformer encoderDecoder(TransformerConfig config) {
        return new Seq2SeqTransformer(Args.notNull("config", config));
    }

    /** An encoder-decoder model with parameters allocated on {@code manager} and initialized by the config's scheme. */
    public static Seq2SeqTransformer encoderDecoder(TransformerConfig config, NDManager manager) {
        Seq2SeqTransformer model = encoderDecoder(config);
        model.initialize(manager);
        return model;
    }

    /** A decoder-only language model, parameters not yet allocated. */
    public static TransformerLM languageModel(TransformerConfig config) {
        return new TransformerLM(Args.notNull("config", config));
    }

    /** A decoder-only language model, allocated on {@code manager} and initialized. */
    public static TransformerLM languageModel(TransformerConfig config, NDManager manager) {
        TransformerLM model = languageModel(config);
        model.initialize(manager);
        return model;
    }

    /** An encoder classifier with {@code classes} outputs, parameters not yet allocated. */
    public static TransformerClassifier classifier(TransformerConfig config, int classes, Pooling pooling) {
        return new TransformerClassifier(Args.notNull("config", config), classes, pooling);
    }

    /** An encoder classifier, allocated on {@code manager} and initialized. */
    public static TransformerClassifier classifier(TransformerConfig config, int classes, Pooling pooling, NDManager manager) {
        TransformerClassifier model = classifier(config, classes, pooling);
        model.initialize(manager);
        return model;
    }
}
