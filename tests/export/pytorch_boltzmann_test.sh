#!/usr/bin/env bash
# The PyTorch export (netlab-headless --export-pytorch) of the tasks trained by contrastive divergence,
# against Netlab itself, with Debian's PyTorch: the RBM, the DBN (greedy pretraining, then fine-tuning)
# and the deep autoencoder (pretraining, unrolling, fine-tuning). train.py writes CD out in tensor
# operations and draws its samples from a port of Netlab's stream, so:
# - every config (the examples' settings and tests/export/configs/{rbm,dbn,autoencoder}-NN.cfg: CD-k and
#   persistent CD, several k, batch sizes that do and do not divide the rows, momentum and weight decay,
#   one to three RBMs, linear code units) trains 100 steps in train.py and in netlab --headless and the
#   report lines agree: the same steps, epochs, phases, layers and layer epochs, the other numbers within
#   1e-4 relative (accuracies within one test row). The DBN and autoencoder configs are small enough that
#   the 100 steps cross from one RBM to the next and into fine-tuning; an RBM on Fashion-MNIST, which
#   train.py reads from Debian's IDX files, agrees the same way;
# - train.py in 2 processes (torch.distributed, gloo) prints what 1 process prints, within 1e-5;
# - the notebook runs (nbconvert) and prints the script's first report line;
# - with --weights, the RBM's train.py goes on from the trained weights as netlab --weights --headless does
#   (netlab has no --predict for these tasks: there is none to compare);
# - what the export cannot write is refused with exit 2, naming it.
# The setup ($netlab, $here, $root, $python, $tmp, fail) and the shared checks.
# shellcheck source=tests/export/pytorch_checks.sh
. "$(cd "$(dirname "$0")" && pwd)/pytorch_checks.sh" "$1"

# The RBM: the example, then tests/export/configs/rbm-NN.cfg in order (the checks below use their indices).
mkdir "$tmp/rbm" && base="$tmp" && tmp="$tmp/rbm"
check_configs 1000000 "$root/examples/configs/rbm-digits.cfg" "$here"/configs/rbm-[0-9][0-9].cfg
# Persistent CD-3 in two processes: each samples its rows of the chains.
check_ddp "$tmp/export1" "$tmp/torch1.txt" 29543 "the RBM's train.py (persistent CD)"
check_notebook "$tmp/export0" "$(head -1 "$tmp/torch0.txt")"

# --weights: 300 steps in Netlab, then 100 more from those weights in both (momentum starts at zero in both).
run_trained "$tmp/config2.cfg" 300 100 20
if "$python" "$here/compare_reports.py" "$tmp/netlab_trained.txt" "$tmp/torch_trained.txt" 1e-4 1000000; then
  echo "ok - with --weights, the RBM's train.py trains on from the trained weights as netlab --weights --headless"
else
  echo "FAIL: train.py from trained weights differs from netlab --weights --headless"; fail=1
fi

# Fashion-MNIST: train.py reads Debian's IDX files (no data.csv), 100 steps of CD-1 agree (the DBN and the
# deep autoencoder read them with the same code).
check_fashion 20 "$here/configs/fashion-03.cfg" 100 1000000
tmp="$base"

# The DBN: the example (100 steps of its first RBM), then tests/export/configs/dbn-NN.cfg, whose 100 steps
# pass from one RBM to the next and into fine-tuning.
mkdir "$tmp/dbn" && tmp="$tmp/dbn"
check_configs 1000000 "$root/examples/configs/dbn-digits.cfg" "$here"/configs/dbn-[0-9][0-9].cfg
# Two RBMs and fine-tuning in two processes: CD's sums added, then DistributedDataParallel's gradients.
check_ddp "$tmp/export1" "$tmp/torch1.txt" 29543 "the DBN's train.py (pretraining and fine-tuning)"
tmp="$base"

# The deep autoencoder: tests/export/configs/autoencoder-NN.cfg, whose 100 steps pretrain every RBM (the
# linear code's with Gaussian samples), unroll and fine-tune; then the example, whose 100 steps stay in its
# first RBM's 20 epochs (the configs cover the phases after it).
mkdir "$tmp/autoencoder" && tmp="$tmp/autoencoder"
check_configs 1000000 "$here"/configs/autoencoder-[0-9][0-9].cfg "$root/examples/configs/autoencoder-digits.cfg"
# Mean-field CD with the code's Gaussian noise drawn per row, then Adam through DistributedDataParallel.
check_ddp "$tmp/export0" "$tmp/torch0.txt" 29543 "the deep autoencoder's train.py"
tmp="$base"

exit $fail
