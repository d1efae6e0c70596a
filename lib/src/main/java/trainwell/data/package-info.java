/**
 * Data for the course: the committed datasets, synthetic translation tasks, tokenizers, splits and
 * batches of DJL arrays.
 *
 * <p>Conventions every batch follows, so training code can rely on them:
 * <ul>
 *   <li>Token ids and class labels are {@code int32} ({@link ai.djl.ndarray.types.DataType#INT32}).
 *       DJL's PyTorch engine accepts int32 as well as int64 for embedding look-ups,
 *       {@code SoftmaxCrossEntropyLoss} labels, {@code oneHot}, {@code pick} and {@code gather}
 *       (checked in the tests); int32 halves the memory. {@code argMax} returns int64, and
 *       comparing it with an int32 label with {@code eq} works.</li>
 *   <li>Padding masks are {@code float32}, shape (B, T): 1 for a real token, 0 for padding, so they
 *       can multiply a per-token loss directly.</li>
 *   <li>The padding id is 0 in every {@link trainwell.data.Vocabulary}; {@code <bos>} is 1,
 *       {@code <eos>} 2, {@code <unk>} 3.</li>
 *   <li>Every batch is created on the {@link ai.djl.ndarray.NDManager} the caller passes and is
 *       {@link java.lang.AutoCloseable}. DJL does not free native memory through the garbage
 *       collector: create batches on a per-step sub-manager in try-with-resources (closing it frees
 *       the batch and everything computed from it), or close the batch itself.</li>
 *   <li>Randomness comes from {@link java.util.Random} seeded by the caller, whose algorithm Java
 *       specifies: the same seed gives the same data on every machine and JVM.</li>
 * </ul>
 */
package trainwell.data;
