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
# The setup ($netlab, $here, $root, $python, $tmp, fail) and the shared checks (check_ddp, check_notebook, refused).
# shellcheck source=tests/export/pytorch_checks.sh
. "$(cd "$(dirname "$0")" && pwd)/pytorch_checks.sh" "$1"

# The example first, then tests/export/configs/sequence-NN.cfg in order (the checks below use their indices).
configs=("$root/examples/configs/lstm-sine.cfg" "$here"/configs/sequence-[0-9][0-9].cfg)

# Config i through run_config and compare_config (check_config counts data.csv's training and test rows;
# the waves here are drawn as the run goes).
for i in "${!configs[@]}"; do
  run_config "$i" "${configs[$i]}" 100
  compare_config "$i" 100 1000000
done

# config4: a GRU on batches of 7 waves, 4 for one process and 3 for the other.
check_ddp "$tmp/export4" "$tmp/torch4.txt" 29541 "train.py (a GRU, 7 waves a batch)"
# The notebook trains the script's default 1000 steps: the smallest config (a 4-unit LSTM on 10-step waves).
check_notebook "$tmp/export6" "$(head -1 "$tmp/torch6.txt")"

# --weights: the trained LSTM's validation loss (netlab's first report line with those weights) is the
# exported train.py's first, and one update from there (its waves and a fresh Adam) gives netlab's second.
run_trained "$tmp/config0.cfg" 200 1 1
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
