#!/usr/bin/env bash
# The lessons' example configs (engine/lessons) open, train headless the same way from the file and from
# its share link, and reach the lessons' known results: the perceptron makes no mistake on separable
# points and keeps making them on XOR with its weights cycling; the flows' held-out log-likelihood
# rises, and the coupling flow beats the best single Gaussian on the ring; an MLP memorises random labels.
set -euo pipefail
netlab="$1"
source "$(dirname "$0")/lesson_checks.sh"  # $tmp, $configs, field, check, run

run perceptron epochs 30
check "$(tail -n 1 "$tmp/perceptron.a" | field errors) == 0" "the perceptron still misclassifies separable points"
grep -q "perceptron_rule=sigmoid" <("$netlab" --print-link "task=perceptron&dataset=separable&layers=&perceptron_rule=sigmoid") ||
  { echo "FAIL: the sigmoid rule is not in the share link"; exit 1; }

# XOR's four corners three times over, Rosenblatt's rule with integer steps: a mistake every epoch, and the weights at the
# end of some epoch repeat an earlier epoch's (a cycle).
"$netlab" --headless --epochs 40 "task=perceptron&dataset=xor&samples=12&layers=&learning_rate=1" > "$tmp/xor.txt"
echo "== xor"; tail -n 3 "$tmp/xor.txt"
[ "$(wc -l < "$tmp/xor.txt")" -eq 41 ] || { echo "FAIL: XOR printed no 40 epochs after its untrained line"; exit 1; }
if grep -q " errors=0 " "$tmp/xor.txt"; then echo "FAIL: a line separated XOR"; exit 1; fi
[ "$(sed 's/.* w1=/w1=/' "$tmp/xor.txt" | sort | uniq -d | wc -l)" -gt 0 ] ||
  { echo "FAIL: the perceptron's weights on XOR never repeat"; exit 1; }

for name in planar-flow coupling-flow; do
  run "$name" steps 800  # reports every 200 Adam steps, the first before training
  first=$(head -n 1 "$tmp/$name.a" | field log_likelihood)
  last=$(tail -n 1 "$tmp/$name.a" | field log_likelihood)
  check "$last > $first" "$name's held-out log-likelihood did not rise ($first -> $last)"
done
last=$(tail -n 1 "$tmp/coupling-flow.a" | field log_likelihood)
gauss=$(tail -n 1 "$tmp/coupling-flow.a" | field gaussian_log_likelihood)
check "$last > $gauss + 0.3" "the coupling flow ($last) does not beat the fitted Gaussian ($gauss) on the ring"

# Random labels (Zhang et al. 2016): with every training label shuffled the MLP still fits the training
# set (99% and more of its labels) while the test accuracy stays near chance (10%; clusters of test digits
# share one guessed label, so it swings by a few points either way); on the true labels the same network
# generalises (the control).
run random-labels epochs 40 3  # the link checked over its first 3 epochs
last="$(tail -n 1 "$tmp/random-labels.a")"
check "$(echo "$last" | field train_accuracy) >= 0.98" "the MLP did not memorise the random labels: $last"
check "$(echo "$last" | field test_accuracy) <= 0.25" "the test accuracy is far above chance with random labels: $last"
grep -v '^#' "$configs/random-labels.cfg" | sed 's/^label_noise=1$/label_noise=0/' > "$tmp/true-labels.cfg"
"$netlab" --headless --epochs 10 "$tmp/true-labels.cfg" > "$tmp/true-labels.txt" 2>/dev/null
check "$(tail -n 1 "$tmp/true-labels.txt" | field test_accuracy) >= 0.9" "the control on true labels is below 90%"

# A flow config that cannot work says why and trains nothing.
if "$netlab" --headless --steps 1 "task=flow&dataset=ring&layers=8:tanh,8:tanh" > "$tmp/bad.txt" 2>&1; then
  echo "FAIL: a flow with two layer widths was accepted"; exit 1
fi
grep -q "one dense layer" "$tmp/bad.txt" || { echo "FAIL: the message does not say what the flow reads"; cat "$tmp/bad.txt"; exit 1; }
echo "lessons CLI: the perceptron, flow and random-labels examples open and train"
