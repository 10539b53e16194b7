#!/usr/bin/env bash
# The MADE and deep Boltzmann machine lessons' example configs open, train headless the same way from the
# file and from its share link, and reach their known results: MADE's exact test log-likelihood beats
# independent pixels and rises, the RBM's exact one is finite beside it; the DBM's mean-field bound rises.
set -euo pipefail
netlab="$1"
source "$(dirname "$0")/lesson_checks.sh"  # $tmp, $configs, field, check, run

# 3 epochs: independent pixels ignore every correlation between pixels, MADE learns some at once.
run made-digits epochs 3
last="$(tail -n 1 "$tmp/made-digits.a")"
made=$(echo "$last" | field made_test_ll)
baseline=$(echo "$last" | field baseline_test_ll)
rbm=$(echo "$last" | field rbm_test_ll)
first=$(head -n 1 "$tmp/made-digits.a" | field made_test_ll)
check "$made > $baseline" "MADE's test log-likelihood $made does not beat independent pixels' $baseline"
check "$made > $first" "MADE's test log-likelihood did not rise ($first -> $made)"
check "$rbm < 0 && $rbm > -1000" "the RBM's exact log-likelihood $rbm is not a probability's"
grep -q "rbm_hidden=12" <("$netlab" --print-link "task=made&dataset=digits&layers=32:relu&rbm_hidden=12") ||
  { echo "FAIL: rbm_hidden is not in the share link"; exit 1; }
if "$netlab" --print-link "task=made&dataset=digits&layers=32:relu" | grep -q rbm_hidden; then
  echo "FAIL: the default rbm_hidden is written into the link"; exit 1
fi

# 3 epochs: the untrained DBM's bound is 64 log(1/2) = -44.4 nats (every pixel a fair coin); training lifts
# it well clear of that and keeps it rising.
run dbm-digits epochs 3
first=$(head -n 1 "$tmp/dbm-digits.a" | field test_bound)
last=$(tail -n 1 "$tmp/dbm-digits.a" | field test_bound)
check "$last > -44.36 + 5" "the DBM's test bound $last is not above the untrained -44.4 nats"
check "$last > $first" "the DBM's test bound did not rise ($first -> $last)"

echo "lessons CLI: MADE and the DBM open and reach their known values"
