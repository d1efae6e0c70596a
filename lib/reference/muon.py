# Reference steps of Muon for trainwell.optimizers.Muon (teaching version, double[][]) and
# trainwell.optimizers.djl.MuonOptimizer (DJL version, float32).
#
# Run from the repository root (needs PyTorch; the Java tests only read the files written here):
#   "$TORCH_PYTHON" lib/reference/muon.py
# It writes:
#   lib/src/test/resources/reference/muon/teaching.json       float64: momentum buffers, orthogonalized and
#                                                               scaled updates and weights, 4 steps, on a 6x4
#                                                               and a 4x6 matrix, both scalings
#   lib/src/test/resources/reference/djl_optimizers/muon.json  float32, 15 steps, changing LR, in the format of
#                                                               djl_optimizers.py: two hidden matrices (6x4 and
#                                                               4x6) on Muon, a bias and an embedding on AdamW
#
# Muon is written here from the formulas of Keller Jordan's reference code (github.com/KellerJordan/Muon,
# muon.py: muon_update and zeropower_via_newtonschulz5; blog post kellerjordan.github.io/posts/muon/),
# not copied:
#   buf = lerp(buf, g, 1 - beta);  u = lerp(g, buf, beta) with Nesterov, else u = buf
#   X = u (transposed when rows > cols) / (||u||_F + 1e-7); 5 times: A = X X^T, B = b A + c A A, X = a X + B X,
#   with (a, b, c) = (3.4445, -4.7750, 2.0315); transposed back
#   reference scaling:  update = X * sqrt(max(1, rows / cols))
#   Moonlight scaling:  update = X * 0.2 * sqrt(max(rows, cols))  (Liu et al. 2025, "Muon is Scalable for LLM
#                       Training", arXiv:2502.16982; MoonshotAI/Moonlight examples/toy_train.py,
#                       adjust_lr_for_muon), so that Muon shares AdamW's learning rate and weight decay
#   p = p * (1 - lr * wd) - lr * update
# The reference runs the iteration in bfloat16 on a GPU; here it runs in the tensor's own dtype (float64 for
# the teaching file, float32 for the DJL file). PyTorch ships the same algorithm as torch.optim.Muon (2.9 and
# later; adjust_lr_fn "original" = reference scaling, "match_rms_adamw" = Moonlight's), with the iteration fixed
# to bfloat16: cross_check() runs it beside muon_step and stops the script unless the two agree to bfloat16
# precision, a check that these formulas read the reference as PyTorch does. Parameters that are not hidden matrices follow
# torch.optim.AdamW (foreach=False) with the same learning rate, as the library's Muon does.
import json
import math
import os
import sys

import torch

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import djl_optimizers  # noqa: E402  (its changing learning rate, flat() and output format)

MUON_DIR = os.path.join(HERE, "..", "src", "test", "resources", "reference", "muon")
JSON_DIR = os.path.join(HERE, "..", "src", "test", "resources", "reference", "djl_optimizers")

NS_A, NS_B, NS_C = 3.4445, -4.7750, 2.0315


def orthogonalize(u, steps=5):
    tall = u.size(0) > u.size(1)
    x = u.T if tall else u
    x = x / (x.norm() + 1e-7)
    for _ in range(steps):
        gram = x @ x.T
        poly = NS_B * gram + NS_C * gram @ gram  # Python reads (c * gram) @ gram
        x = NS_A * x + poly @ x
    return x.T if tall else x


def scale_factor(rows, cols, scaling):
    if scaling == "reference":
        return max(1, rows / cols) ** 0.5
    return 0.2 * math.sqrt(max(rows, cols))


def muon_update(grad, buf, momentum, nesterov, steps, scaling):
    """The momentum buffer is updated in place; returns the orthogonalized, scaled update (no lr)."""
    buf.lerp_(grad, 1 - momentum)
    u = grad.lerp(buf, momentum) if nesterov else buf
    return orthogonalize(u, steps) * scale_factor(grad.size(0), grad.size(1), scaling)


def muon_step(p, grad, buf, lr, wd, momentum, nesterov, steps, scaling):
    buf.lerp_(grad, 1 - momentum)
    u = grad.lerp(buf, momentum) if nesterov else buf
    x = orthogonalize(u, steps)
    p.mul_(1 - lr * wd)
    rows, cols = grad.size(0), grad.size(1)
    if scaling == "reference":  # muon.py: update *= max(1, rows/cols)**0.5; p.add_(update, alpha=-lr)
        p.add_(x * scale_factor(rows, cols, scaling), alpha=-lr)
    else:  # Moonlight: p.add_(u, alpha=-adjusted_lr)
        p.add_(x, alpha=-lr * scale_factor(rows, cols, scaling))


def cross_check():
    """Largest difference, relative to the total move, between muon_step and torch.optim.Muon (bfloat16)."""
    g = torch.Generator().manual_seed(23)
    worst = 0.0
    for shape in [(6, 4), (4, 6), (16, 8)]:
        for scaling, nesterov in [("moonlight", True), ("reference", False)]:
            p0 = torch.randn(*shape, generator=g)
            grads = [torch.randn(*shape, generator=g) for _ in range(5)]
            ours, buf = p0.clone(), torch.zeros(*shape)
            theirs = torch.nn.Parameter(p0.clone())
            opt = torch.optim.Muon([theirs], lr=0.02, weight_decay=0.1, momentum=0.95, nesterov=nesterov,
                                   adjust_lr_fn="match_rms_adamw" if scaling == "moonlight" else "original")
            for grad in grads:
                muon_step(ours, grad.clone(), buf, 0.02, 0.1, 0.95, nesterov, 5, scaling)
                theirs.grad = grad.clone()
                opt.step()
            moved = (ours - p0).abs().max().item()
            worst = max(worst, (ours - theirs.detach()).abs().max().item() / moved)
    if worst > 0.05:
        raise SystemExit("muon_step departs from torch.optim.Muon by %.3g of the move" % worst)
    return worst


def teaching_cases():
    g = torch.Generator().manual_seed(5)
    cases = []
    for shape in [(6, 4), (4, 6)]:
        grads = [torch.randn(*shape, generator=g, dtype=torch.float64) for _ in range(4)]
        weight0 = torch.randn(*shape, generator=g, dtype=torch.float64)
        for scaling, momentum, nesterov in [("moonlight", 0.95, True), ("reference", 0.9, False)]:
            lrs, wd = [0.02, 0.01, 0.03, 0.005], 0.1
            buf = torch.zeros(*shape, dtype=torch.float64)
            buf_step = torch.zeros(*shape, dtype=torch.float64)
            weight = weight0.clone()
            updates, buffers, weights = [], [], []
            for t, grad in enumerate(grads):
                updates.append(muon_update(grad.clone(), buf, momentum, nesterov, 5, scaling).tolist())
                buffers.append(buf.tolist())
                muon_step(weight, grad.clone(), buf_step, lrs[t], wd, momentum, nesterov, 5, scaling)
                weights.append(weight.tolist())
            cases.append({"name": "%dx%d_%s" % (shape[0], shape[1], scaling), "momentum": momentum,
                          "nesterov": nesterov, "nsSteps": 5, "scaling": scaling, "weightDecay": wd,
                          "lr": lrs, "grads": [gr.tolist() for gr in grads], "initial": weight0.tolist(),
                          "updates": updates, "buffers": buffers, "weights": weights})
    return cases


# The DJL cases: name, Muon settings, weight decay of Muon and of AdamW, AdamW's betas, base lr,
# whether embeddings and biases are in a "no_decay" group (ParameterGroups.standard) or decay like the rest.
DJL_CASES = [
    ("muon_moonlight", dict(momentum=0.95, nesterov=True, steps=5, scaling="moonlight"),
     0.1, 0.1, (0.9, 0.999), 0.01, True),
    ("muon_reference", dict(momentum=0.9, nesterov=False, steps=5, scaling="reference"),
     0.05, 0.1, (0.9, 0.95), 0.02, False),
]


def djl_case(name, muon, muon_wd, adam_wd, betas, base_lr, standard_groups):
    g = torch.Generator().manual_seed(17)
    params = {
        "embedding_weight": torch.randn(5, 4, generator=g),
        "in_weight": torch.randn(6, 4, generator=g) * 0.5,
        "out_weight": torch.randn(4, 6, generator=g) * 0.5,
        "out_bias": torch.randn(4, generator=g) * 0.1,
    }
    for p in params.values():
        p.requires_grad_()
    ids = torch.randint(0, 5, (8,), generator=g)
    target = torch.randn(8, 4, generator=g)
    muon_names = ["in_weight", "out_weight"]
    adam_names = ["embedding_weight", "out_bias"]
    no_decay = adam_names if standard_groups else []
    groups = {n: ("no_decay" if n in no_decay else "decay") for n in params}
    initial = {n: djl_optimizers.flat(p) for n, p in params.items()}
    adam = torch.optim.AdamW([{"params": [params[n]], "weight_decay": 0.0 if n in no_decay else adam_wd}
                              for n in adam_names], lr=base_lr, betas=betas, eps=1e-8, foreach=False)
    buffers = {n: torch.zeros_like(params[n]) for n in muon_names}
    lrs = djl_optimizers.lr_schedule(base_lr)
    steps = []
    for t in range(djl_optimizers.STEPS):
        for p in params.values():
            p.grad = None
        x = params["embedding_weight"][ids]
        h = torch.tanh(x @ params["in_weight"].T)
        y = h @ params["out_weight"].T + params["out_bias"]
        loss = (y - target).pow(2).mean()
        loss.backward()
        grads = {n: djl_optimizers.flat(p.grad) for n, p in params.items()}
        with torch.no_grad():
            for n in muon_names:
                wd = 0.0 if n in no_decay else muon_wd
                muon_step(params[n], params[n].grad.clone(), buffers[n], lrs[t], wd, **muon)
        for group in adam.param_groups:
            group["lr"] = lrs[t]
        adam.step()
        steps.append({"grad": grads, "param": {n: djl_optimizers.flat(p) for n, p in params.items()}})
    return {
        "name": name,
        "torch": "muon_step (this script) for %s, %s for %s" % (muon_names, repr(adam).replace("\n", " "), adam_names),
        "momentum": muon["momentum"], "nesterov": muon["nesterov"], "nsSteps": muon["steps"],
        "scaling": muon["scaling"], "weightDecay": muon_wd, "adamWeightDecay": adam_wd,
        "adamBetas": list(betas), "groups": groups, "muon": muon_names, "lr": lrs,
        "shapes": {n: list(p.shape) for n, p in params.items()},
        "initial": initial, "steps": steps,
    }


def main():
    agreement = cross_check()
    print("muon_step vs torch.optim.Muon (bfloat16 iteration): largest difference %.2g of the move" % agreement)
    os.makedirs(MUON_DIR, exist_ok=True)
    os.makedirs(JSON_DIR, exist_ok=True)
    with open(os.path.join(MUON_DIR, "teaching.json"), "w") as f:
        json.dump({"generatedBy": "lib/reference/muon.py", "torch": torch.__version__,
                   "vsTorchOptimMuon": agreement, "cases": teaching_cases()}, f)
    torch.set_default_dtype(torch.float32)
    with open(os.path.join(JSON_DIR, "muon.json"), "w") as f:
        json.dump({"generatedBy": "lib/reference/muon.py", "torch": torch.__version__,
                   "cases": [djl_case(*c) for c in DJL_CASES]}, f)


if __name__ == "__main__":
    main()
