#!/usr/bin/env bash
# The PyTorch export (netlab-headless --export-pytorch) of the sequence task against Netlab itself, with
# Debian's PyTorch:
# - every config (the LSTM example and tests/export/configs/sequence-NN.cfg: the LSTM, GRU and plain RNN
#   cells, noisy and clean waves, clipping on and off, and the sgd, momentum, nesterov, adagrad, rmsprop,
#   adam and adamw optimizers) trains 100 steps in train.py and in netlab --headless, and the report lines
#   agree: the same steps, train_loss, validation_loss and gradient_norm within 1e-4 relative;
# - train.py in 2 processes (torch.distributed, gloo) prints what 1 process prints, within 1e-5, for a
#   batch of waves that does not split evenly;
# - the notebook runs (nbconvert) and prints the script's first report line;
# - with --weights, train.py starts from the trained model: its first validation loss is Netlab's for it,
#   and so is its first update's line;
# - what the export cannot write is refused with exit 2, naming it.
# (netlab-headless has no --predict for the sequence task, so there is no --predict to compare.)
set -euo pipefail
netlab="$1"
# The setup ($here, $root, $python, $tmp, fail) and the shared checks (check_ddp, check_notebook, refused).
# shellcheck source=tests/export/pytorch_checks.sh
. "$(cd "$(dirname "$0")" && pwd)/pytorch_checks.sh"

# The example first, then tests/export/configs/sequence-NN.cfg in order (the checks below use their indices).
configs=("$root/examples/configs/lstm-sine.cfg" "$here"/configs/sequence-[0-9][0-9].cfg)

# Config i exported to $tmp/export$i; 100 steps of netlab --headless ($tmp/netlab$i.txt) and of train.py
# ($tmp/torch$i.txt) compared by compare_reports.py within 1e-4. (pytorch_checks.sh's check_config counts
# data.csv's training and test rows; the waves here are drawn as the run goes, so this is its own loop.)
for i in "${!configs[@]}"; do
  cfg="$tmp/config$i.cfg"
  cp "${configs[$i]}" "$cfg"
  "$netlab" --export-pytorch "$tmp/export$i" "$cfg"
  "$netlab" --headless --steps 100 --report-every 10 "$cfg" > "$tmp/netlab$i.txt" 2>/dev/null
  "$python" "$tmp/export$i/train.py" --steps 100 --report-every 10 > "$tmp/torch$i.txt"
  what="$(grep -v '^#' "$cfg" | tr '\n' ' ' | cut -c1-120)"
  if "$python" "$here/compare_reports.py" "$tmp/netlab$i.txt" "$tmp/torch$i.txt" 1e-4 1000000; then
    echo "ok - train.py reproduces netlab --headless for 100 steps: $what"
  else
    echo "FAIL: train.py differs from netlab --headless: $what"; fail=1
  fi
done

# config4: a GRU on batches of 7 waves, 4 for one process and 3 for the other.
check_ddp "$tmp/export4" "$tmp/torch4.txt" 29541 "train.py (a GRU, 7 waves a batch)"
# The notebook trains the script's default 1000 steps: the smallest config (a 4-unit LSTM on 10-step waves).
check_notebook "$tmp/export6" "$(head -1 "$tmp/torch6.txt")"

# --weights: the trained LSTM's validation loss (netlab's first report line with those weights) is the
# exported train.py's first, and one update from there (its waves and a fresh Adam) gives netlab's second.
"$netlab" --headless --steps 200 --save-weights "$tmp/trained.nlw" "$tmp/config0.cfg" > /dev/null 2>&1
"$netlab" --export-pytorch "$tmp/trained" --weights "$tmp/trained.nlw"
"$netlab" --weights "$tmp/trained.nlw" --headless --steps 1 --report-every 1 2>/dev/null > "$tmp/netlab_trained.txt"
"$python" "$tmp/trained/train.py" --steps 1 --report-every 1 > "$tmp/torch_trained.txt"
untrained="$(head -1 "$tmp/netlab0.txt" | sed 's/.*validation_loss=\([^ ]*\).*/\1/')"
trained="$(head -1 "$tmp/netlab_trained.txt" | sed 's/.*validation_loss=\([^ ]*\).*/\1/')"
if [ "$trained" != "$untrained" ] &&
   "$python" "$here/compare_reports.py" "$tmp/netlab_trained.txt" "$tmp/torch_trained.txt" 1e-4 1000000; then
  echo "ok - with --weights, train.py starts from the trained model (validation_loss $trained) and its first update is netlab's"
else
  echo "FAIL: with --weights, train.py's first line differs from netlab's (untrained: $untrained)"; fail=1
fi

refused "the sgld optimizer is not in the PyTorch export" "task=sequence
layers=gru:8
optimizer=sgld"
exit $fail
