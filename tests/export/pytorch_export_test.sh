#!/usr/bin/env bash
# The PyTorch export (netlab-headless --export-pytorch) of the playground and the classification task
# against Netlab itself, with Debian's PyTorch. The playground:
# - every config (the playground example and configs covering each activation, normalization,
#   skip, dropout, DropConnect, loss, optimizer, schedule, penalty, clipping, early stopping and input
#   feature the export writes) trains 100 steps
#   in train.py and in netlab --headless, and the report lines agree: the same steps and epochs, losses
#   within 1e-4 relative, accuracies within one point;
# - train.py in 2 processes (torch.distributed, gloo) prints what 1 process prints, within 1e-5;
# - the notebook runs (nbclient) and prints the same first line;
# - with --weights, train.py --predict gives netlab --predict's outputs within 1e-5;
# - what the export cannot write is refused with exit 2, naming it.
# The setup ($netlab, $here, $root, $python, $tmp, fail) and the shared checks.
# shellcheck source=tests/export/pytorch_checks.sh
. "$(cd "$(dirname "$0")" && pwd)/pytorch_checks.sh" "$1"

# The example first, then tests/export/configs/playground-NN.cfg in order (the checks below use their indices).
check_configs 1000000 "$root/examples/configs/playground.cfg" "$here"/configs/playground-[0-9][0-9].cfg

check_ddp "$tmp/export1" "$tmp/torch1.txt" 29533 "train.py"
check_notebook "$tmp/export0" "$(head -1 "$tmp/torch0.txt")"
check_predict "$tmp/config2.cfg" "cut -d, -f1,2" "outputs"

# NAME.zip: the archive the page's button saves, read by Python's own zipfile, holds the same folder.
"$netlab" --export-pytorch "$tmp/export.zip" "$tmp/config0.cfg"
if "$python" -m zipfile -t "$tmp/export.zip" >/dev/null && "$python" -m zipfile -e "$tmp/export.zip" "$tmp/unzipped" &&
   diff -r -x run.ipynb "$tmp/unzipped/netlab-pytorch" "$tmp/export0" >/dev/null; then
  echo "ok - --export-pytorch NAME.zip is a valid archive (Python's zipfile) of the same files"
else
  echo "FAIL: the .zip export is not the folder's files"; fail=1
fi

refused "TF Playground's own network" "https://playground.tensorflow.org/#activation=tanh&networkShape=4,2&x=true&y=true&seed=0.5"
refused "PyTorch export" "$(cat "$root/examples/configs/dqn-gridworld.cfg")"

# The classification task, in a folder of its own, the same way:
# - every config (classify-NN.cfg) (the digits CNN example, a dense stack on iris, and configs covering strided and
#   padded convolutions, max and average pooling (overlapping windows too), flatten, batch and layer norm
#   after convolutions and dense layers, residual convolutions, highway, residual and concatenating dense
#   skips, maxout, PReLU and softmax layers, dropout on convolutions and dense layers, DropConnect,
#   label_noise, both losses, every optimizer the export writes, every schedule, L1/L2, clipping and
#   several initializers) trains 100 steps in train.py and in netlab --headless, and the report lines
#   agree: the same steps and epochs, losses within 1e-4 relative, accuracies within one row;
# - on Fashion-MNIST (read by train.py from Debian's IDX files) a dense stack for 100 steps and the two
#   examples for 10 and 20 (see below why Adam's runs part sooner);
# - train.py with dropout in 2 processes (torch.distributed, gloo) prints what 1 process prints, 1e-5;
# - the notebook runs (nbconvert) and prints the script's first report line;
# - with --weights, train.py --predict gives netlab --predict's class probabilities within 1e-5;
# - what the export cannot write is refused with exit 2, naming it.
mkdir "$tmp/classify" && tmp="$tmp/classify"
# The example first, then tests/export/configs/classify-NN.cfg in order (the checks below use their indices).
check_configs 2000 "$root/examples/configs/digits-cnn.cfg" "$here"/configs/classify-[0-9][0-9].cfg

# Two processes print what one prints, dropout masks included: each process takes its rows of the whole
# minibatch's masks.
check_ddp "$tmp/export2" "$tmp/torch2.txt" 29534 "train.py with dropout"
check_notebook "$tmp/export1" "$(sed -n 2p "$tmp/torch1.txt")"
# The trained CNN's class probabilities.
check_predict "$tmp/config0.cfg" "rev | cut -d, -f3- | rev" "class probabilities"

# Fashion-MNIST (dataset=fashion): train.py reads Debian's IDX files, no data.csv. A dense stack trained by
# SGD with momentum agrees for 100 steps; the two examples, trained by Adam, for as long as float rounding
# stays rounding. Adam's first updates are eta g / (|g| + eps): where a weight's gradient is as small as
# eps = 1e-8 (a pixel seldom lit, in a minibatch whose errors cancel on it), rounding in the gradient's
# sum moves the weight by up to 2e-5 instead of 1e-10. Measured on fashion-mlp.cfg against the same
# train.py in float64: after step 1, Netlab's and PyTorch's float32 weights differ from float64's in about
# as many places (426 and 429 by over 1e-8, 2 each by over 1e-6), but in different weights, and from there
# float32 PyTorch stays within 1e-7 of float64 for 100 steps while Netlab's reports part from both by 3e-5
# at step 10 and 6e-4 at step 20 (fashion-cnn.cfg: 3e-5 at step 20, 3e-4 at step 25).
check_fashion 20 "$here/configs/fashion-01.cfg" 100 2000
check_fashion 21 "$root/examples/configs/fashion-mlp.cfg" 10 2000
check_fashion 22 "$root/examples/configs/fashion-cnn.cfg" 20 2000

refused "the sgld optimizer is not in the PyTorch export" "task=classify
dataset=digits
layers=conv:4:relu:3x3:s1:p1,16:relu
optimizer=sgld"
# A file of 2,100 rows of 500 values: more than data.csv holds.
"$python" -c "
for i in range(2100):
    print(','.join(str((i * 7 + j) % 10) for j in range(500)) + ',' + str(i % 2))" > "$tmp/big.csv"
refused "1000000 the PyTorch export writes into data.csv" "task=classify
dataset=file
data_file=big.csv
layers=8:relu" --data "$tmp/big.csv"
exit $fail
