package trainwell.models;

/** Where LayerNorm sits around each residual sublayer. */
public enum NormPlacement {
    /** LN(x + Sublayer(x)): the original Transformer (Vaswani et al. 2017); needs warmup (Xiong et al. 2020). */
    POST_LN,
    /** x + Sublayer(LN(x)), plus a final LayerNorm after the stack: GPT-2 and most later models. */
    PRE_LN,
    /** LN(alpha * x + Sublayer(x)) with DeepNorm's alpha (Wang et al. 2022); pair with InitScheme.deepNorm(). */
    DEEP_NORM
}
