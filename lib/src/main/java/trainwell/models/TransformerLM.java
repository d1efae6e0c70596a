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
 * A decoder-only language model (GPT): embedding, a stack of self-attention layers under a causal mask,
 * output layer. Children: {@code embedding}, {@code decoder} and, without tied embeddings, {@code head}.
 * Uses {@code sourceVocab} and {@code decoderLayers} of the configuration.
 *
 * <p>DJL forward input: NDList(ids (B, T) [, real-token mask (B, T)]); output NDList(logits (B, T, vocab)).
 */
public final class TransformerLM extends TransformerModel {

    private final InputEmbedding embedding;
    private final Encoder decoder;
    private final Dense head;

    TransformerLM(TransformerConfig config) {
        super(config);
        Args.positive("decoderLayers", config.decoderLayers());
        double alpha = config.norm() == NormPlacement.DEEP_NORM ? DeepNorm.of(Stack.DECODER, 0, config.decoderLayers()).alpha() : 1;
        embedding = addChildBlock("embedding", new InputEmbedding("embedding", config.sourceVocab(), config));
        // A decoder without cross-attention is an encoder stack under a causal mask.
        decoder = addChildBlock("decoder", new Encoder("decoder", config, config.decoderLayers(), alpha));
        head = config.tiedEmbeddings() ? null : addChildBlock("head", new Dense(config.dModel(), config.sourceVocab(), false));
    }

    @Override
    public int encoderDepth() {
        return 0;
    }

    @Override
    public int decoderDepth() {
        return config().decoderLayers();
    }

    /** Next-token logits (B, T, vocab) for ids (B, T); {@code real} (B, T) 1/0 or null. Position t sees only 0..t. */
    public NDArray logits(ParameterStore ps, NDArray ids, NDArray real, boolean training) {
        int t = (int) ids.getShape().get(1);
        NDArray mask = Masks.combine(Masks.causal(ids.getManager(), t), real == null ? null : Masks.padding(real));
        NDArray x = readoutInput(decoder.apply(ps, embedding.apply(ps, ids, training), mask, training));
        return ActivationSizes.report("logits",
                head == null ? embedding.token().scores(ps, x, training) : head.apply(ps, x, training));
    }

    /**
     * Greedy generation: appends the most likely next token to {@code prompt} until {@code eosId} or
     * {@code maxNewTokens}; the context is the last maxLength tokens. Returns only the new tokens, without
     * eos. Each step runs in its own sub-manager.
     */
    public int[] generate(NDManager manager, int[] prompt, int maxNewTokens, int eosId) {
        Args.check(prompt != null && prompt.length > 0, "prompt", "must hold at least one token", prompt);
        Args.positive("maxNewTokens", maxNewTokens);
        List<Integer> tokens = new ArrayList<>();
        for (int p : prompt) {
            tokens.add(p);
        }
        int[] generated = new int[maxNewTokens];
        int count = 0;
        int window = config().maxLength();
        while (count < maxNewTokens) {
            int from = Math.max(0, tokens.size() - window);
            int[][] context = {tokens.subList(from, tokens.size()).stream().mapToInt(Integer::intValue).toArray()};
            int next;
            try (NDManager step = manager.newSubManager()) {
                NDArray logits = logits(new ParameterStore(step, false), step.create(context), null, false);
                next = (int) logits.get(":, -1, :").argMax(-1).toLongArray()[0];
            }
            if (next == eosId) {
                break;
            }
            tokens.add(next);
            generated[count++] = next;
        }
        return java.util.Arrays.copyOf(generated, count);
    }

    /** Ids (B, T) give logits (B, T, vocab). */
    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return appended(inputShapes[0], config().sourceVocab());
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        return single(logits(ps, inputs.get(0), inputs.size() > 1 ? inputs.get(1) : null, training));
    }
}
