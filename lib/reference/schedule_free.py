# Reference steps for schedule-free AdamW: trainwell.optimizers.ScheduleFreeAdam (double[]) and
# trainwell.optimizers.djl.ScheduleFreeAdamOptimizer (DJL, float32).
#
# Run from the repository root (needs PyTorch; the Java tests only read the files written here):
#   "$TORCH_PYTHON" lib/reference/schedule_free.py
# It writes, without touching the files of the other reference scripts:
#   lib/src/test/resources/reference/optimizers/schedule_free_cases.csv   case,torch_call
#   lib/src/test/resources/reference/optimizers/<case>.csv     float64, 30 steps on optimizers.py's stored
#                                                              gradients.csv: row k = y (the parameter) after k steps
#   lib/src/test/resources/reference/optimizers/<case>_x.csv   the same rows for x (the average: the answer)
#   lib/src/test/resources/reference/optimizers/<case>_z.csv   the same rows for z (the base SGD-like sequence)
#   lib/src/test/resources/reference/djl_optimizers/schedule_free.json   float32, 15 steps, two groups, in
#                                                              djl_optimizers.py's format, plus per step "x" and
#                                                              "z", and at the end "evalParam" (the parameters
#                                                              after eval(): x) and "trainParam" (after train(): y)
#
# Method: Defazio, Yang, Mehta, Mishchenko, Khaled and Cutkosky 2024, "The Road Less Scheduled"
# (arXiv:2405.15682). The update below is written from the formulas of the authors' reference code,
# facebookresearch/schedule_free, schedulefree/adamw_schedulefree_reference.py (class
# AdamWScheduleFreeReference, file as of commit 43e5c2d978920e1a3707a7609662c72b56401e62, read at
# 70785b53e778d0e872c0bbb75ff4ee54ee10c291), not copied. Per step k (0-based) and parameter group:
#   sched  = (k + 1) / warmup_steps while k < warmup_steps, else 1
#   lr_k   = group lr * sched                     (no sqrt(1 - beta2^(k+1)) factor since the authors'
#                                                  "Stability improvements" commit 59ed9b6 of 2024-11-04,
#                                                  which moved the bias correction into the denominator)
#   lr_max = max(lr_max, lr_k)                     (starts at -1)
#   w_k    = (k + 1)^r * lr_max^weight_lr_power    (r = 0, weight_lr_power = 2)
#   c_k    = w_k / sum_{i <= k} w_i                (0 while the sum is 0)
#   z     -= lr_k * wd * y                         (weight decay at y, the default decay_at_z=False)
#   v      = beta2 v + (1 - beta2) g^2
#   z     -= lr_k * g / (sqrt(v / (1 - beta2^(k+1))) + eps)
#   x      = (1 - c_k) x + c_k z
#   y      = beta1 x + (1 - beta1) z               (the parameter holds y: gradients are taken there)
# z, x and y start at the initial parameter; eval() sets the parameter to x, train() back to y.
# (The reference also computes "lr = max(group['lr'], eps)" first; the next assignment overwrites it.)
# The operations on tensors follow the reference's order (mul_ then add_ with alpha, addcmul_, addcdiv_)
# so that float32 rounding is the same as the authors' code.
import csv
import json
import os
import sys

import torch

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import djl_optimizers  # noqa: E402  (its float32 case runner and output format)
import optimizer_families  # noqa: E402  (its stored gradients and float64 runner's start)

CSV_DIR = optimizer_families.CSV_DIR
JSON_DIR = optimizer_families.JSON_DIR


class ScheduleFreeAdamW(torch.optim.Optimizer):
    """Schedule-free AdamW with the reference code's formulas; x, y, z kept explicitly."""

    def __init__(self, params, lr=0.0025, betas=(0.9, 0.999), eps=1e-8, weight_decay=0.0, warmup_steps=0):
        super().__init__(params, dict(lr=lr, betas=betas, eps=eps, weight_decay=weight_decay,
                                      warmup_steps=warmup_steps, k=0, lr_max=-1.0, weight_sum=0.0,
                                      training=False))

    @torch.no_grad()
    def train(self):
        """Parameters back to y, where the next gradient is taken."""
        for group in self.param_groups:
            for p in group["params"]:
                if "y" in self.state[p]:
                    p.copy_(self.state[p]["y"])
            group["training"] = True
        return self

    @torch.no_grad()
    def eval(self):
        """Parameters to x, the averaged sequence: what to evaluate and keep."""
        for group in self.param_groups:
            for p in group["params"]:
                if "x" in self.state[p]:
                    p.copy_(self.state[p]["x"])
            group["training"] = False
        return self

    @torch.no_grad()
    def step(self):
        for group in self.param_groups:
            assert group["training"], "call train() before step()"
            beta1, beta2 = group["betas"]
            k, warmup = group["k"], group["warmup_steps"]
            lr = group["lr"] * ((k + 1) / warmup if k < warmup else 1.0)
            group["lr_max"] = max(group["lr_max"], lr)
            weight = group["lr_max"] ** 2                 # r = 0: the (k+1)^r factor is 1
            group["weight_sum"] += weight
            c = weight / group["weight_sum"] if group["weight_sum"] != 0 else 0.0
            correction2 = 1 - beta2 ** (k + 1)
            for p in group["params"]:
                if p.grad is None:
                    continue
                s = self.state[p]
                if not s:
                    s["z"], s["x"], s["y"] = p.clone(), p.clone(), p.clone()
                    s["v"] = torch.zeros_like(p)
                z, x, y, v, g = s["z"], s["x"], s["y"], s["v"], p.grad
                if group["weight_decay"] != 0:
                    z.sub_(y, alpha=lr * group["weight_decay"])   # decay evaluated at y
                v.mul_(beta2).addcmul_(g, g, value=1 - beta2)
                denominator = v.div(correction2).sqrt_().add_(group["eps"])
                z.addcdiv_(g, denominator, value=-lr)          # the base step, on z
                x.mul_(1 - c).add_(z, alpha=c)                 # the running average of z
                y.copy_(x.mul(beta1).add_(z, alpha=1 - beta1))  # the point of the next gradient
                p.copy_(y)
            group["k"] = k + 1


# float64 cases on the gradient sequence of optimizers.py: name -> (call, constructor, lr of step k)
CSV_CASES = {
    "schedule_free": ("ScheduleFreeAdamW(lr=0.1)", lambda p: ScheduleFreeAdamW(p, lr=0.1), lambda k: 0.1),
    "schedule_free_warmup_wd": (
        "ScheduleFreeAdamW(lr=0.2, betas=(0.95, 0.99), eps=1e-6, weight_decay=0.1, warmup_steps=8)",
        lambda p: ScheduleFreeAdamW(p, lr=0.2, betas=(0.95, 0.99), eps=1e-6, weight_decay=0.1, warmup_steps=8),
        lambda k: 0.2),
    "schedule_free_changing_lr": (
        "ScheduleFreeAdamW(weight_decay=0.05, warmup_steps=5) with lr 0.1 * 0.9^k set each step",
        lambda p: ScheduleFreeAdamW(p, lr=0.1, weight_decay=0.05, warmup_steps=5),
        lambda k: 0.1 * 0.9 ** k),
}

# float32 cases in djl_optimizers.py's format: name, constructor, base lr, weight decay of the "weight"
# group, lr multiplier of the "bias" group, the learning rate of each step
JSON_CASES = [
    ("schedule_free_changing_lr",
     lambda p: ScheduleFreeAdamW(p, lr=0.01, weight_decay=0.1, warmup_steps=5).train(),
     0.01, 0.1, 0.5, djl_optimizers.lr_schedule(0.01)),
    ("schedule_free_constant_lr",
     lambda p: ScheduleFreeAdamW(p, lr=0.02, betas=(0.8, 0.99), eps=1e-6, weight_decay=0.05,
                                 warmup_steps=4).train(),
     0.02, 0.05, 1.0, [0.02] * djl_optimizers.STEPS),
]


def state_of(opt, params):
    """x and z of each parameter after a step (y is the parameter itself)."""
    return {key: {name: djl_optimizers.flat(opt.state[p][key]) for name, p in params.items()} for key in ("x", "z")}


def json_case(name, make, base_lr, weight_decay, bias_lr_mult, lrs):
    made = []

    def keep(params):
        made.append(make(params))
        return made[-1]

    case = djl_optimizers.optimizer_case(name, keep, base_lr, weight_decay, bias_lr_mult, lrs, state_of)
    opt = made[0]
    params = [p for group in opt.param_groups for p in group["params"]]   # weight, bias
    opt.eval()
    case["evalParam"] = {"weight": djl_optimizers.flat(params[0]), "bias": djl_optimizers.flat(params[1])}
    opt.train()
    case["trainParam"] = {"weight": djl_optimizers.flat(params[0]), "bias": djl_optimizers.flat(params[1])}
    return case


def csv_case(make, lr_at, grads):
    """Rows of y, x and z (row 0 = the start) over the stored gradients, in float64."""
    p = torch.tensor([1.0, -2.0, 0.5, 3.0], dtype=torch.float64, requires_grad=True)
    opt = make([p]).train()
    rows = {"y": [p.detach().tolist()], "x": [p.detach().tolist()], "z": [p.detach().tolist()]}
    for k in range(grads.shape[0]):
        opt.param_groups[0]["lr"] = lr_at(k)
        p.grad = grads[k].clone()
        opt.step()
        for key in ("y", "x", "z"):
            rows[key].append(opt.state[p][key].tolist())
    return rows


def write_rows(file, rows):
    with open(os.path.join(CSV_DIR, file), "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["step", "p0", "p1", "p2", "p3"])
        for k, row in enumerate(rows):
            w.writerow([k] + [repr(float(v)) for v in row])


def main():
    grads = optimizer_families.stored_gradients()
    for case, (_, make, lr_at) in CSV_CASES.items():
        rows = csv_case(make, lr_at, grads)
        write_rows(case + ".csv", rows["y"])
        write_rows(case + "_x.csv", rows["x"])
        write_rows(case + "_z.csv", rows["z"])
    with open(os.path.join(CSV_DIR, "schedule_free_cases.csv"), "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["case", "torch_call"])
        for case, (call, _, _) in CSV_CASES.items():
            w.writerow([case, call + "  (lib/reference/schedule_free.py, from the authors' reference code)"])
    torch.set_default_dtype(torch.float32)
    with open(os.path.join(JSON_DIR, "schedule_free.json"), "w") as f:
        json.dump({"generatedBy": "lib/reference/schedule_free.py", "torch": torch.__version__,
                   "cases": [json_case(*c) for c in JSON_CASES]}, f)
    print("torch", torch.__version__, "->", len(CSV_CASES), "float64 cases,", len(JSON_CASES), "float32 cases")


if __name__ == "__main__":
    main()
