"""Reference roundings of float32 values to bfloat16 and float16 by PyTorch, for trainwell.precision tests.

Run from the repository root (needs torch; the tests themselves do not):
    "$TORCH_PYTHON" lib/reference/precision.py

For each value x (held as float32): torch.tensor(x).to(torch.bfloat16).float() and the same with
torch.float16, printed with Python's repr of the double (exact). Writes
lib/src/test/resources/reference/precision/roundings.csv with columns x,bfloat16,float16.
"""
import csv
import os
import random

import torch

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "src", "test", "resources",
                   "reference", "precision")


def values():
    v = [0.0, -0.0, 1.0, -1.0, 0.1, 1.0 / 3, 65504.0, 65519.0, 65520.0, 65536.0, 1e5, -70000.0,
         6.103515625e-05, 6.0e-05, 5.960464477539063e-08, 2.98e-08, 2.99e-08, 1e-8, 1e-3, 1e-4,
         1.00390625, 1.001953125, 1.0009765625, 1.0029296875, 3.0e38, 3.39e38, 1e-39, 1e-41,
         2049.0, 2051.0, 4097.0, 0.0001, 12345.678]
    rng = random.Random(7)
    for _ in range(200):
        v.append(rng.choice([-1, 1]) * 10 ** rng.uniform(-9, 6))
    return v


def main():
    os.makedirs(OUT, exist_ok=True)
    with open(os.path.join(OUT, "roundings.csv"), "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["x", "bfloat16", "float16"])
        for x in values():
            t = torch.tensor(x, dtype=torch.float32)
            w.writerow([repr(t.item()), repr(t.to(torch.bfloat16).float().item()),
                        repr(t.to(torch.float16).float().item())])


if __name__ == "__main__":
    main()
