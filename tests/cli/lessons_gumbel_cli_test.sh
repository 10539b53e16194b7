#!/usr/bin/env bash
# The categorical VAE's example config (examples/configs/gumbel-vae.cfg) opens, trains headless the same
# way as from its share link, and its discrete test ELBO (exact over the 10 codes) ends above the exact
# test log-likelihood of independent Bernoulli pixels fitted to the training set, and rises while it trains.
set -euo pipefail
netlab="$1"
source "$(dirname "$0")/lesson_checks.sh"  # $tmp, $configs, field, check, run

run gumbel-vae epochs 30
last="$(tail -n 1 "$tmp/gumbel-vae.a")"
elbo=$(echo "$last" | field test_elbo); baseline=$(echo "$last" | field baseline)
check "$elbo > $baseline" "the test ELBO $elbo does not beat independent pixels' $baseline"
# The schedule: max(0.5, exp(-0.001 updates)) is at its floor 0.5 after 30 epochs of 45 updates (1,350 > 693).
check "$(echo "$last" | field temperature) == 0.5" "the temperature did not anneal to its floor 0.5"
first=$(head -n 1 "$tmp/gumbel-vae.a" | field test_elbo)
check "$elbo > $first" "the test ELBO did not rise ($first -> $elbo)"
echo "gumbel-vae CLI: the example opens, matches its link and beats independent pixels"
