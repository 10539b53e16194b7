#!/usr/bin/env bash
# The PyTorch export (netlab-headless --export-pytorch) against Netlab itself, with Debian's PyTorch:
# - every config below (the playground example and configs covering each activation, normalization,
#   skip, loss, optimizer, schedule, penalty, clipping, early stopping and input feature the export
#   writes) trains 100 steps
#   in train.py and in netlab --headless, and the report lines agree: the same steps and epochs, losses
#   within 1e-4 relative, accuracies within one point;
# - train.py in 2 processes (torch.distributed, gloo) prints what 1 process prints, within 1e-5;
# - the notebook runs (nbclient) and prints the same first line;
# - with --weights, train.py --predict gives netlab --predict's outputs within 1e-5;
# - what the export cannot write is refused with exit 2, naming it.
set -euo pipefail
netlab="$1"
here="$(cd "$(dirname "$0")" && pwd)"
root="$here/../.."
python=/usr/bin/python3
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
if ! "$python" -c "import torch" 2>/dev/null; then
  echo "FAIL: Debian's python3-torch is missing (scripts/install-deps installs it)"
  exit 1
fi
fail=0

configs=(
  "$(cat "$root/examples/configs/playground.cfg")"
  "task=playground
dataset=xor
features=x1,x2,x1_times_x2
layers=8:relu,4:leaky_relu
optimizer=sgd
learning_rate=0.1
schedule=step
decay_steps=30
gamma=0.5
l2=0.001"
  "task=playground
dataset=spiral
noise=0.2
features=x1,x2,x1_squared,x2_squared,sin_x1,sin_x2
layers=8:elu,8:gelu
loss=softmax_ce
optimizer=rmsprop
learning_rate=0.01
clip_norm=0.5"
  "task=playground
dataset=gaussians
layers=4:softplus,3:abs
loss=hinge
initializer=he_normal
optimizer=adamw
weight_decay=0.05
l1=0.001
seed=7"
  "task=playground
dataset=regression_plane
loss=mse
output_activation=tanh
layers=6:sigmoid
optimizer=nesterov
learning_rate=0.05
momentum=0.9"
  "task=playground
dataset=regression_gaussians
loss=mae
layers=5:linear,5:tanh
initializer=lecun_uniform
optimizer=momentum
learning_rate=0.01
batch_size=7"
  "task=playground
dataset=circle
noise=0.5
layers=6:tanh
optimizer=adagrad
learning_rate=0.5
validation_fraction=0.3
patience=1
batch_size=25"
  "task=playground
dataset=spiral
layers=8:relu:bn:res,6:tanh:ln:hw,4:prelu
optimizer=momentum
learning_rate=0.01
l2=0.001"
  "task=playground
dataset=xor
layers=6:maxout:k3:res,4:tanh
loss=softmax_ce
optimizer=adamw
batch_size=12"
  "task=playground
dataset=xor
layers=6:tanh,5:softmax:hw
loss=softmax_ce
optimizer=sgd
learning_rate=0.3"
  "task=playground
dataset=xor
layers=5:tanh,5:relu
optimizer=adam
schedule=cosine
decay_steps=60
gamma=0.1
batch_size=16"
)

for i in "${!configs[@]}"; do
  cfg="$tmp/config$i.cfg"
  printf '%s\n' "${configs[$i]}" > "$cfg"
  out="$tmp/export$i"
  "$netlab" --export-pytorch "$out" "$cfg"
  "$netlab" --headless --steps 100 --report-every 10 "$cfg" > "$tmp/netlab$i.txt" 2>/dev/null
  "$python" "$out/train.py" --steps 100 --report-every 10 > "$tmp/torch$i.txt"
  smallest=$(( $(grep -c ',train$' "$out/data.csv") < $(grep -c ',test$' "$out/data.csv") ?
               $(grep -c ',train$' "$out/data.csv") : $(grep -c ',test$' "$out/data.csv") ))
  what="$(tr '\n' ' ' < "$cfg" | cut -c1-110)"
  if "$python" "$here/compare_reports.py" "$tmp/netlab$i.txt" "$tmp/torch$i.txt" 1e-4 "$smallest"; then
    echo "ok - train.py reproduces netlab --headless for 100 steps: $what"
  else
    echo "FAIL: train.py differs from netlab --headless: $what"; fail=1
  fi
done

# Two processes (DistributedDataParallel on gloo) print what one prints. Debian's torch 1.13 under Python
# 3.11 needs --redirects/--tee other than 0 (its Std flag parsing); rank 0's lines are then prefixed.
"$python" -m torch.distributed.run --redirects 1 --tee 1 --nproc_per_node=2 --master_port=29533 \
  "$tmp/export1/train.py" --steps 100 --report-every 10 2>/dev/null | sed 's/^\[[^]]*\]://' > "$tmp/ddp.txt"
if "$python" "$here/compare_reports.py" "$tmp/torch1.txt" "$tmp/ddp.txt" 1e-5 1000000; then
  echo "ok - train.py in 2 processes (torch.distributed.run, gloo) prints the 1-process report lines"
else
  echo "FAIL: 2 processes differ from 1"; fail=1
fi

# The notebook is the script's code: it runs, and its first report line is the script's.
if (cd "$tmp/export0" && "$python" -m jupyter nbconvert --to notebook --execute --output run.ipynb notebook.ipynb >/dev/null 2>&1); then
  first="$(head -1 "$tmp/torch0.txt")"
  if grep -qF "$first" "$tmp/export0/run.ipynb"; then
    echo "ok - notebook.ipynb runs (nbconvert --execute) and prints the script's first report line"
  else
    echo "FAIL: the notebook ran without printing '$first'"; fail=1
  fi
else
  echo "FAIL: notebook.ipynb did not run under jupyter nbconvert --execute"; fail=1
fi

# --weights: the trained model's outputs in PyTorch are netlab --predict's.
"$netlab" --headless --steps 300 --save-weights "$tmp/trained.nlw" "$tmp/config2.cfg" > /dev/null 2>&1
"$netlab" --export-pytorch "$tmp/trained" --weights "$tmp/trained.nlw"
grep ',test$' "$tmp/trained/data.csv" | cut -d, -f1,2 > "$tmp/rows.csv"
"$netlab" --weights "$tmp/trained.nlw" --predict "$tmp/rows.csv" > "$tmp/netlab_predict.txt"
"$python" "$tmp/trained/train.py" --predict "$tmp/rows.csv" > "$tmp/torch_predict.txt"
if "$python" - "$tmp/netlab_predict.txt" "$tmp/torch_predict.txt" <<'PY'
import sys
a = [[float(v) for v in l.split(",")] for l in open(sys.argv[1]) if l.strip()]
b = [[float(v) for v in l.split(",")] for l in open(sys.argv[2]) if l.strip()]
worst = max(abs(x - y) for r, s in zip(a, b) for x, y in zip(r, s))
print(f"  {len(a)} rows, worst output gap {worst:.2e}")
sys.exit(0 if len(a) == len(b) and len(a) > 0 and worst <= 1e-5 else 1)
PY
then
  echo "ok - with --weights, train.py --predict gives netlab --predict's outputs within 1e-5"
else
  echo "FAIL: train.py --predict differs from netlab --predict"; fail=1
fi

# NAME.zip: the archive the page's button saves, read by Python's own zipfile, holds the same folder.
"$netlab" --export-pytorch "$tmp/export.zip" "$tmp/config0.cfg"
if "$python" -m zipfile -t "$tmp/export.zip" >/dev/null && "$python" -m zipfile -e "$tmp/export.zip" "$tmp/unzipped" &&
   diff -r -x run.ipynb "$tmp/unzipped/netlab-pytorch" "$tmp/export0" >/dev/null; then
  echo "ok - --export-pytorch NAME.zip is a valid archive (Python's zipfile) of the same files"
else
  echo "FAIL: the .zip export is not the folder's files"; fail=1
fi

# Refusals: exit 2 and a message naming what cannot be exported.
refused() {  # expected-text config-text
  printf '%s\n' "$2" > "$tmp/refused.cfg"
  set +e
  message="$("$netlab" --export-pytorch "$tmp/refused" "$tmp/refused.cfg" 2>&1)"
  status=$?
  set -e
  if [ "$status" -eq 2 ] && [[ "$message" == *"$1"* ]] && [ ! -e "$tmp/refused/train.py" ]; then
    echo "ok - refused with exit 2: $message"
  else
    echo "FAIL: expected exit 2 naming '$1', got $status: $message"; fail=1
  fi
}
refused "dropout" "task=playground
layers=4:tanh:d0.2"
refused "PyTorch export" "$(cat "$root/examples/configs/vae-digits.cfg")"
exit $fail
