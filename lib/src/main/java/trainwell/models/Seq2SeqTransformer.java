package trainwell.models;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.List;
import trainwell.core.Args;
import trainwell.initialization.DeepNorm;
import trainwell.initialization.Stack;

/**
 * The encoder-decoder Transformer for translation (Vaswani et al. 2017). Children: {@code sourceEmbedding},
 * {@code encoder}, {@code targetEmbedding}, {@code decoder} and, without tied embeddings, {@code head}.
 *
 * <p>DJL forward input: NDList(source ids (B, S), target input ids (B, T) [, source real-token mask (B, S)
 * [, target real-token mask (B, T)]]), masks holding 1 for real tokens and 0 for padding. Output: NDList(logits
 * (B, T, targetVocab)).
 */
public final class Seq2SeqTransformer extends TransformerModel {

    private final InputEmbedding sourceEmbedding;
    private final Encoder encoder;
    private final InputEmbedding targetEmbedding;
    private final Decoder decoder;
    private final Dense head;

    Seq2SeqTransformer(TransformerConfig config) {
        super(config);
        Args.positive("encoderLayers", config.encoderLayers());
        Args.positive("decoderLayers", config.decoderLayers());
        boolean deep = config.norm() == NormPlacement.DEEP_NORM;
        double encoderAlpha = deep ? DeepNorm.of(Stack.ENCODER, config.encoderLayers(), config.decoderLayers()).alpha() : 1;
        double decoderAlpha = deep ? DeepNorm.of(Stack.DECODER, config.encoderLayers(), config.decoderLayers()).alpha() : 1;
        sourceEmbedding = addChildBlock("sourceEmbedding", new InputEmbedding("sourceEmbedding", config.sourceVocab(), config));
        encoder = addChildBlock("encoder", new Encoder("encoder", config, config.encoderLayers(), encoderAlpha));
        targetEmbedding = addChildBlock("targetEmbedding", new InputEmbedding("targetEmbedding", config.targetVocab(), config));
        decoder = addChildBlock("decoder", new Decoder("decoder", config, config.decoderLayers(), decoderAlpha));
        head = config.tiedEmbeddings() ? null : addChildBlock("head", new Dense(config.dModel(), config.targetVocab(), false));
    }

    @Override
    public int encoderDepth() {
        return config().encoderLayers();
    }

    @Override
    public int decoderDepth() {
        return config().decoderLayers();
    }

    /** The encoder output (B, S, d) for source ids (B, S); {@code sourceReal} (B, S) 1/0 or null for no padding. */
    public NDArray encode(ParameterStore ps, NDArray source, NDArray sourceReal, boolean training) {
        NDArray mask = sourceReal == null ? null : Masks.padding(sourceReal);
        return encoder.apply(ps, sourceEmbedding.apply(ps, source, training), mask, training);
    }

    /**
     * Next-token logits (B, T, targetVocab) for target input ids (B, T) given the encoder output; the decoder
     * sees only earlier target positions (causal mask) and real source positions.
     */
    public NDArray decode(ParameterStore ps, NDArray memory, NDArray sourceReal, NDArray targetIn, NDArray targetReal,
            boolean training) {
        int t = (int) targetIn.getShape().get(1);
        NDArray selfMask = Masks.combine(Masks.causal(targetIn.getManager(), t),
                targetReal == null ? null : Masks.padding(targetReal));
        NDArray crossMask = sourceReal == null ? null : Masks.padding(sourceReal);
        NDArray x = readoutInput(
                decoder.apply(ps, targetEmbedding.apply(ps, targetIn, training), selfMask, memory, crossMask, training));
        return ActivationSizes.report("logits",
                head == null ? targetEmbedding.token().scores(ps, x, training) : head.apply(ps, x, training));
    }

    /** Logits (B, T, targetVocab) for a batch: encode the source, then decode the shifted target (teacher forcing). */
    public NDArray logits(ParameterStore ps, NDArray source, NDArray sourceReal, NDArray targetIn, NDArray targetReal,
            boolean training) {
        return decode(ps, encode(ps, source, sourceReal, training), sourceReal, targetIn, targetReal, training);
    }

    /**
     * Greedy decoding: starts each row at {@code bosId} and appends the most likely token until {@code eosId}
     * or {@code maxSteps} tokens (capped at maxLength). Rows of {@code source} may differ in length (padded
     * with {@code padId}). Returns the generated ids per row, without bos and eos. Runs in a sub-manager of
     * {@code manager} with one more per step, so no intermediate outlives the call.
     */
    public int[][] greedyDecode(NDManager manager, int[][] source, int padId, int bosId, int eosId, int maxSteps) {
        Args.positive("maxSteps", maxSteps);
        int[][] src = Masks.padRight(source, padId);
        int b = src.length;
        int steps = Math.min(maxSteps, config().maxLength());
        List<List<Integer>> out = new ArrayList<>();
        boolean[] done = new boolean[b];
        int[][] prefix = new int[b][1];
        for (int i = 0; i < b; i++) {
            out.add(new ArrayList<>());
            prefix[i][0] = bosId;
        }
        try (NDManager outer = manager.newSubManager()) {
            ParameterStore ps = new ParameterStore(outer, false);
            NDArray sourceReal = Masks.realTokens(outer, src, padId);
            NDArray memory = encode(ps, outer.create(src), sourceReal, false);
            for (int step = 0; step < steps && !allDone(done); step++) {
                long[] next;
                try (NDManager stepManager = outer.newSubManager()) {
                    // Borrow the encoder output and mask so the cross-attention results land in the step manager.
                    memory.tempAttach(stepManager);
                    sourceReal.tempAttach(stepManager);
                    NDArray logits = decode(ps, memory, sourceReal, stepManager.create(prefix), null, false);
                    next = logits.get(":, -1, :").argMax(-1).toLongArray();
                }
                int[][] longer = new int[b][prefix[0].length + 1];
                for (int i = 0; i < b; i++) {
                    System.arraycopy(prefix[i], 0, longer[i], 0, prefix[i].length);
                    int token = done[i] ? padId : (int) next[i];
                    longer[i][prefix[i].length] = token;
                    if (!done[i]) {
                        if (token == eosId) {
                            done[i] = true;
                        } else {
                            out.get(i).add(token);
                        }
                    }
                }
                prefix = longer;
                if (prefix[0].length > config().maxLength()) {
                    break;
                }
            }
        }
        return out.stream().map(l -> l.stream().mapToInt(Integer::intValue).toArray()).toArray(int[][]::new);
    }

    static boolean allDone(boolean[] done) {
        for (boolean d : done) {
            if (!d) {
                return false;
            }
        }
        return true;
    }

    /** Source ids (B, S) and target ids (B, T) give logits (B, T, target vocab). */
    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return appended(inputShapes[1], config().targetVocab());
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray sourceReal = inputs.size() > 2 ? inputs.get(2) : null;
        NDArray targetReal = inputs.size() > 3 ? inputs.get(3) : null;
        return single(logits(ps, inputs.get(0), sourceReal, inputs.get(1), targetReal, training));
    }
}
