# Reference outputs of PyTorch's own Transformer layers, for trainwell.models tests.
# Run from the repository root:  "$TORCH_PYTHON" lib/reference/transformer_layers.py
# Writes lib/src/test/resources/reference/transformer_layers/{encoder,decoder}_{post_relu,pre_gelu}.json:
# the layer's weights under trainwell's parameter names, the inputs, the real-token mask (1 real, 0 pad),
# the output, and (encoder, Post-LN) the per-head self-attention weights.
import json
import os

import torch
import torch.nn as nn

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
    case = {"dModel": D, "heads": HEADS, "ffnWidth": FFN, "normFirst": norm_first, "activation": activation,
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
    print("wrote", sorted(os.listdir(OUT)))
