package trainwell.training;

import ai.djl.ndarray.NDArray;

/**
 * A forward pass ready for the loss: logits (B, C) or (B, T, C) and integer labels (B) or (B, T);
 * positions whose label equals the task's ignore index do not count.
 */
public record Prediction(NDArray logits, NDArray labels) {}
