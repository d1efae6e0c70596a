#!/usr/bin/env python3
"""PyTorch eager side of bin/benchmark: the same model, task, optimizer and loop as trainwell.bench.Benchmark.

Run: "$TORCH_PYTHON" bin/benchmark_torch.py [--steps 300] [--warmup 50] [--threads 1] [--seed 1]
Prints one line starting with RESULT: wall-clock ms/step over the steps after warm-up (mean and median), process
CPU ms/step over the same steps (less sensitive to a busy machine), peak RSS from /proc/self/status, and the
matrix-product FLOPs of one step (flops_per_step(), counted like trainwell.bench.Flops).

Model (as trainwell.models with Benchmark.model()): decoder-only, Pre-LN, 2 layers, d_model 64, 4 heads,
fused QKV, FFN 256 with GELU (exact erf), dropout 0.1 on embeddings, attention weights and sublayer outputs,
final LayerNorm, sinusoidal positions, token embeddings scaled by sqrt(d_model) and tied to the output layer,
normal(0.02) on every matrix, zero biases. Task: 16 random tokens (1..15), separator 0, the tokens reversed;
loss only on the reversed half. AdamW 1e-3, betas (0.9, 0.999), eps 1e-8, weight decay 0.01 on the linear
weights only; linear warm-up over 50 steps ((s + 1) / 51 of the peak), then cosine to 0; clip_grad_norm_ 1.0.
"""
import argparse
import math
import time

import torch
import torch.nn as nn
import torch.nn.functional as F

V, HALF, D, H, LAYERS, FFN, P, BATCH = 16, 16, 64, 4, 2, 256, 0.1, 64
T = 2 * HALF


def sinusoids(t, d):
    pos = torch.arange(t, dtype=torch.float64)[:, None]
    i = torch.arange(d)[None, :] // 2
    angle = pos / torch.pow(10000.0, 2.0 * i / d)
    table = torch.where(torch.arange(d)[None, :] % 2 == 0, torch.sin(angle), torch.cos(angle))
    return table.float()


class Block(nn.Module):
    def __init__(self):
        super().__init__()
        self.ln1 = nn.LayerNorm(D)
        self.qkv = nn.Linear(D, 3 * D)
        self.proj = nn.Linear(D, D)
        self.ln2 = nn.LayerNorm(D)
        self.fc_in = nn.Linear(D, FFN)
        self.fc_out = nn.Linear(FFN, D)

    def forward(self, x, mask):
        b, t, _ = x.shape
        q, k, v = self.qkv(self.ln1(x)).view(b, t, 3, H, D // H).permute(2, 0, 3, 1, 4)
        w = torch.softmax((q / math.sqrt(D // H)) @ k.transpose(-1, -2) + mask, dim=-1)
        a = (F.dropout(w, P, self.training) @ v).transpose(1, 2).reshape(b, t, D)
        x = x + F.dropout(self.proj(a), P, self.training)
        return x + F.dropout(self.fc_out(F.gelu(self.fc_in(self.ln2(x)))), P, self.training)


class LM(nn.Module):
    def __init__(self):
        super().__init__()
        self.token = nn.Embedding(V, D)
        self.blocks = nn.ModuleList(Block() for _ in range(LAYERS))
        self.final = nn.LayerNorm(D)
        self.register_buffer("pos", sinusoids(T, D))
        self.register_buffer("mask", torch.triu(torch.full((T, T), -1e9), 1))
        for name, p in self.named_parameters():
            if p.dim() == 2:
                nn.init.normal_(p, 0, 0.02)
            elif name.endswith("bias"):
                nn.init.zeros_(p)

    def forward(self, ids):
        x = F.dropout(self.token(ids) * math.sqrt(D) + self.pos, P, self.training)
        for blk in self.blocks:
            x = blk(x, self.mask)
        return self.final(x) @ self.token.weight.t()


def batch(gen, n):
    a = torch.randint(1, V, (n, HALF), generator=gen)
    full = torch.cat([a, torch.zeros(n, 1, dtype=torch.long), a.flip(1)], 1)
    label = full[:, 1:].clone()
    label[:, :HALF] = -100
    return full[:, :T], label


def flops_per_step():
    """Matrix products only, 2 FLOPs per multiply-add, backward = 2 x forward: a step is 3 x the forward.
    Forward: per token and layer QKV 2*D*3D, projection 2*D*D, FFN 2*D*FFN + 2*FFN*D; per sequence and layer
    Q K^T and weights @ V, 2*T*T*D each; per token the tied output layer 2*D*V."""
    tokens = BATCH * T
    forward = (LAYERS * (tokens * (2 * D * 3 * D + 2 * D * D + 4 * D * FFN) + BATCH * 2 * 2 * T * T * D)
               + tokens * 2 * D * V)
    return 3 * forward


def lr_at(step, steps, peak=1e-3, warm=50):
    if step < warm:
        return peak * (step + 1) / (warm + 1)
    return peak * (1 + math.cos(math.pi * (step - warm) / (steps - warm))) / 2


def peak_rss_mb():
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return -1


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--steps", type=int, default=300)
    ap.add_argument("--warmup", type=int, default=50)
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    torch.set_num_threads(args.threads)
    torch.set_num_interop_threads(1)
    torch.manual_seed(args.seed)
    gen = torch.Generator().manual_seed(args.seed)
    model = LM()
    decay = [p for n, p in model.named_parameters() if p.dim() == 2 and not n.startswith("token")]
    rest = [p for n, p in model.named_parameters() if not (p.dim() == 2 and not n.startswith("token"))]
    opt = torch.optim.AdamW([{"params": decay, "weight_decay": 0.01}, {"params": rest, "weight_decay": 0.0}],
                            lr=1e-3, betas=(0.9, 0.999), eps=1e-8)
    times, loss_value, cpu = [], float("nan"), [0.0, 0.0]
    model.train()
    for step in range(args.steps):
        if step == args.warmup:
            cpu[0] = time.process_time()
        elif step == args.steps - 1:
            cpu[1] = time.process_time()
        t0 = time.perf_counter()
        for g in opt.param_groups:
            g["lr"] = lr_at(step, args.steps)
        x, y = batch(gen, BATCH)
        loss = F.cross_entropy(model(x).reshape(-1, V), y.reshape(-1), ignore_index=-100)
        opt.zero_grad(set_to_none=True)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        opt.step()
        loss_value = loss.item()
        times.append((time.perf_counter() - t0) * 1000)
    model.eval()
    vgen = torch.Generator().manual_seed(99)
    hits = count = 0
    with torch.no_grad():
        for _ in range(2):
            x, y = batch(vgen, BATCH)
            pred = model(x).argmax(-1)
            keep = y != -100
            hits += (pred.eq(y) & keep).sum().item()
            count += keep.sum().item()
    timed = sorted(times[args.warmup:])
    med = timed[len(timed) // 2] if len(timed) % 2 else (timed[len(timed) // 2 - 1] + timed[len(timed) // 2]) / 2
    print("RESULT engine=torch threads=%d steps=%d warmup=%d ms_mean=%.2f ms_median=%.2f cpu_ms=%.2f peak_rss_mb=%.0f"
          " final_loss=%.4f val_accuracy=%.4f flops=%.4g torch=%s"
          % (args.threads, args.steps, args.warmup, sum(timed) / len(timed), med,
             (cpu[1] - cpu[0]) * 1000 / (args.steps - 1 - args.warmup), peak_rss_mb(), loss_value,
             hits / count, flops_per_step(), torch.__version__))


if __name__ == "__main__":
    main()
