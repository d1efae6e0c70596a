"""Reference outputs of Muon's Newton-Schulz iteration in float64, for trainwell.optimizers.NewtonSchulz tests.

Run from the repository root (needs torch; the tests themselves do not):
    "$TORCH_PYTHON" lib/reference/newton_schulz.py

The iteration of KellerJordan/Muon (muon.py, zeropower_via_newtonschulz5) written out here in float64
instead of bfloat16: transpose a tall matrix, divide by (Frobenius norm + 1e-7), then 5 times
A = X X^T, B = b A + c A A, X = a X + B X with (a, b, c) = (3.4445, -4.7750, 2.0315), transpose back.
For a few random matrices (seeded) writes lib/src/test/resources/reference/newton_schulz/<name>.json with
the input, the output after 5 steps, and the singular values (torch.linalg.svdvals) of both.
"""
import json
import os

import torch

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "src", "test", "resources",
                   "reference", "newton_schulz")


def newton_schulz(g, steps=5):
    a, b, c = 3.4445, -4.7750, 2.0315
    x = g.clone()
    tall = g.size(0) > g.size(1)
    if tall:
        x = x.T
    x = x / (x.norm() + 1e-7)
    for _ in range(steps):
        gram = x @ x.T
        poly = b * gram + c * gram @ gram
        x = a * x + poly @ x
    return x.T if tall else x


def main():
    os.makedirs(OUT, exist_ok=True)
    gen = torch.Generator().manual_seed(3)
    for name, (rows, cols) in {"wide_4x6": (4, 6), "tall_6x4": (6, 4), "square_8x8": (8, 8)}.items():
        g = torch.randn(rows, cols, generator=gen, dtype=torch.float64)
        # a spread of singular values, as in a real update: scale the columns unevenly
        g = g * torch.logspace(0, -2, cols, dtype=torch.float64)
        out = newton_schulz(g)
        with open(os.path.join(OUT, name + ".json"), "w") as f:
            json.dump({"input": g.tolist(), "output": out.tolist(),
                       "input_singular_values": torch.linalg.svdvals(g).tolist(),
                       "output_singular_values": torch.linalg.svdvals(out).tolist()}, f, indent=1)


if __name__ == "__main__":
    main()
