# Reference values for AdamOptimizer's RMS ratio and trainwell.training.AdamRmsRatio.
#
# Run from the repository root (needs PyTorch; the Java tests only read the JSON file written here):
#   "$TORCH_PYTHON" lib/reference/adam_rms.py
# Writes lib/src/test/resources/reference/adam_rms/adam_rms.json
#
# The RMS ratio of Wortsman et al. 2023, "Stable and low-precision training for large-scale vision-language
# models" (arXiv 2304.13013, section 3.4), as their StableAdamW reference code computes it for its update
# clipping:  RMS_t = sqrt(mean(g_t^2 / max(u_t, eps^2))), u_t the bias-corrected second moment after it took in
# g_t. Here it is computed from torch.optim's own state after each step: u_t = exp_avg_sq / (1 - beta2^t), in
# float64, with g_t the gradient that entered the moments (for Adam with L2 weight decay: grad + wd * p, p the
# weights before the step, which is what torch.optim.Adam adds; for AdamW: grad).
#
# Cases:
#  - "adamw_0.999", "adamw_0.95", "adam_l2_0.999": 10 steps of torch.optim.AdamW / Adam (single-tensor path,
#    float32) on a small fixed problem (a 3x4 weight and a bias, a non-quadratic loss), two parameter groups;
#  - "jump_0.999", "jump_0.95": AdamW fed a synthetic gradient of steady size for 200 steps, 100 times larger at
#    step 200 (0-based), then steady again: how far the ratio jumps depends on beta2.
import json
import math
import os

import torch

OUT = os.path.join(os.path.dirname(__file__), "..", "src", "test", "resources", "reference", "adam_rms")
EPS = 1e-8


def flat(t):
    # float32 values, written with the 9 significant digits that identify a float32 exactly
    return [float(f"{v:.9g}") for v in t.detach().reshape(-1).tolist()]


def rms_ratio(g, exp_avg_sq, beta2, t, eps):
    u = exp_avg_sq.double() / (1 - beta2 ** t)
    ratio = g.double().pow(2) / torch.clamp(u, min=eps * eps)
    return math.sqrt(float(ratio.mean()))


def observe(opt, named, grads_in, beta2, with_state=True):
    out = {}
    for name, p in named.items():
        st = opt.state[p]
        t = int(st["step"])
        out[name] = {"rms": rms_ratio(grads_in[name], st["exp_avg_sq"], beta2, t, EPS), "step": t}
        if with_state:
            out[name]["exp_avg_sq"] = flat(st["exp_avg_sq"])
    return out


LR = 0.05  # the problem cases' constant learning rate


def problem_case(name, make, beta2, weight_decay, coupled, steps=10):
    g = torch.Generator().manual_seed(5)
    weight = torch.randn(3, 4, generator=g).requires_grad_()
    bias = torch.randn(3, generator=g).requires_grad_()
    x = torch.randn(8, 4, generator=g)
    y = torch.randn(8, 3, generator=g)
    named = {"weight": weight, "bias": bias}
    initial = {k: flat(v) for k, v in named.items()}
    opt = make([{"params": [weight], "weight_decay": weight_decay}, {"params": [bias], "weight_decay": 0.0}])
    out = []
    for _ in range(steps):
        opt.zero_grad()
        loss = torch.tanh(x @ weight.T + bias - y).pow(2).mean() + 0.1 * weight.abs().sum()
        loss.backward()
        grads = {k: v.grad.detach().clone() for k, v in named.items()}
        # the gradient that enters the moments: torch.optim.Adam adds wd * p (weights before the step)
        entered = {"weight": grads["weight"] + (weight_decay * weight.detach() if coupled else 0.0),
                   "bias": grads["bias"]}
        opt.step()
        out.append({"grad": {k: flat(v) for k, v in grads.items()},
                    "param": {k: flat(v) for k, v in named.items()},
                    "observed": observe(opt, named, entered, beta2)})
    return {"name": name, "torch": repr(opt).replace("\n", " "), "lr": LR, "beta2": beta2,
            "weightDecay": weight_decay, "coupled": coupled, "shapes": {"weight": [3, 4], "bias": [3]}, "initial": initial, "steps": out}


JUMP_LR = 1e-3


def jump_case(name, beta2, steps=220, jump_at=200, factor=100.0):
    g = torch.Generator().manual_seed(9)
    weight = torch.randn(4, 5, generator=g).requires_grad_()
    direction = torch.randn(4, 5, generator=g)
    opt = torch.optim.AdamW([weight], lr=JUMP_LR, betas=(0.9, beta2), eps=EPS, weight_decay=0.0, foreach=False)
    initial = {"weight": flat(weight)}
    out = []
    for t in range(steps):
        noise = 1.0 + 0.1 * torch.randn(4, 5, generator=g)
        grad = direction * noise * (factor if t == jump_at else 1.0)
        weight.grad = grad.clone()
        opt.step()
        # the gradient is stored as the float32 the optimizer saw; weights and state only around the jump
        near = abs(t - jump_at) <= 2
        step = {"grad": {"weight": flat(grad)},
                "observed": observe(opt, {"weight": weight}, {"weight": grad}, beta2, with_state=near)}
        if near:
            step["param"] = {"weight": flat(weight)}
        out.append(step)
    return {"name": name, "torch": repr(opt).replace("\n", " "), "lr": JUMP_LR, "beta2": beta2, "weightDecay": 0.0,
            "coupled": False, "jumpAt": jump_at, "factor": factor, "shapes": {"weight": [4, 5]},
            "initial": initial, "steps": out}


def main():
    torch.manual_seed(0)
    cases = [
        problem_case("adamw_0.999", lambda p: torch.optim.AdamW(p, lr=LR, betas=(0.9, 0.999), eps=EPS,
                                                                foreach=False), 0.999, 0.1, False),
        problem_case("adamw_0.95", lambda p: torch.optim.AdamW(p, lr=LR, betas=(0.9, 0.95), eps=EPS,
                                                               foreach=False), 0.95, 0.1, False),
        problem_case("adam_l2_0.999", lambda p: torch.optim.Adam(p, lr=LR, betas=(0.9, 0.999), eps=EPS,
                                                                 foreach=False), 0.999, 0.1, True),
        jump_case("jump_0.999", 0.999),
        jump_case("jump_0.95", 0.95),
    ]
    os.makedirs(OUT, exist_ok=True)
    with open(os.path.join(OUT, "adam_rms.json"), "w") as f:
        json.dump({"torch": torch.__version__, "eps": EPS, "cases": cases}, f, indent=None)
    for c in cases:
        rms = [s["observed"]["weight"]["rms"] for s in c["steps"]]
        print(c["name"], "weight rms: first", round(rms[0], 4), "max", round(max(rms), 4),
              "at", rms.index(max(rms)), "last", round(rms[-1], 4))


if __name__ == "__main__":
    main()
