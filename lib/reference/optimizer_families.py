# Reference steps for the optimizer settings that lib/reference/optimizers.py and djl_optimizers.py do not
# cover: SGD with dampening, AdaGrad's initial accumulator, AMSGrad on the DJL side, and Lion (which
# PyTorch does not ship).
#
# Run from the repository root (needs PyTorch; the Java tests only read the files written here):
#   "$TORCH_PYTHON" lib/reference/optimizer_families.py
# It writes, without touching the files of the other two scripts:
#   lib/src/test/resources/reference/optimizers/families_cases.csv   case,torch_call
#   lib/src/test/resources/reference/optimizers/<case>.csv           float64, 30 steps, on the stored
#                                                                    gradients.csv of optimizers.py
#   lib/src/test/resources/reference/djl_optimizers/families.json    float32, 15 steps, two groups,
#                                                                    changing LR (djl_optimizers.py's format)
#
# Lion is written here from Algorithm 2 of Chen et al. 2023, "Symbolic Discovery of Optimization
# Algorithms" (arXiv:2302.06675), not copied from any implementation:
#   c = b1 * m + (1 - b1) * g;  p = p - lr * (sign(c) + wd * p);  m = b2 * m + (1 - b2) * g
# with the paper's defaults b1 = 0.9, b2 = 0.99. Weight decay is decoupled (it never enters m).
import csv
import json
import os
import sys

import torch

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import djl_optimizers  # noqa: E402  (reuses its float32 case runner and output format)

CSV_DIR = os.path.join(HERE, "..", "src", "test", "resources", "reference", "optimizers")
JSON_DIR = os.path.join(HERE, "..", "src", "test", "resources", "reference", "djl_optimizers")


class PaperLion(torch.optim.Optimizer):
    """Lion, Algorithm 2 of Chen et al. 2023, one tensor at a time."""

    def __init__(self, params, lr, betas=(0.9, 0.99), weight_decay=0.0):
        super().__init__(params, dict(lr=lr, betas=betas, weight_decay=weight_decay))

    @torch.no_grad()
    def step(self):
        for group in self.param_groups:
            b1, b2 = group["betas"]
            lr, wd = group["lr"], group["weight_decay"]
            for p in group["params"]:
                if p.grad is None:
                    continue
                state = self.state[p]
                if not state:
                    state["exp_avg"] = torch.zeros_like(p)
                m, g = state["exp_avg"], p.grad
                c = m * b1 + g * (1 - b1)            # interpolate momentum and gradient
                update = torch.sign(c) + p * wd      # the sign, plus decoupled weight decay
                p.sub_(update * lr)
                m.mul_(b2).add_(g * (1 - b2))        # the momentum is updated after the step


O = torch.optim

# float64 cases on the 4-parameter gradient sequence of optimizers.py (teaching versions on double[])
CSV_CASES = {
    "sgd_dampening": ("SGD(lr=0.05, momentum=0.9, dampening=0.5)",
                      lambda p: O.SGD(p, lr=0.05, momentum=0.9, dampening=0.5, foreach=False)),
    "sgd_dampening_wd": ("SGD(lr=0.05, momentum=0.8, dampening=0.8, weight_decay=0.05)",
                         lambda p: O.SGD(p, lr=0.05, momentum=0.8, dampening=0.8, weight_decay=0.05,
                                         foreach=False)),
    "adagrad_initial_accumulator": ("Adagrad(lr=0.1, initial_accumulator_value=0.5)",
                                    lambda p: O.Adagrad(p, lr=0.1, initial_accumulator_value=0.5,
                                                        foreach=False)),
    "lion": ("PaperLion(lr=0.05)  (Chen et al. 2023, Algorithm 2)", lambda p: PaperLion(p, lr=0.05)),
    "lion_betas_wd": ("PaperLion(lr=0.05, betas=(0.95, 0.98), weight_decay=0.1)",
                      lambda p: PaperLion(p, lr=0.05, betas=(0.95, 0.98), weight_decay=0.1)),
}

# float32 cases in djl_optimizers.py's format:
# name, constructor, base lr, weight decay of the "weight" group, lr multiplier of the "bias" group
JSON_CASES = [
    ("sgd_dampening", lambda p: O.SGD(p, lr=0.1, momentum=0.9, dampening=0.3, foreach=False), 0.1, 0.05, 1.0),
    ("adam_amsgrad", lambda p: O.Adam(p, lr=0.01, amsgrad=True, foreach=False), 0.01, 0.1, 1.0),
    ("adamw_amsgrad", lambda p: O.AdamW(p, lr=0.01, amsgrad=True, foreach=False), 0.01, 0.1, 0.5),
    ("lion", lambda p: PaperLion(p, lr=0.01), 0.01, 0.0, 1.0),
    ("lion_wd", lambda p: PaperLion(p, lr=0.01, betas=(0.95, 0.98)), 0.01, 0.5, 0.5),
]


def stored_gradients():
    """The gradient sequence optimizers.py stored (read back, so both scripts feed the same numbers)."""
    with open(os.path.join(CSV_DIR, "gradients.csv")) as f:
        rows = list(csv.reader(f))[1:]
    return torch.tensor([[float(v) for v in r[1:]] for r in rows], dtype=torch.float64)


def run(make_opt, grads):
    p = torch.tensor([1.0, -2.0, 0.5, 3.0], dtype=torch.float64, requires_grad=True)
    with open(os.path.join(CSV_DIR, "sgd.csv")) as f:   # the same start as optimizers.py's cases
        start = [float(v) for v in list(csv.reader(f))[1][1:]]
    assert start == p.detach().tolist(), start
    opt = make_opt([p])
    rows = [p.detach().clone().tolist()]
    for k in range(grads.shape[0]):
        p.grad = grads[k].clone()
        opt.step()
        rows.append(p.detach().clone().tolist())
    return rows


def main():
    grads = stored_gradients()
    for case, (_, make) in CSV_CASES.items():
        with open(os.path.join(CSV_DIR, case + ".csv"), "w", newline="") as f:
            w = csv.writer(f, lineterminator="\n")
            w.writerow(["step", "p0", "p1", "p2", "p3"])
            for k, row in enumerate(run(make, grads)):
                w.writerow([k] + [repr(float(v)) for v in row])
    with open(os.path.join(CSV_DIR, "families_cases.csv"), "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["case", "torch_call"])
        for case, (call, _) in CSV_CASES.items():
            w.writerow([case, call if call.startswith("PaperLion") else "torch.optim." + call])
    torch.set_default_dtype(torch.float32)
    with open(os.path.join(JSON_DIR, "families.json"), "w") as f:
        json.dump({"generatedBy": "lib/reference/optimizer_families.py", "torch": torch.__version__,
                   "cases": [djl_optimizers.optimizer_case(*c) for c in JSON_CASES]}, f)
    print("torch", torch.__version__, "->", len(CSV_CASES), "float64 cases,", len(JSON_CASES), "float32 cases")


if __name__ == "__main__":
    main()
