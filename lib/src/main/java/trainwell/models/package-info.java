/**
 * The Transformer, written from its parts on DJL blocks: {@link trainwell.models.TransformerConfig} says
 * what to build, {@link trainwell.models.Transformers} builds an encoder-decoder (translation), a
 * decoder-only language model or an encoder classifier.
 *
 * <p>Parts, in the order of Vaswani et al. 2017: {@link trainwell.models.InputEmbedding} (token embedding,
 * optional sqrt(d) scale, sinusoidal or learned positions), {@link trainwell.models.Attention} and
 * {@link trainwell.models.Masks} (scaled dot-product attention, causal and padding masks),
 * {@link trainwell.models.MultiHeadAttention}, {@link trainwell.models.FeedForward},
 * {@link trainwell.models.LayerNorm} (last axis only), {@link trainwell.models.EncoderLayer} and
 * {@link trainwell.models.DecoderLayer} (Post-LN, Pre-LN or DeepNorm residuals), and the stacks
 * {@link trainwell.models.Encoder} and {@link trainwell.models.Decoder}.
 *
 * <p>Stability: {@code TransformerConfig.withQkNorm(true)} layer-normalises each head's queries and keys (QK-layernorm,
 * Dehghani et al. 2023); {@link trainwell.models.AttentionProbe} measures the largest attention logit and the attention
 * entropy of every layer during one forward pass.
 *
 * <p>Width: {@code TransformerConfig.withMup(baseDModel)} switches on the maximal update parametrization (muP, Yang et
 * al. 2022, arXiv 2203.03466), under which the best learning rate of a narrow model carries over to wider ones;
 * {@link trainwell.models.ActivationSizes} measures the mean |activation| of every sublayer during one forward pass
 * (the coordinate check's measurement).
 *
 * <p>Memory: parameters live on the manager given to {@code initialize}; every forward result lives on the
 * manager of the input ids, so run each step in a sub-manager. Decoding helpers do this themselves.
 */
package trainwell.models;
