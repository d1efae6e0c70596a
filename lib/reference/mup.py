# Reference outputs of a muP (maximal update parametrization) decoder-only language model, for trainwell.models tests.
# Run from the repository root:  "$TORCH_PYTHON" lib/reference/mup.py
# Writes lib/src/test/resources/reference/mup/{lm_tied_fused,lm_untied_separate}.json: the model's configuration
# (width, base width, heads, FFN width, layers, vocabulary, tied or not, positions), its weights under trainwell's
# parameter names, the input ids (B, T) and the logits (B, T, vocab).
#
# muP follows Yang et al. 2022, "Tensor Programs V: Tuning Large Neural Networks via Zero-Shot Hyperparameter
# Transfer" (arXiv 2203.03466) and its reference code microsoft/mup:
#  - attention logits q.k * attn_mult / d_h instead of q.k / sqrt(d_h) (examples/Transformer/model.py,
#    multi_head_attention_forward: "scaling = float(head_dim) ** -1 * math.sqrt(attn_mult)" for muP); here the
#    factor is sqrt(base d_h) / d_h, which equals 1/sqrt(d_h) at the base width;
#  - the readout's input multiplied by output_mult / width_mult, output_mult = 1 (mup/layer.py, MuReadout.forward;
#    MuSharedReadout for the tied case, whose weight is the embedding's);
#  - token embeddings multiplied by sqrt(base d_model) (the standard sqrt(d_model) of Vaswani et al. 2017, 3.4, frozen
#    at the base width: a width-independent input multiplier).
# The layers are PyTorch's own nn.TransformerEncoderLayer (Pre-LN, GELU, no dropout) under a causal mask; muP's
# attention scale enters by multiplying the query projection (weights and bias) by sqrt(base d_h / d_h) before the
# layer's own q.k / sqrt(d_h), and the script checks that against attention written out with the muP scale.
# Initialization does not matter here (the weights are random and loaded by name); zero queries and readout are
# tested in Java.
import json
import math
import os

import torch
import torch.nn as nn
import torch.nn.functional as F

OUT = os.path.join(os.path.dirname(__file__), "..", "src", "test", "resources", "reference", "mup")
torch.backends.mha.set_fastpath_enabled(False)


def flat(t):
    return [float(v) for v in t.detach().reshape(-1).tolist()]


def sinusoids(max_len, d):
    pos = torch.arange(max_len, dtype=torch.float64).unsqueeze(1)
    i = torch.arange(d) // 2
    angle = pos / torch.pow(10000.0, 2.0 * i.double() / d)
    table = torch.where(torch.arange(d) % 2 == 0, torch.sin(angle), torch.cos(angle))
    return table.float()


def written_out_attention(attn, x, causal, scale):
    """Self-attention with softmax(scale q.k + mask) v, written out (the muP check of the folded layer)."""
    b, t, d = x.shape
    h = attn.num_heads
    w, bias = attn.in_proj_weight, attn.in_proj_bias
    q, k, v = (F.linear(x, w[i * d:(i + 1) * d], bias[i * d:(i + 1) * d]).reshape(b, t, h, d // h).transpose(1, 2)
               for i in range(3))
    out = F.scaled_dot_product_attention(q, k, v, attn_mask=causal, scale=scale)
    return attn.out_proj(out.transpose(1, 2).reshape(b, t, d))


def case(name, seed, d, base, heads, ffn, layers, vocab, tied, learned, fused):
    gen = torch.Generator().manual_seed(seed)
    b, t, max_len = 2, 5, 16
    width_mult = d / base
    dh, base_dh = d // heads, base // heads
    scale = math.sqrt(base_dh) / dh
    blocks = [nn.TransformerEncoderLayer(d, heads, ffn, dropout=0.0, activation="gelu", batch_first=True,
                                         norm_first=True) for _ in range(layers)]
    final_norm = nn.LayerNorm(d)
    params = {}
    with torch.no_grad():
        for module in blocks + [final_norm]:
            for p in module.parameters():
                p.copy_(torch.randn(p.shape, generator=gen) * 0.3)
        token = torch.randn(vocab, d, generator=gen) * 0.3
        position = torch.randn(max_len, d, generator=gen) * 0.3 if learned else sinusoids(max_len, d)
        head = None if tied else torch.randn(vocab, d, generator=gen) * 0.3
        ids = torch.randint(0, vocab, (b, t), generator=gen)

        params["embedding.token.weight"] = flat(token)
        if learned:
            params["embedding.position.weight"] = flat(position)
        if head is not None:
            params["head.weight"] = flat(head)
        params["decoder.finalNorm.gamma"] = flat(final_norm.weight)
        params["decoder.finalNorm.beta"] = flat(final_norm.bias)
        for i, layer in enumerate(blocks):
            p = "decoder.layer%d." % i
            a = layer.self_attn
            if fused:
                params[p + "selfAttention.qkv.weight"] = flat(a.in_proj_weight)
                params[p + "selfAttention.qkv.bias"] = flat(a.in_proj_bias)
            else:
                for j, part in enumerate(["query", "key", "value"]):
                    params[p + "selfAttention." + part + ".weight"] = flat(a.in_proj_weight[j * d:(j + 1) * d])
                    params[p + "selfAttention." + part + ".bias"] = flat(a.in_proj_bias[j * d:(j + 1) * d])
            params[p + "selfAttention.outProj.weight"] = flat(a.out_proj.weight)
            params[p + "selfAttention.outProj.bias"] = flat(a.out_proj.bias)
            params[p + "selfAttentionNorm.gamma"] = flat(layer.norm1.weight)
            params[p + "selfAttentionNorm.beta"] = flat(layer.norm1.bias)
            params[p + "ffnNorm.gamma"] = flat(layer.norm2.weight)
            params[p + "ffnNorm.beta"] = flat(layer.norm2.bias)
            params[p + "ffn.in.weight"] = flat(layer.linear1.weight)
            params[p + "ffn.in.bias"] = flat(layer.linear1.bias)
            params[p + "ffn.out.weight"] = flat(layer.linear2.weight)
            params[p + "ffn.out.bias"] = flat(layer.linear2.bias)

        x = token[ids] * math.sqrt(base) + position[:t]
        causal_allowed = torch.tril(torch.ones(t, t, dtype=torch.bool))
        check = x.clone()
        for layer in blocks:
            # The reference path: PyTorch's layer with the query projection multiplied by sqrt(base_dh / dh).
            a = layer.self_attn
            saved_w, saved_b = a.in_proj_weight.clone(), a.in_proj_bias.clone()
            a.in_proj_weight[:d] *= math.sqrt(base_dh / dh)
            a.in_proj_bias[:d] *= math.sqrt(base_dh / dh)
            x = layer(x, src_mask=nn.Transformer.generate_square_subsequent_mask(t), is_causal=True)
            a.in_proj_weight.copy_(saved_w)
            a.in_proj_bias.copy_(saved_b)
            # The check: the same layer written out with the muP scale.
            hcheck = layer.norm1(check)
            check = check + written_out_attention(a, hcheck, causal_allowed, scale)
            check = check + layer.linear2(layer.activation(layer.linear1(layer.norm2(check))))
        assert torch.allclose(x, check, atol=1e-5), "folded and written-out muP attention must agree"
        x = final_norm(x) / width_mult
        logits = F.linear(x, token if tied else head)
    out = {"dModel": d, "mupBaseDModel": base, "heads": heads, "ffnWidth": ffn, "layers": layers, "vocab": vocab,
           "maxLength": max_len, "tied": tied, "learnedPositions": learned, "fusedQkv": fused,
           "ids": [[int(v) for v in row] for row in ids.tolist()], "params": params,
           "logits": flat(logits), "logitsShape": [b, t, vocab]}
    os.makedirs(OUT, exist_ok=True)
    with open(os.path.join(OUT, name + ".json"), "w") as f:
        json.dump(out, f)
    print(name, "max |logit|", float(logits.abs().max()))


if __name__ == "__main__":
    case("lm_tied_fused", 11, d=32, base=8, heads=2, ffn=64, layers=2, vocab=12, tied=True, learned=False, fused=True)
    case("lm_untied_separate", 12, d=24, base=16, heads=4, ffn=40, layers=1, vocab=10, tied=False, learned=True,
         fused=False)
