#!/usr/bin/env bash
# Every example config (examples/configs) opens and, except the full Fashion-MNIST ones (the slow test
# tests/cli/fashion_accuracy_test.sh), trains headless: the numbers move the right way, two runs print the
# same lines bit for bit, and a config that cannot work is refused with the layer it names.
set -euo pipefail
netlab="$1"
configs="$(dirname "$0")/../../examples/configs"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

field() { sed -n "s/.*$2=\([-0-9.e]*\).*/\1/p" "$1"; }
check() { awk "BEGIN { exit !($1) }" || { echo "FAIL: $2"; exit 1; }; }

for name in digits-cnn fashion-mlp fashion-cnn rbm-digits dbn-digits autoencoder-digits vae-digits gan-ring lstm-sine; do
  [ -f "$configs/$name.cfg" ] || { echo "FAIL: examples/configs/$name.cfg is missing"; exit 1; }
  "$netlab" --print-link "$configs/$name.cfg" > "$tmp/$name.link" || { echo "FAIL: $name does not open"; exit 1; }
done

run() {  # name, epochs|steps, count: the first line is the untrained model's (step 0)
  "$netlab" --headless "--$2" "$3" "$configs/$1.cfg" > "$tmp/$1.a" 2>/dev/null
  "$netlab" --headless "--$2" "$3" --config "$(cat "$tmp/$1.link")" > "$tmp/$1.b" 2>/dev/null
  cmp "$tmp/$1.a" "$tmp/$1.b" || { echo "FAIL: $1 trains differently from its share link"; exit 1; }
  echo "== $1"; cat "$tmp/$1.a"
}

run digits-cnn epochs 10
check "$(tail -n 1 "$tmp/digits-cnn.a" | field /dev/stdin test_accuracy) >= 0.95" "digits-cnn below 95% test accuracy"

run rbm-digits epochs 5
first=$(head -n 1 "$tmp/rbm-digits.a" | field /dev/stdin test_reconstruction_error)
last=$(tail -n 1 "$tmp/rbm-digits.a" | field /dev/stdin test_reconstruction_error)
check "$last < $first" "the RBM's reconstruction error did not fall ($first -> $last)"

run vae-digits epochs 5
first=$(head -n 1 "$tmp/vae-digits.a" | field /dev/stdin test_loss)
last=$(tail -n 1 "$tmp/vae-digits.a" | field /dev/stdin test_loss)
check "$last < $first" "the VAE's test loss did not fall ($first -> $last)"

run gan-ring steps 3000  # reports every 500 updates
check "$(tail -n 1 "$tmp/gan-ring.a" | field /dev/stdin modes_covered) >= 6" "the GAN covers fewer than 6 of the 8 modes"

run lstm-sine steps 1000  # reports every 200 updates
first=$(head -n 1 "$tmp/lstm-sine.a" | field /dev/stdin validation_loss)
last=$(tail -n 1 "$tmp/lstm-sine.a" | field /dev/stdin validation_loss)
check "$last < $first" "the LSTM's validation loss did not fall ($first -> $last)"

run dbn-digits epochs 30  # 2 layers x 5 pretraining epochs, then 20 fine-tuning epochs
check "$(tail -n 1 "$tmp/dbn-digits.a" | field /dev/stdin test_accuracy) >= 0.9" "the fine-tuned DBN is below 90% on the digits"

# The deep autoencoder beats PCA with the same code size on the test digits (Hinton and Salakhutdinov 2006):
# 2 RBMs x 20 pretraining epochs plus the code RBM's 20, then 30 fine-tuning epochs.
run autoencoder-digits epochs 90
last="$(grep phase=fine_tuning "$tmp/autoencoder-digits.a" | tail -n 1)"
ae=$(echo "$last" | field /dev/stdin test_error); pca=$(echo "$last" | field /dev/stdin pca_error)
check "$ae < $pca" "the fine-tuned deep autoencoder ($ae) does not beat PCA ($pca)"

# An impossible stack names its layer, exits non-zero and prints no training line.
if "$netlab" --headless --epochs 1 'task=classify&dataset=digits&layers=conv:4:relu:3x3:s1:p0,maxpool:2x2:s2,conv:4:relu:5x5:s1:p0' > "$tmp/bad.txt" 2>&1; then
  echo "FAIL: an impossible stack was accepted"; exit 1
fi
grep -q "Layer 3 (conv 4 5x5" "$tmp/bad.txt" || { echo "FAIL: the message does not name layer 3"; cat "$tmp/bad.txt"; exit 1; }
echo "workbench CLI: all examples open and train"
