package trainwell.initialization;

/** Which stack of a Transformer a parameter belongs to, read from the first segment of its dotted name. */
public enum Stack {
    /** Parameters under {@code encoder.}. */
    ENCODER,
    /** Parameters under {@code decoder.} (also the stack of a decoder-only language model). */
    DECODER,
    /** Embeddings, heads and anything outside the two stacks. */
    NONE;

    /** The stack of a dotted parameter name. */
    public static Stack of(String name) {
        if (name.startsWith("encoder.")) {
            return ENCODER;
        }
        if (name.startsWith("decoder.")) {
            return DECODER;
        }
        return NONE;
    }
}
