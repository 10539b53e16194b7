#!/usr/bin/env python3
"""Compares two runs' report lines (netlab --headless and an exported train.py, or 1 process and 2):
the same steps and epochs, losses within a relative tolerance (plus the 6 printed decimals' rounding; null,
no loss yet, only against null), accuracies within one point of the set.

usage: compare_reports.py A.txt B.txt RELATIVE_TOLERANCE SET_SIZE
"""
import sys


def lines(path):
    out = []
    with open(path) as f:
        for line in f:
            if line.startswith("step="):
                out.append(dict(kv.split("=", 1) for kv in line.split()))
    return out


a, b = lines(sys.argv[1]), lines(sys.argv[2])
tolerance, set_size = float(sys.argv[3]), int(sys.argv[4])
problems = []
if len(a) != len(b) or not a:
    problems.append(f"{len(a)} report lines against {len(b)}")
worst = 0.0
for x, y in zip(a, b):
    for key in ("step", "epoch"):
        if x.get(key) != y.get(key):
            problems.append(f"{key} {x.get(key)} against {y.get(key)}")
    for key in ("train_loss", "test_loss"):
        if "null" in (x[key], y[key]):  # no minibatch yet (classification's first line): both must say so
            if x[key] != y[key]:
                problems.append(f"step {x['step']}: {key} {x[key]} against {y[key]}")
            continue
        u, v = float(x[key]), float(y[key])
        gap = abs(u - v)
        worst = max(worst, gap / max(abs(u), abs(v), 1e-12))
        if gap > tolerance * max(abs(u), abs(v)) + 1e-6:
            problems.append(f"step {x['step']}: {key} {u} against {v}")
    for key in ("train_accuracy", "test_accuracy"):
        if abs(float(x[key]) - float(y[key])) > 1.0 / set_size + 1e-9:
            problems.append(f"step {x['step']}: {key} {x[key]} against {y[key]}")
for p in problems[:10]:
    print("  " + p)
print(f"  {len(a)} lines, worst relative loss gap {worst:.2e}")
sys.exit(1 if problems else 0)
