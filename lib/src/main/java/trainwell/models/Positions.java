package trainwell.models;

/** How token positions enter the model. */
public enum Positions {
    /** Fixed sines and cosines (Vaswani et al. 2017, section 3.5); no parameters. */
    SINUSOIDAL,
    /** A learned table of max_length x d_model vectors (BERT, GPT-2). */
    LEARNED
}
