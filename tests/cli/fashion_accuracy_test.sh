#!/usr/bin/env bash
# The Fashion-MNIST README's table, reached by the example configs on the full data natively (slow:
# minutes): fashion-mlp (the README's MLPClassifier 256-128-100 scored 0.8833) must reach 0.89 and
# fashion-cnn (its "2 Conv + pooling" nets 0.916) 0.92 test accuracy. Prints each epoch and the wall time.
set -euo pipefail
netlab="$1"
configs="$(dirname "$0")/../../examples/configs"
for pair in "fashion-mlp 20 0.89" "fashion-cnn 12 0.92"; do
  set -- $pair
  start=$(date +%s)
  "$netlab" --headless --epochs "$2" "$configs/$1.cfg" | tee "/tmp/netlab-$1.txt"
  accuracy=$(tail -n 1 "/tmp/netlab-$1.txt" | sed -n 's/.*test_accuracy=\([0-9.]*\).*/\1/p')
  echo "$1: test accuracy $accuracy after $2 epochs, $(( $(date +%s) - start )) s"
  awk -v a="$accuracy" -v bar="$3" 'BEGIN { exit !(a >= bar) }' || { echo "FAIL: $1 below $3"; exit 1; }
done
