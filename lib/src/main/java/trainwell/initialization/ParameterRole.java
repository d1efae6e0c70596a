package trainwell.initialization;

import java.util.List;

/**
 * The job a parameter does in a Transformer, read from its name; an {@link InitScheme} picks a
 * distribution per role.
 *
 * <p>Naming convention (the blocks in {@code trainwell.models} follow it): names are dotted paths such as
 * {@code encoder.layer0.selfAttention.qkv.weight}. A path segment {@code qkv} marks a fused
 * query-key-value projection, {@code kv} a fused key-value projection, {@code query}, {@code key},
 * {@code value} separate ones, {@code outProj} the attention output projection, {@code ffn.in} and
 * {@code ffn.out} the feed-forward layers, a segment ending in {@code Embedding} or named
 * {@code embedding} an embedding table, {@code head} the output layer; {@code gamma}/{@code beta} are
 * LayerNorm gain and bias, and any other {@code bias} is a bias.
 */
public enum ParameterRole {
    /** Token or learned position embedding table. */
    EMBEDDING,
    /** Query projection of attention. */
    QUERY,
    /** Key projection of attention. */
    KEY,
    /** Value projection of attention. */
    VALUE,
    /** Output projection of attention (writes into the residual stream). */
    ATTENTION_OUTPUT,
    /** First feed-forward layer (d_model to FFN width). */
    FFN_IN,
    /** Second feed-forward layer (FFN width to d_model; writes into the residual stream). */
    FFN_OUT,
    /** LayerNorm gain (gamma). */
    NORM_GAIN,
    /** LayerNorm bias (beta). */
    NORM_BIAS,
    /** Bias of a linear layer. */
    BIAS,
    /** Output layer (untied LM head or classifier). */
    OUTPUT,
    /** Anything the naming convention does not cover. */
    OTHER;

    /** The roles stacked along axis 0 of the named parameter: three for fused QKV, two for fused KV, else one. */
    public static List<ParameterRole> partsOf(String name) {
        List<String> segments = List.of(name.split("\\."));
        String last = segments.get(segments.size() - 1);
        if (last.equals("gamma")) {
            return List.of(NORM_GAIN);
        }
        if (last.equals("beta")) {
            return List.of(NORM_BIAS);
        }
        if (last.equals("bias")) {
            return List.of(BIAS);
        }
        if (segments.contains("qkv")) {
            return List.of(QUERY, KEY, VALUE);
        }
        if (segments.contains("kv")) {
            return List.of(KEY, VALUE);
        }
        if (segments.contains("query")) {
            return List.of(QUERY);
        }
        if (segments.contains("key")) {
            return List.of(KEY);
        }
        if (segments.contains("value")) {
            return List.of(VALUE);
        }
        if (segments.contains("outProj")) {
            return List.of(ATTENTION_OUTPUT);
        }
        int ffn = segments.indexOf("ffn");
        if (ffn >= 0 && ffn + 1 < segments.size()) {
            String layer = segments.get(ffn + 1);
            if (layer.equals("in")) {
                return List.of(FFN_IN);
            }
            if (layer.equals("out")) {
                return List.of(FFN_OUT);
            }
        }
        if (segments.stream().anyMatch(s -> s.equals("embedding") || s.endsWith("Embedding"))) {
            return List.of(EMBEDDING);
        }
        if (segments.contains("head")) {
            return List.of(OUTPUT);
        }
        return List.of(OTHER);
    }

    /** The single role of a parameter; for fused projections the role of the first part (QUERY or KEY). */
    public static ParameterRole of(String name) {
        return partsOf(name).get(0);
    }

    /** Whether parameters in this role write into the residual stream (GPT-2 and DeepNorm scale them). */
    public boolean writesResidual() {
        return this == ATTENTION_OUTPUT || this == FFN_OUT;
    }

    /** Whether this role is a matrix (as opposed to a gain or bias vector). */
    public boolean isMatrix() {
        return this != NORM_GAIN && this != NORM_BIAS && this != BIAS;
    }
}
