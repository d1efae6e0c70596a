# Reference outputs of PyTorch's own Transformer layers, for trainwell.models tests.
# Run from the repository root:  "$TORCH_PYTHON" lib/reference/transformer_layers.py
# Writes lib/src/test/resources/reference/transformer_layers/{encoder,decoder}_{post_relu,pre_gelu}.json:
# the layer's weights under trainwell's parameter names, the inputs, the real-token mask (1 real, 0 pad),
# the output, and (encoder, Post-LN) the per-head self-attention weights.
# Also {encoder,decoder}_pre_gelu_qknorm.json: the same Pre-LN layers with QK-layernorm (Dehghani et al. 2023,
# "Scaling Vision Transformers to 22 Billion Parameters", arXiv 2302.05442; Wortsman et al. 2023, arXiv 2309.14322):
# each head's queries and keys pass through a LayerNorm over the head dimension (gain and bias of size d_h shared
# by the heads) before q.k / sqrt(d_h). PyTorch's layers have no such option, so those two cases run the layers'
# own modules (projections, LayerNorms, FFN) through the attention written out below with torch.nn.functional;
# the script first checks that this written-out path reproduces PyTorch's layer without QK-norm.
import json
import os

import torch
import torch.nn as nn
import torch.nn.functional as F

OUT = os.path.join(os.path.dirname(__file__), "..", "src", "test", "resources", "reference", "transformer_layers")
D, HEADS, FFN, B, T, S = 8, 2, 16, 2, 4, 5

# PyTorch's inference fast path changes padded outputs (nested tensors); the textbook computation is wanted.
torch.backends.mha.set_fastpath_enabled(False)


def flat(t):
    return [float(v) for v in t.detach().reshape(-1).tolist()]


def randomize(module, gen):
    with torch.no_grad():
        for p in module.parameters():
            p.copy_(torch.randn(p.shape, generator=gen) * 0.3)
    module.eval()


def norm_params(prefix, norm):
    return {prefix + ".gamma": flat(norm.weight), prefix + ".beta": flat(norm.bias)}


def ffn_params(layer):
    return {"ffn.in.weight": flat(layer.linear1.weight), "ffn.in.bias": flat(layer.linear1.bias),
            "ffn.out.weight": flat(layer.linear2.weight), "ffn.out.bias": flat(layer.linear2.bias)}


def self_attention_params(attn):
    return {"selfAttention.qkv.weight": flat(attn.in_proj_weight), "selfAttention.qkv.bias": flat(attn.in_proj_bias),
            "selfAttention.outProj.weight": flat(attn.out_proj.weight),
            "selfAttention.outProj.bias": flat(attn.out_proj.bias)}


def encoder_case(name, norm_first, activation, seed):
    gen = torch.Generator().manual_seed(seed)
    layer = nn.TransformerEncoderLayer(D, HEADS, FFN, dropout=0.0, activation=activation, batch_first=True,
                                       norm_first=norm_first)
    randomize(layer, gen)
    x = torch.randn(B, T, D, generator=gen)
    real = torch.tensor([[1, 1, 1, 1], [1, 1, 1, 0]], dtype=torch.float32)
    pad = real == 0
    with torch.no_grad():
        y = layer(x, src_key_padding_mask=pad)
        _, weights = layer.self_attn(x, x, x, key_padding_mask=pad, need_weights=True, average_attn_weights=False)
    params = self_attention_params(layer.self_attn)
    params.update(norm_params("selfAttentionNorm", layer.norm1))
    params.update(norm_params("ffnNorm", layer.norm2))
    params.update(ffn_params(layer))
    case = {"dModel": D, "heads": HEADS, "ffnWidth": FFN, "normFirst": norm_first, "activation": activation,
            "x": flat(x), "xShape": [B, T, D], "real": flat(real), "params": params, "output": flat(y),
            "selfAttentionWeights": flat(weights)}
    write(name, case)


def decoder_params(layer):
    """A decoder layer's weights under trainwell's names (cross-attention: separate query, fused kv)."""
    cross = layer.multihead_attn
    params = self_attention_params(layer.self_attn)
    params.update({"crossAttention.query.weight": flat(cross.in_proj_weight[:D]),
                   "crossAttention.query.bias": flat(cross.in_proj_bias[:D]),
                   "crossAttention.kv.weight": flat(cross.in_proj_weight[D:]),
                   "crossAttention.kv.bias": flat(cross.in_proj_bias[D:]),
                   "crossAttention.outProj.weight": flat(cross.out_proj.weight),
                   "crossAttention.outProj.bias": flat(cross.out_proj.bias)})
    params.update(norm_params("selfAttentionNorm", layer.norm1))
    params.update(norm_params("crossAttentionNorm", layer.norm2))
    params.update(norm_params("ffnNorm", layer.norm3))
    params.update(ffn_params(layer))
    return params


def decoder_case(name, norm_first, activation, seed):
    gen = torch.Generator().manual_seed(seed)
    layer = nn.TransformerDecoderLayer(D, HEADS, FFN, dropout=0.0, activation=activation, batch_first=True,
                                       norm_first=norm_first)
    randomize(layer, gen)
    x = torch.randn(B, T, D, generator=gen)
    memory = torch.randn(B, S, D, generator=gen)
    source_real = torch.tensor([[1, 1, 1, 1, 1], [1, 1, 0, 0, 0]], dtype=torch.float32)
    causal = nn.Transformer.generate_square_subsequent_mask(T)
    with torch.no_grad():
        y = layer(x, memory, tgt_mask=causal, memory_key_padding_mask=source_real == 0, tgt_is_causal=True)
    params = decoder_params(layer)
    case = {"dModel": D, "heads": HEADS, "ffnWidth": FFN, "normFirst": norm_first, "activation": activation,
            "x": flat(x), "xShape": [B, T, D], "memory": flat(memory), "memoryShape": [B, S, D],
            "sourceReal": flat(source_real), "params": params, "output": flat(y)}
    write(name, case)


def heads_of(t, heads):
    b, n, d = t.shape
    return t.reshape(b, n, heads, d // heads).transpose(1, 2)


def attend(attn, query, source, allowed, q_norm, k_norm):
    """nn.MultiheadAttention's computation written out, with optional per-head LayerNorms on queries and keys.

    allowed: boolean, broadcastable to (B, heads, Tq, Tk), True where a query may look at a key."""
    d = query.shape[-1]
    w, b = attn.in_proj_weight, attn.in_proj_bias
    q = heads_of(F.linear(query, w[:d], b[:d]), attn.num_heads)
    k = heads_of(F.linear(source, w[d:2 * d], b[d:2 * d]), attn.num_heads)
    v = heads_of(F.linear(source, w[2 * d:], b[2 * d:]), attn.num_heads)
    if q_norm is not None:
        q = q_norm(q)
        k = k_norm(k)
    out = F.scaled_dot_product_attention(q, k, v, attn_mask=allowed)
    out = out.transpose(1, 2).reshape(query.shape)
    return attn.out_proj(out)


def feed_forward(layer, x):
    return layer.linear2(layer.activation(layer.linear1(x)))


def qk_norms(dh, gen):
    """LayerNorm(d_h) for queries and keys, with gains near 1 and biases near 0 (as after some training)."""
    norms = [nn.LayerNorm(dh), nn.LayerNorm(dh)]
    with torch.no_grad():
        for n in norms:
            n.weight.copy_(1 + torch.randn(dh, generator=gen) * 0.3)
            n.bias.copy_(torch.randn(dh, generator=gen) * 0.3)
    return norms


def pre_ln_encoder(layer, x, allowed, q_norm=None, k_norm=None):
    h = layer.norm1(x)
    x = x + attend(layer.self_attn, h, h, allowed, q_norm, k_norm)
    return x + feed_forward(layer, layer.norm2(x))


def pre_ln_decoder(layer, x, memory, self_allowed, cross_allowed, norms=(None, None, None, None)):
    h = layer.norm1(x)
    x = x + attend(layer.self_attn, h, h, self_allowed, norms[0], norms[1])
    x = x + attend(layer.multihead_attn, layer.norm2(x), memory, cross_allowed, norms[2], norms[3])
    return x + feed_forward(layer, layer.norm3(x))


def encoder_qknorm_case(name, seed):
    gen = torch.Generator().manual_seed(seed)
    layer = nn.TransformerEncoderLayer(D, HEADS, FFN, dropout=0.0, activation="gelu", batch_first=True, norm_first=True)
    randomize(layer, gen)
    x = torch.randn(B, T, D, generator=gen)
    real = torch.tensor([[1, 1, 1, 1], [1, 1, 1, 0]], dtype=torch.float32)
    allowed = (real == 1).reshape(B, 1, 1, T)
    q_norm, k_norm = qk_norms(D // HEADS, gen)
    with torch.no_grad():
        plain = pre_ln_encoder(layer, x, allowed)
        check = layer(x, src_key_padding_mask=real == 0)
        assert torch.allclose(plain, check, atol=1e-6), "the written-out layer must match PyTorch's"
        y = pre_ln_encoder(layer, x, allowed, q_norm, k_norm)
    params = self_attention_params(layer.self_attn)
    params.update(norm_params("selfAttention.queryNorm", q_norm))
    params.update(norm_params("selfAttention.keyNorm", k_norm))
    params.update(norm_params("selfAttentionNorm", layer.norm1))
    params.update(norm_params("ffnNorm", layer.norm2))
    params.update(ffn_params(layer))
    case = {"dModel": D, "heads": HEADS, "ffnWidth": FFN, "normFirst": True, "activation": "gelu", "qkNorm": True,
            "x": flat(x), "xShape": [B, T, D], "real": flat(real), "params": params, "output": flat(y)}
    write(name, case)


def decoder_qknorm_case(name, seed):
    gen = torch.Generator().manual_seed(seed)
    layer = nn.TransformerDecoderLayer(D, HEADS, FFN, dropout=0.0, activation="gelu", batch_first=True, norm_first=True)
    randomize(layer, gen)
    x = torch.randn(B, T, D, generator=gen)
    memory = torch.randn(B, S, D, generator=gen)
    source_real = torch.tensor([[1, 1, 1, 1, 1], [1, 1, 0, 0, 0]], dtype=torch.float32)
    causal = torch.tril(torch.ones(T, T, dtype=torch.bool))
    cross_allowed = (source_real == 1).reshape(B, 1, 1, S)
    norms = qk_norms(D // HEADS, gen) + qk_norms(D // HEADS, gen)
    with torch.no_grad():
        plain = pre_ln_decoder(layer, x, memory, causal, cross_allowed)
        check = layer(x, memory, tgt_mask=nn.Transformer.generate_square_subsequent_mask(T),
                      memory_key_padding_mask=source_real == 0, tgt_is_causal=True)
        assert torch.allclose(plain, check, atol=1e-6), "the written-out layer must match PyTorch's"
        y = pre_ln_decoder(layer, x, memory, causal, cross_allowed, norms)
    params = decoder_params(layer)
    for prefix, norm in zip(["selfAttention.queryNorm", "selfAttention.keyNorm", "crossAttention.queryNorm",
                             "crossAttention.keyNorm"], norms):
        params.update(norm_params(prefix, norm))
    case = {"dModel": D, "heads": HEADS, "ffnWidth": FFN, "normFirst": True, "activation": "gelu", "qkNorm": True,
            "x": flat(x), "xShape": [B, T, D], "memory": flat(memory), "memoryShape": [B, S, D],
            "sourceReal": flat(source_real), "params": params, "output": flat(y)}
    write(name, case)


def write(name, case):
    os.makedirs(OUT, exist_ok=True)
    with open(os.path.join(OUT, name + ".json"), "w") as f:
        json.dump(case, f)


if __name__ == "__main__":
    encoder_case("encoder_post_relu", False, "relu", 1)
    encoder_case("encoder_pre_gelu", True, "gelu", 2)
    decoder_case("decoder_post_relu", False, "relu", 3)
    decoder_case("decoder_pre_gelu", True, "gelu", 4)
    encoder_qknorm_case("encoder_pre_gelu_qknorm", 5)
    decoder_qknorm_case("decoder_pre_gelu_qknorm", 6)
    print("wrote", sorted(os.listdir(OUT)))
