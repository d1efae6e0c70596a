# Reference values of the z-loss, for trainwell.training.loss.ZLossTest.
#
# Run from the repository root (needs PyTorch; the Java tests only read the JSON file written here):
#   "$TORCH_PYTHON" lib/reference/z_loss.py
# Writes lib/src/test/resources/reference/z_loss/z_loss.json
#
# The z-loss of PaLM (Chowdhery et al. 2022, arXiv 2204.02311): coefficient * (log Z)^2 per position, with
# log Z = logsumexp of the position's logits, averaged over the positions whose label is not the ignored one; the
# per-position form follows T5X's cross_entropy_with_logits (google-research/t5x, t5x/losses.py). Every number comes
# from torch.logsumexp and torch's autograd, in float32: the mean log Z, the penalty, and the penalty's gradient with
# respect to the logits.
import json
import os

import torch

OUT = os.path.join(os.path.dirname(__file__), "..", "src", "test", "resources", "reference", "z_loss")


def flat(t):
    return [float(v) for v in t.detach().reshape(-1).tolist()]


def case(name, logits0, labels, ignore, coefficient):
    logits = logits0.clone().requires_grad_()
    target = torch.tensor(labels, dtype=torch.long)
    log_z = torch.logsumexp(logits, dim=-1)
    keep = (target != ignore).to(logits.dtype)
    penalty = coefficient * (log_z.square() * keep).sum() / keep.sum()
    penalty.backward()
    mean_log_z = (log_z.detach() * keep).sum() / keep.sum()
    return {"name": name, "shape": list(logits0.shape), "logits": flat(logits0), "labels": flat(target.float()),
            "ignoreIndex": ignore, "coefficient": coefficient, "meanLogZ": float(mean_log_z),
            "penalty": float(penalty.detach()), "grad": flat(logits.grad)}


def main():
    g = torch.Generator().manual_seed(9)
    cases = [
        # Logits with a common offset of 4, so that log Z is far from 0 (what the z-loss pulls towards 0).
        case("3d", torch.randn(2, 3, 5, generator=g) * 2 + 4, [[1, 4, -100], [0, -100, 3]], -100, 1e-4),
        case("3d_pad0", torch.randn(2, 3, 5, generator=g) * 2 - 3, [[1, 4, 0], [2, 0, 3]], 0, 0.5),
        case("2d", torch.randn(4, 6, generator=g), [1, 0, 5, 2], -100, 1.0),
        # Logits near 1000: exp overflows float32 unless the maximum is subtracted first.
        case("large", torch.randn(2, 2, 7, generator=g) * 5 + 1000, [[1, 2], [3, 4]], -100, 1e-4),
    ]
    os.makedirs(OUT, exist_ok=True)
    with open(os.path.join(OUT, "z_loss.json"), "w") as f:
        json.dump({"generatedBy": "lib/reference/z_loss.py", "torch": torch.__version__, "cases": cases}, f)
    print("wrote", len(cases), "cases to", os.path.normpath(OUT))


if __name__ == "__main__":
    main()
