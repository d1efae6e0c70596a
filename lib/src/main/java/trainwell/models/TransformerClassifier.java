package trainwell.models;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import trainwell.core.Args;
import trainwell.initialization.DeepNorm;
import trainwell.initialization.Stack;

/**
 * An encoder with a classification head over a pooled sequence vector. Children: {@code embedding},
 * {@code encoder}, {@code head} (a Dense d -> classes with bias). Uses {@code sourceVocab} and
 * {@code encoderLayers} of the configuration.
 *
 * <p>DJL forward input: NDList(ids (B, T) [, real-token mask (B, T)]); output NDList(logits (B, classes)).
 */
public final class TransformerClassifier extends TransformerModel {

    private final InputEmbedding embedding;
    private final Encoder encoder;
    private final Dense head;
    private final Pooling pooling;
    private final int classes;

    TransformerClassifier(TransformerConfig config, int classes, Pooling pooling) {
        super(config);
        Args.positive("encoderLayers", config.encoderLayers());
        this.classes = Args.atLeast("classes", classes, 2);
        this.pooling = Args.notNull("pooling", pooling);
        double alpha = config.norm() == NormPlacement.DEEP_NORM ? DeepNorm.of(Stack.ENCODER, config.encoderLayers(), 0).alpha() : 1;
        embedding = addChildBlock("embedding", new InputEmbedding("embedding", config.sourceVocab(), config));
        encoder = addChildBlock("encoder", new Encoder("encoder", config, config.encoderLayers(), alpha));
        head = addChildBlock("head", new Dense(config.dModel(), classes, true));
    }

    @Override
    public int encoderDepth() {
        return config().encoderLayers();
    }

    @Override
    public int decoderDepth() {
        return 0;
    }

    /** The number of classes. */
    public int classes() {
        return classes;
    }

    /** Class logits (B, classes) for ids (B, T); {@code real} (B, T) 1/0 or null (then every position is real). */
    public NDArray logits(ParameterStore ps, NDArray ids, NDArray real, boolean training) {
        NDArray x = encoder.apply(ps, embedding.apply(ps, ids, training), real == null ? null : Masks.padding(real), training);
        NDArray pooled;
        if (pooling == Pooling.FIRST) {
            pooled = x.get(":, 0, :");
        } else if (real == null) {
            pooled = x.mean(new int[] {1});
        } else {
            NDArray weights = real.toType(ai.djl.ndarray.types.DataType.FLOAT32, false).expandDims(-1);
            pooled = x.mul(weights).sum(new int[] {1}).div(weights.sum(new int[] {1}).maximum(1f));
        }
        return ActivationSizes.report("logits", head.apply(ps, readoutInput(pooled), training));
    }

    /** The most likely class per row of {@code ids} (rows may differ in length; padded with {@code padId}). */
    public int[] predict(NDManager manager, int[][] ids, int padId) {
        int[][] rows = Masks.padRight(ids, padId);
        try (NDManager sub = manager.newSubManager()) {
            NDArray logits = logits(new ParameterStore(sub, false), sub.create(rows), Masks.realTokens(sub, rows, padId), false);
            long[] best = logits.argMax(-1).toLongArray();
            int[] out = new int[best.length];
            for (int i = 0; i < best.length; i++) {
                out[i] = (int) best[i];
            }
            return out;
        }
    }

    /** Ids (B, T) give class logits (B, classes). */
    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(inputShapes[0].get(0), classes)};
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        return single(logits(ps, inputs.get(0), inputs.size() > 1 ? inputs.get(1) : null, training));
    }
}
