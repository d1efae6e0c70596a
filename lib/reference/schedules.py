"""Reference learning-rate sequences from PyTorch's own schedulers, for trainwell.schedules tests.

Run from the repository root (needs torch; the tests themselves do not):
    "$TORCH_PYTHON" lib/reference/schedules.py

For every case it builds a dummy parameter, an SGD optimizer (momentum 0.9, so the schedulers that
cycle momentum can set it) and one scheduler, then for step k = 0, 1, ..., n-1 records
optimizer.param_groups[0]['lr'] (and 'momentum') BEFORE the k-th scheduler.step(): row k is the rate
the (k+1)-th optimizer.step() uses, which is what trainwell's Schedule.at(k) returns.
Writes lib/src/test/resources/reference/schedules/<case>.csv with columns step,lr[,momentum].
"""
import csv
import math
import os

import torch
from torch.optim import SGD
from torch.optim import lr_scheduler as S

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "src", "test", "resources",
                   "reference", "schedules")


def opt(lr=0.1):
    return SGD([torch.nn.Parameter(torch.zeros(1))], lr=lr, momentum=0.9)


def sequential_warmup(lr, warmup, after):
    """SequentialLR(LinearLR(1/(w+1) -> 1 over w), after(o)) switched at w: trainwell's linearWarmup."""
    o = opt(lr)
    ramp = S.LinearLR(o, start_factor=1.0 / (warmup + 1), end_factor=1.0, total_iters=warmup)
    return S.SequentialLR(o, [ramp, after(o)], milestones=[warmup])


def sequential_constant_warmup(lr, warmup, factor, after):
    """SequentialLR(ConstantLR(factor, w), after(o)) switched at w: trainwell's constantWarmup."""
    o = opt(lr)
    hold = S.ConstantLR(o, factor=factor, total_iters=warmup)
    return S.SequentialLR(o, [hold, after(o)], milestones=[warmup])


# name -> (number of steps, factory, record momentum?)
CASES = {
    "step_lr_a": (300, lambda: S.StepLR(opt(0.1), step_size=30, gamma=0.1), False),
    "step_lr_b": (300, lambda: S.StepLR(opt(1.0), step_size=7, gamma=0.9), False),
    "multistep_lr": (300, lambda: S.MultiStepLR(opt(0.1), milestones=[50, 120, 200], gamma=0.3), False),
    "exponential_lr_a": (500, lambda: S.ExponentialLR(opt(0.1), gamma=0.99), False),
    "exponential_lr_b": (300, lambda: S.ExponentialLR(opt(2.0), gamma=0.95), False),
    "polynomial_lr_p2": (300, lambda: S.PolynomialLR(opt(0.1), total_iters=200, power=2.0), False),
    "polynomial_lr_p05": (300, lambda: S.PolynomialLR(opt(0.05), total_iters=250, power=0.5), False),
    "polynomial_lr_p1": (300, lambda: S.PolynomialLR(opt(0.1), total_iters=300, power=1.0), False),
    "linear_lr_up": (300, lambda: S.LinearLR(opt(0.1), start_factor=0.25, end_factor=1.0, total_iters=100), False),
    "linear_lr_down": (300, lambda: S.LinearLR(opt(0.1), start_factor=1.0, end_factor=0.05, total_iters=250), False),
    "cosine_lr_a": (300, lambda: S.CosineAnnealingLR(opt(0.1), T_max=100, eta_min=0.001), False),
    "cosine_lr_b": (300, lambda: S.CosineAnnealingLR(opt(0.01), T_max=250), False),
    "warm_restarts_t50": (300, lambda: S.CosineAnnealingWarmRestarts(opt(0.1), T_0=50, T_mult=1, eta_min=1e-4), False),
    "warm_restarts_t20_mult2": (620, lambda: S.CosineAnnealingWarmRestarts(opt(0.1), T_0=20, T_mult=2), False),
    "warm_restarts_t10_mult3": (400, lambda: S.CosineAnnealingWarmRestarts(opt(0.05), T_0=10, T_mult=3, eta_min=1e-3), False),
    "cyclic_triangular": (400, lambda: S.CyclicLR(opt(), base_lr=1e-3, max_lr=6e-3, step_size_up=50), True),
    "cyclic_triangular2": (500, lambda: S.CyclicLR(opt(), base_lr=1e-3, max_lr=1e-2, step_size_up=40,
                                                   step_size_down=60, mode="triangular2"), True),
    "cyclic_exp_range": (400, lambda: S.CyclicLR(opt(), base_lr=1e-4, max_lr=1e-2, step_size_up=25,
                                                 mode="exp_range", gamma=0.995), True),
    "one_cycle_cos": (500, lambda: S.OneCycleLR(opt(), max_lr=0.1, total_steps=500), True),
    "one_cycle_linear": (400, lambda: S.OneCycleLR(opt(), max_lr=0.01, total_steps=400, pct_start=0.25,
                                                   anneal_strategy="linear", div_factor=10.0,
                                                   final_div_factor=100.0, base_momentum=0.8,
                                                   max_momentum=0.9), True),
    "one_cycle_three_phase": (300, lambda: S.OneCycleLR(opt(), max_lr=0.05, total_steps=300, pct_start=0.3,
                                                        three_phase=True), True),
    "warmup_linear_cosine": (300, lambda: sequential_warmup(
        0.1, 40, lambda o: S.CosineAnnealingLR(o, T_max=260, eta_min=0.001)), False),
    "warmup_constant_exponential": (300, lambda: sequential_constant_warmup(
        0.1, 25, 0.1, lambda o: S.ExponentialLR(o, gamma=0.99)), False),
}


def record(n, factory, momentum):
    sched = factory()
    o = sched.optimizer
    rows = []
    for k in range(n):
        g = o.param_groups[0]
        rows.append([k, repr(float(g["lr"]))] + ([repr(float(g["momentum"]))] if momentum else []))
        o.step()
        sched.step()
    return rows


def main():
    import warnings
    warnings.simplefilter("ignore")  # SequentialLR's internal step(0) warns; the values are what we want
    os.makedirs(OUT, exist_ok=True)
    for name, (n, factory, momentum) in CASES.items():
        rows = record(n, factory, momentum)
        with open(os.path.join(OUT, name + ".csv"), "w", newline="") as f:
            w = csv.writer(f)
            w.writerow(["step", "lr"] + (["momentum"] if momentum else []))
            w.writerows(rows)
        print(f"{name}: {n} steps, torch {torch.__version__}")


if __name__ == "__main__":
    main()
