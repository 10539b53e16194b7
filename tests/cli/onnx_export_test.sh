#!/usr/bin/env bash
# ONNX export proof (issue 17): trains configs that together use every element-wise activation, softmax,
# PReLU, maxout, batch and layer norm, residual and highway skips (with and without a projection),
# dropout, DropConnect and every loss's link; exports each, checks it with Debian's ONNX checker and
# runs it in ONNX Runtime on the data set, against `netlab --predict` (max abs difference <= 1e-5); then
# the same for convolution and pooling networks, residual convolutions, dense (concatenating) skips,
# recurrent sequence models and the generative networks.
set -euo pipefail
netlab="$1"
tests="$2"  # netlab_tests, which writes the image networks (conv, pooling) as ONNX files
root="$(cd "$(dirname "$0")/../.." && pwd)"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
configs=(
  "dataset=circle&features=x1,x2,x1_squared,x2_squared,x1_times_x2,sin_x1,sin_x2&layers=8:relu,6:leaky_relu:bn,6:sigmoid:ln:res,5:tanh:hw,5:linear:hw&loss=sigmoid_bce"
  "dataset=spiral&noise=0.2&layers=6:softplus:d0.2,6:abs:c0.3,6:elu:res,5:gelu:hw:ln&loss=softmax_ce"
  "dataset=xor&layers=6:prelu:bn,4:maxout:k3:hw,6:softmax,3:linear:res:bn&loss=hinge"
  "dataset=regression_plane&layers=8:gelu:bn:res,4:tanh:ln&loss=mse&output_activation=tanh"
  "dataset=regression_gaussians&layers=6:maxout:k2:res,4:elu&loss=mae&output_activation=softplus"
  "dataset=circle&layers=6:swish,6:mish:ln,6:sine:res,5:gaussian:hw&loss=sigmoid_bce"
)
for i in "${!configs[@]}"; do
  printf '%s\n' "${configs[$i]}" | tr '&' '\n' > "$tmp/$i.cfg"
  "$netlab" --headless --steps 300 --report-every 300 --save-weights "$tmp/$i.nlw" --dataset-csv "$tmp/$i.csv" \
    "$tmp/$i.cfg" > /dev/null
  "$netlab" --weights "$tmp/$i.nlw" --export-onnx "$tmp/$i.onnx"
  "$netlab" --weights "$tmp/$i.nlw" --predict "$tmp/$i.csv" > "$tmp/$i.out"
  [ "$(wc -l < "$tmp/$i.out")" -eq "$(($(wc -l < "$tmp/$i.csv") - 1))" ] ||
    { echo "FAIL: --predict printed $(wc -l < "$tmp/$i.out") rows for $(($(wc -l < "$tmp/$i.csv") - 1)) points"; exit 1; }
  /usr/bin/python3 "$root/tests/export/onnx_check.py" "$tmp/$i.onnx"
  node "$root/tests/export/onnx_runtime_compare.mjs" "$tmp/$i.onnx" "$tmp/$i.csv" "$tmp/$i.out"
done

# The Models window's networks (the CNN, strided conv with average pooling, the sequence model with an
# LSTM, GRU and plain RNN cell, the VAE decoder, the GAN generator): written by hidden engine tests with
# Netlab's outputs beside them, as these networks have no weights file yet.
NETLAB_ONNX_DIR="$tmp" "$tests" "[onnx_files]" > "$tmp/image.txt" || { cat "$tmp/image.txt"; exit 1; }
for name in small_cnn strided_average conv_norms conv_residual dense_concat sequence_lstm sequence_gru sequence_rnn vae_decoder gan_generator; do
  /usr/bin/python3 "$root/tests/export/onnx_check.py" "$tmp/$name.onnx"
  node "$root/tests/export/onnx_runtime_compare.mjs" "$tmp/$name.onnx" "$tmp/$name.in.csv" "$tmp/$name.out.csv" \
    "$(head -n 1 "$tmp/$name.in.csv" | tr ',' '\n' | wc -l)"
done

# Without a weights file there is no model to export; a broken CSV gets a message naming the line.
if "$netlab" --export-onnx "$tmp/x.onnx" > "$tmp/none.txt" 2>&1; then echo "FAIL: export without --weights"; exit 1; fi
grep -q -- "--weights" "$tmp/none.txt" || { echo "FAIL: no message"; cat "$tmp/none.txt"; exit 1; }
printf 'x1,x2\n0.5,oops\n' > "$tmp/bad.csv"
if "$netlab" --weights "$tmp/0.nlw" --predict "$tmp/bad.csv" > "$tmp/bad.txt" 2>&1; then echo "FAIL: bad CSV accepted"; exit 1; fi
grep -q "oops" "$tmp/bad.txt" || { echo "FAIL: no message naming the bad field"; cat "$tmp/bad.txt"; exit 1; }
echo "ONNX export: ok"
