package trainwell.models;

/** How a classifier turns the encoder's per-token outputs into one vector per sequence. */
public enum Pooling {
    /** The average over real (non-pad) positions. */
    MEAN,
    /** The first position (a [CLS]-style token). */
    FIRST
}
