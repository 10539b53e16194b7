#!/usr/bin/env python3
"""Compares two runs' report lines (netlab --headless and an exported train.py, or 1 process and 2):
the same keys in each line; the same steps, epochs and words (phase=pretraining); null only against
null; accuracies within one row of the set they are measured on; every other number within a relative
tolerance (plus the printed decimals' rounding).

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


def number(text):
    try:
        return float(text)
    except ValueError:
        return None


a, b = lines(sys.argv[1]), lines(sys.argv[2])
tolerance, set_size = float(sys.argv[3]), int(sys.argv[4])
problems = []
if len(a) != len(b) or not a:
    problems.append(f"{len(a)} report lines against {len(b)}")
worst = 0.0
for x, y in zip(a, b):
    if list(x) != list(y):
        problems.append(f"step {x.get('step')}: keys {' '.join(x)} against {' '.join(y)}")
        continue
    for key in x:
        u, v = number(x[key]), number(y[key])
        if key in ("step", "epoch", "layer", "layer_epoch") or u is None or v is None:
            if x[key] != y[key]:  # counts, and words or null (no minibatch yet): both must say the same
                problems.append(f"step {x['step']}: {key} {x[key]} against {y[key]}")
        elif key.endswith("accuracy"):
            if abs(u - v) > 1.0 / set_size + 1e-9:
                problems.append(f"step {x['step']}: {key} {x[key]} against {y[key]}")
        else:
            gap = abs(u - v)
            worst = max(worst, gap / max(abs(u), abs(v), 1e-12))
            if gap > tolerance * max(abs(u), abs(v)) + 1e-6:
                problems.append(f"step {x['step']}: {key} {u} against {v}")
for p in problems[:10]:
    print("  " + p)
print(f"  {len(a)} lines, worst relative gap {worst:.2e}")
sys.exit(1 if problems else 0)
