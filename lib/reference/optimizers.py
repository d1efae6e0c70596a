# Reference parameter sequences for trainwell.optimizers, produced by torch.optim's own optimizers.
#
# Run (from the repository root):
#   "$TORCH_PYTHON" lib/reference/optimizers.py
# It writes lib/src/test/resources/reference/optimizers/:
#   gradients.csv   step,g0..g3      the fixed gradient fed at each step (seeded, stored, so tests need no torch)
#   <case>.csv      step,p0..p3      row 0 = the initial parameters, row k = the parameters after k steps
#   cases.csv       case,torch_call  what produced each file (documentation for the reader)
# All tensors are float64; the single-tensor ("foreach=False") code path is used.
import csv
import os

import torch

STEPS = 30
INITIAL = [1.0, -2.0, 0.5, 3.0]
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)),
                   "..", "src", "test", "resources", "reference", "optimizers")


def gradients():
    """Seeded gradients with different scales per coordinate (so adaptive methods differ from SGD),
    a drift (so momentum builds up) and a few exact zeros (a coordinate that gets no signal)."""
    g = torch.Generator().manual_seed(20231)
    scale = torch.tensor([1.0, 0.01, 5.0, 1.0], dtype=torch.float64)
    drift = torch.tensor([0.5, 0.0, -1.0, 0.2], dtype=torch.float64)
    grads = torch.randn(STEPS, 4, generator=g, dtype=torch.float64) * scale + drift
    grads[5, 3] = 0.0
    grads[17, 0] = 0.0
    return grads


def no_schedule(opt):
    return None


def exponential(gamma):
    return lambda opt: torch.optim.lr_scheduler.ExponentialLR(opt, gamma=gamma)


O = torch.optim
CASES = {
    "sgd": ("SGD(lr=0.1)", lambda p: O.SGD(p, lr=0.1, foreach=False), no_schedule),
    "sgd_wd": ("SGD(lr=0.1, weight_decay=0.1)",
               lambda p: O.SGD(p, lr=0.1, weight_decay=0.1, foreach=False), no_schedule),
    "momentum": ("SGD(lr=0.05, momentum=0.9)",
                 lambda p: O.SGD(p, lr=0.05, momentum=0.9, foreach=False), no_schedule),
    "momentum_wd": ("SGD(lr=0.05, momentum=0.9, weight_decay=0.01)",
                    lambda p: O.SGD(p, lr=0.05, momentum=0.9, weight_decay=0.01, foreach=False), no_schedule),
    "nesterov": ("SGD(lr=0.05, momentum=0.9, nesterov=True)",
                 lambda p: O.SGD(p, lr=0.05, momentum=0.9, nesterov=True, foreach=False), no_schedule),
    "nesterov_wd": ("SGD(lr=0.05, momentum=0.8, nesterov=True, weight_decay=0.05)",
                    lambda p: O.SGD(p, lr=0.05, momentum=0.8, nesterov=True, weight_decay=0.05, foreach=False),
                    no_schedule),
    "momentum_exponential_lr": ("SGD(lr=0.1, momentum=0.9) + ExponentialLR(gamma=0.9)",
                                lambda p: O.SGD(p, lr=0.1, momentum=0.9, foreach=False), exponential(0.9)),
    "adagrad": ("Adagrad(lr=0.1)", lambda p: O.Adagrad(p, lr=0.1, foreach=False), no_schedule),
    "adagrad_wd": ("Adagrad(lr=0.1, weight_decay=0.1, eps=1e-6)",
                   lambda p: O.Adagrad(p, lr=0.1, weight_decay=0.1, eps=1e-6, foreach=False), no_schedule),
    "rmsprop": ("RMSprop(lr=0.01)", lambda p: O.RMSprop(p, lr=0.01, foreach=False), no_schedule),
    "rmsprop_momentum": ("RMSprop(lr=0.01, momentum=0.9)",
                         lambda p: O.RMSprop(p, lr=0.01, momentum=0.9, foreach=False), no_schedule),
    "rmsprop_centered": ("RMSprop(lr=0.01, centered=True)",
                         lambda p: O.RMSprop(p, lr=0.01, centered=True, foreach=False), no_schedule),
    "rmsprop_centered_momentum_wd": (
        "RMSprop(lr=0.01, alpha=0.9, eps=1e-6, momentum=0.5, centered=True, weight_decay=0.1)",
        lambda p: O.RMSprop(p, lr=0.01, alpha=0.9, eps=1e-6, momentum=0.5, centered=True, weight_decay=0.1,
                            foreach=False), no_schedule),
    "adam": ("Adam(lr=0.1)", lambda p: O.Adam(p, lr=0.1, foreach=False), no_schedule),
    "adam_betas_eps": ("Adam(lr=0.1, betas=(0.9, 0.98), eps=1e-9)",
                       lambda p: O.Adam(p, lr=0.1, betas=(0.9, 0.98), eps=1e-9, foreach=False), no_schedule),
    "adam_l2": ("Adam(lr=0.1, weight_decay=0.1)",
                lambda p: O.Adam(p, lr=0.1, weight_decay=0.1, foreach=False), no_schedule),
    "adam_amsgrad": ("Adam(lr=0.1, amsgrad=True)",
                     lambda p: O.Adam(p, lr=0.1, amsgrad=True, foreach=False), no_schedule),
    "adam_exponential_lr": ("Adam(lr=0.1) + ExponentialLR(gamma=0.9)",
                            lambda p: O.Adam(p, lr=0.1, foreach=False), exponential(0.9)),
    "adamw": ("AdamW(lr=0.1)  (default weight_decay=0.01)",
              lambda p: O.AdamW(p, lr=0.1, foreach=False), no_schedule),
    "adamw_wd_amsgrad": ("AdamW(lr=0.1, weight_decay=0.5, amsgrad=True)",
                         lambda p: O.AdamW(p, lr=0.1, weight_decay=0.5, amsgrad=True, foreach=False), no_schedule),
    "radam": ("RAdam(lr=0.1)", lambda p: O.RAdam(p, lr=0.1, foreach=False), no_schedule),
    "radam_wd": ("RAdam(lr=0.1, weight_decay=0.1)",
                 lambda p: O.RAdam(p, lr=0.1, weight_decay=0.1, foreach=False), no_schedule),
    "radam_decoupled_wd": ("RAdam(lr=0.1, weight_decay=0.1, decoupled_weight_decay=True)",
                           lambda p: O.RAdam(p, lr=0.1, weight_decay=0.1, decoupled_weight_decay=True,
                                             foreach=False), no_schedule),
}


def run(make_opt, make_sched, grads):
    p = torch.tensor(INITIAL, dtype=torch.float64, requires_grad=True)
    opt = make_opt([p])
    sched = make_sched(opt)
    rows = [p.detach().clone().tolist()]
    for k in range(STEPS):
        p.grad = grads[k].clone()
        opt.step()
        if sched is not None:
            sched.step()
        rows.append(p.detach().clone().tolist())
    return rows


def write(name, header, rows):
    with open(os.path.join(OUT, name), "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        for k, row in enumerate(rows):
            w.writerow([k] + [repr(float(v)) for v in row])


def main():
    os.makedirs(OUT, exist_ok=True)
    grads = gradients()
    write("gradients.csv", ["step", "g0", "g1", "g2", "g3"], grads.tolist())
    for case, (call, make_opt, make_sched) in CASES.items():
        write(case + ".csv", ["step", "p0", "p1", "p2", "p3"], run(make_opt, make_sched, grads))
    with open(os.path.join(OUT, "cases.csv"), "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["case", "torch_call"])
        for case, (call, _, _) in CASES.items():
            w.writerow([case, "torch.optim." + call])
    print("torch", torch.__version__, "->", os.path.normpath(OUT), len(CASES), "cases")


if __name__ == "__main__":
    main()
