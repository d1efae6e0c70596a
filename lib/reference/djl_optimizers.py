# Reference values for trainwell.optimizers.djl, trainwell.training.clip and trainwell.training.loss.
#
# Run from the repository root (needs PyTorch; the Java tests only read the JSON files written here):
#   "$TORCH_PYTHON" lib/reference/djl_optimizers.py
# Writes lib/src/test/resources/reference/djl_optimizers/{optimizers,clipping,label_smoothing}.json
#
# Every number comes from PyTorch's own code: torch.optim's optimizer classes (single-tensor path,
# foreach=False), torch.nn.utils.clip_grad_norm_ and torch.nn.functional.cross_entropy, in float32.
import json
import os

import torch

OUT = os.path.join(os.path.dirname(__file__), "..", "src", "test", "resources", "reference", "djl_optimizers")
STEPS = 15


def flat(t):
    return [float(v) for v in t.detach().reshape(-1).tolist()]


def lr_schedule(base):
    # A learning rate that changes every step (up and down), so that an optimizer which folds the
    # rate into its momentum buffer (DJL's Sgd) visibly departs from PyTorch.
    factors = [1.0, 0.5, 2.0, 1.5, 0.25, 1.0, 3.0, 0.75, 1.25, 0.5, 2.5, 1.0, 0.2, 1.75, 1.0]
    return [base * f for f in factors[:STEPS]]


CASES = [
    # name, constructor, base lr, weight decay of the "weight" group, lr multiplier of the "bias" group
    ("sgd", lambda p: torch.optim.SGD(p, lr=0.1, foreach=False), 0.1, 0.05, 1.0),
    ("momentum", lambda p: torch.optim.SGD(p, lr=0.1, momentum=0.9, foreach=False), 0.1, 0.05, 1.0),
    ("nesterov", lambda p: torch.optim.SGD(p, lr=0.1, momentum=0.9, nesterov=True, foreach=False), 0.1, 0.05, 1.0),
    ("adam", lambda p: torch.optim.Adam(p, lr=0.01, foreach=False), 0.01, 0.0, 1.0),
    ("adam_l2", lambda p: torch.optim.Adam(p, lr=0.01, foreach=False), 0.01, 0.1, 1.0),
    ("adamw", lambda p: torch.optim.AdamW(p, lr=0.01, betas=(0.8, 0.99), eps=1e-6, foreach=False), 0.01, 0.1, 0.5),
    ("rmsprop", lambda p: torch.optim.RMSprop(p, lr=0.01, foreach=False), 0.01, 0.05, 1.0),
    ("rmsprop_centered", lambda p: torch.optim.RMSprop(p, lr=0.01, centered=True, foreach=False), 0.01, 0.05, 1.0),
    ("rmsprop_momentum", lambda p: torch.optim.RMSprop(p, lr=0.01, momentum=0.8, foreach=False), 0.01, 0.05, 1.0),
    ("adagrad", lambda p: torch.optim.Adagrad(p, lr=0.1, initial_accumulator_value=0.1, foreach=False), 0.1, 0.05, 1.0),
    ("radam", lambda p: torch.optim.RAdam(p, lr=0.01, foreach=False), 0.01, 0.1, 1.0),
    ("radam_decoupled",
     lambda p: torch.optim.RAdam(p, lr=0.01, decoupled_weight_decay=True, foreach=False), 0.01, 0.1, 1.0),
]


def optimizer_case(name, make, base_lr, weight_decay, bias_lr_mult, lrs=None, observe=None):
    """One case: 15 float32 steps of the optimizer make() builds on two groups ("weight", "bias").

    lrs: the learning rate of each step (default: lr_schedule(base_lr), which changes every step);
    observe(opt, params): extra numbers to store with each step (e.g. an optimizer's state), a dict.
    """
    g = torch.Generator().manual_seed(7)
    weight = torch.randn(3, 4, generator=g).requires_grad_()
    bias = torch.randn(3, generator=g).requires_grad_()
    x = torch.randn(8, 4, generator=g)
    y = torch.randn(8, 3, generator=g)
    initial = {"weight": flat(weight), "bias": flat(bias)}
    opt = make([
        {"params": [weight], "weight_decay": weight_decay},
        {"params": [bias], "weight_decay": 0.0},
    ])
    lrs = lr_schedule(base_lr) if lrs is None else lrs
    steps = []
    for t in range(STEPS):
        opt.param_groups[0]["lr"] = lrs[t]
        opt.param_groups[1]["lr"] = lrs[t] * bias_lr_mult
        opt.zero_grad()
        # a non-quadratic loss so that the gradients change shape along the trajectory
        loss = torch.tanh(x @ weight.T + bias - y).pow(2).mean() + 0.1 * weight.abs().sum()
        loss.backward()
        grads = {"weight": flat(weight.grad), "bias": flat(bias.grad)}
        opt.step()
        steps.append({"grad": grads, "param": {"weight": flat(weight), "bias": flat(bias)}})
        if observe is not None:
            steps[-1].update(observe(opt, {"weight": weight, "bias": bias}))
    return {
        "name": name,
        "torch": repr(opt).replace("\n", " "),
        "weightDecay": weight_decay,
        "biasLrMultiplier": bias_lr_mult,
        "lr": lrs,
        "shapes": {"weight": [3, 4], "bias": [3]},
        "initial": initial,
        "steps": steps,
    }


def clipping_cases():
    g = torch.Generator().manual_seed(11)
    shapes = [[3, 4], [3], [2, 5]]
    grads = [torch.randn(*s, generator=g) * 0.7 for s in shapes]
    cases = []
    for max_norm in [1.0, 2.5, 100.0]:
        params = [torch.zeros(*s, requires_grad=True) for s in shapes]
        for p, gr in zip(params, grads):
            p.grad = gr.clone()
        total = torch.nn.utils.clip_grad_norm_(params, max_norm)
        cases.append({
            "maxNorm": max_norm,
            "totalNorm": float(total.detach()),
            "perParameterNorms": [float(gr.norm()) for gr in grads],
            "clipped": [flat(p.grad) for p in params],
        })
    return {"shapes": shapes, "grads": [flat(gr) for gr in grads], "cases": cases}


def label_smoothing_cases():
    g = torch.Generator().manual_seed(3)
    cases = []
    specs = [
        ("2d", [4, 5], [1, 0, 4, 2], -100),
        ("3d", [2, 3, 5], [[1, 4, -100], [0, -100, 3]], -100),
        ("3d_pad0", [2, 3, 5], [[1, 4, 0], [2, 0, 3]], 0),
    ]
    for name, shape, labels, ignore in specs:
        logits0 = torch.randn(*shape, generator=g) * 2.0
        target = torch.tensor(labels, dtype=torch.long)
        for eps in [0.0, 0.1, 0.3]:
            logits = logits0.clone().requires_grad_()
            c = shape[-1]
            loss = torch.nn.functional.cross_entropy(
                logits.reshape(-1, c), target.reshape(-1), label_smoothing=eps, ignore_index=ignore)
            loss.backward()
            cases.append({
                "name": name, "shape": shape, "logits": flat(logits0), "labels": flat(target.float()),
                "ignoreIndex": ignore, "epsilon": eps, "loss": float(loss.detach()), "grad": flat(logits.grad),
            })
    return cases


def main():
    os.makedirs(OUT, exist_ok=True)
    torch.set_default_dtype(torch.float32)
    with open(os.path.join(OUT, "optimizers.json"), "w") as f:
        json.dump({"generatedBy": "lib/reference/djl_optimizers.py", "torch": torch.__version__,
                   "cases": [optimizer_case(*c) for c in CASES]}, f)
    with open(os.path.join(OUT, "clipping.json"), "w") as f:
        json.dump({"generatedBy": "lib/reference/djl_optimizers.py", "torch": torch.__version__,
                   **clipping_cases()}, f, indent=1)
    with open(os.path.join(OUT, "label_smoothing.json"), "w") as f:
        json.dump({"generatedBy": "lib/reference/djl_optimizers.py", "torch": torch.__version__,
                   "cases": label_smoothing_cases()}, f, indent=1)


if __name__ == "__main__":
    main()
