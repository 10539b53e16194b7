#!/usr/bin/env bash
# The PyTorch export (netlab-headless --export-pytorch) of the VAE and the GAN against Netlab itself, with
# Debian's PyTorch:
# - every config (the examples, then tests/export/configs/vae-NN.cfg and gan-NN.cfg: a beta-VAE with a 3-D
#   code, RMSprop and a relu-named layer the VAE runs as tanh; momentum and a batch that crosses passes;
#   a GAN with a wider noise, a narrower and faster discriminator and AdamW; Nesterov momentum) trains 100
#   steps in train.py and in netlab --headless, and the report lines agree within 1e-4 relative (the same
#   steps, epochs and modes covered); so does a VAE on Fashion-MNIST, which train.py reads from Debian's IDX
#   files;
# - the GAN example for 80 steps: see below why not 100 (its variants run 100);
# - train.py in 2 processes (torch.distributed, gloo) prints what 1 process prints, within 1e-5, for a VAE
#   and a GAN whose batches split into halves;
# - the notebook runs (nbconvert) and prints the script's first report line;
# - with --weights, train.py trains the trained model as netlab --headless --weights does (neither task
#   has --predict: netlab refuses it, and so does train.py);
# - what the export cannot write is refused with exit 2, naming it.
# The setup ($netlab, $here, $root, $python, $tmp, fail) and the shared checks.
# shellcheck source=tests/export/pytorch_checks.sh
. "$(cd "$(dirname "$0")" && pwd)/pytorch_checks.sh" "$1"

# The VAE example first, then the variants (the checks below use their indices).
check_configs 1000000 "$root/examples/configs/vae-digits.cfg" "$here"/configs/vae-[0-9][0-9].cfg

check_ddp "$tmp/export1" "$tmp/torch1.txt" 29542 "the VAE's train.py (20 rows a batch)"
check_notebook "$tmp/export0" "$(head -1 "$tmp/torch0.txt")"

# --weights: the folder holds the trained weights, and train.py goes on from them as netlab does from the
# same file (a fresh optimizer, the minibatches and noise from the run's start, in both).
run_trained "$tmp/config1.cfg" 300 100 10
if "$python" "$here/compare_reports.py" "$tmp/netlab_trained.txt" "$tmp/torch_trained.txt" 1e-4 1000000 &&
   ! grep -q "^step=0 .*test_loss=$(sed -n 's/^step=0 .*test_loss=\([^ ]*\).*/\1/p' "$tmp/torch1.txt") " "$tmp/torch_trained.txt"; then
  echo "ok - with --weights, train.py trains the trained VAE as netlab --headless --weights does"
else
  echo "FAIL: with --weights, train.py differs from netlab --headless --weights (or starts from the initial weights)"; fail=1
fi
# Neither has outputs for --predict: netlab refuses it, and train.py says so rather than print something else.
set +e
"$python" "$tmp/trained/train.py" --predict "$tmp/config1.cfg" > "$tmp/predict.txt" 2>&1
status=$?
set -e
if [ "$status" -ne 0 ] && grep -q "no outputs to predict" "$tmp/predict.txt"; then
  echo "ok - train.py --predict refuses, as netlab --predict does for the vae task"
else
  echo "FAIL: train.py --predict did not refuse: $(cat "$tmp/predict.txt")"; fail=1
fi

refused "the sgld optimizer is not in the PyTorch export" "task=vae
dataset=digits
layers=32:tanh
optimizer=sgld"
# Fashion-MNIST: train.py reads Debian's IDX files (no data.csv), 100 steps agree.
check_fashion 20 "$here/configs/fashion-02.cfg" 100 1000000

# The GAN, in a folder of its own, the same way. Its data.csv holds the ring's centres, not rows of a
# training set (check_config counts those), so its configs are checked by check_gan.
mkdir "$tmp/gan" && tmp="$tmp/gan"
check_gan() {  # index config-file steps
  run_config "$1" "$2" "$3"
  compare_config "$1" "$3" 1000000
}
configs=("$root/examples/configs/gan-ring.cfg" "$here"/configs/gan-[0-9][0-9].cfg)
# The example for 80 steps. A GAN's leaky ReLUs make it sensitive to float rounding: in the run of
# gan-ring.cfg a pre-activation of the discriminator passes within 2e-8 of the kink at step 6, and which
# side it lands on depends on the order of a product's sums (Netlab's GEMM against PyTorch's). Both sides
# are float rounding of the same run: train.py with its initial weights scaled by 1 + 1e-7 noise lands on
# Netlab's side in 3 of 6 draws and then agrees with Netlab within 9e-7 for 100 steps, and on the other
# side within 2e-7 of the unperturbed script. Until the dynamics amplify the difference (after step 80)
# the two sides agree within 3e-6; at steps 90 and 100 they differ by up to 8e-4.
check_gan 0 "${configs[0]}" 80
for i in "${!configs[@]}"; do [ "$i" -eq 0 ] || check_gan "$i" "${configs[$i]}" 100; done
check_ddp "$tmp/export1" "$tmp/torch1.txt" 29542 "the GAN's train.py (50 points a batch)"

refused "the sgld optimizer is not in the PyTorch export" "task=gan
dataset=ring
layers=32:leaky_relu
optimizer=sgld"
exit $fail
