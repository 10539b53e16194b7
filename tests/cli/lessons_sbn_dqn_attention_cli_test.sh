#!/usr/bin/env bash
# The lessons' example configs (examples/configs) open, train headless the same way as from their share
# links, and reach their known values: the sigmoid belief net's Gibbs estimates of the two-causes posteriors
# approach the exact ones (explaining away) while its DBN's reconstruction error falls; the DQN's greedy
# policy becomes optimal in the grid world; the attention toy learns to reverse with anti-diagonal attention.
set -euo pipefail
netlab="$1"
source "$(dirname "$0")/lesson_checks.sh"  # $tmp, $configs, field, check, run

# 20 reports of 72 steps of 4 sweeps of 64 chains: 5,760 sweeps per chain. The exact posteriors are 0.500,
# 0.048 and 0.952 (models/sigmoid_belief_net.h); with the alarm alone a chain's states are correlated over
# about 43 sweeps (tests/models/sigmoid_belief_net_test.cpp), about 8,600 effective samples, a standard
# error of 0.0054: the margin 0.03 is five and a half of them.
run sigmoid-belief-net epochs 20
last="$(tail -n 1 "$tmp/sigmoid-belief-net.a")"
for key in alarm alarm_burglar alarm_no_burglar; do
  gibbs=$(echo "$last" | field "earthquake_given_$key"); exact=$(echo "$last" | field "exact_$key")
  check "($gibbs - $exact) < 0.03 && ($exact - $gibbs) < 0.03" "Gibbs p(earthquake | $key) = $gibbs, exact $exact"
done
check "$(echo "$last" | field exact_alarm_burglar) < 0.06" "the burglar does not explain the alarm away"
first_error=$(grep -m 1 ' dbn_layer=1 dbn_epoch=1 ' "$tmp/sigmoid-belief-net.a" | field reconstruction_error)
layer_one_last=$(grep ' dbn_layer=1 ' "$tmp/sigmoid-belief-net.a" | tail -n 1 | field reconstruction_error)
check "$layer_one_last < $first_error" "the bottom RBM's reconstruction error did not fall ($first_error -> $layer_one_last)"

# 15,000 moves, reported every 1,000: the greedy policy is optimal in every open cell (Q*(s, policy(s)) = V*(s) by
# value iteration) and the recent episodes' mean discounted return is most of the optimal one (the agent
# still explores with epsilon = 0.05, and 50 episodes from random cells spread widely).
run dqn-gridworld steps 15000
last="$(tail -n 1 "$tmp/dqn-gridworld.a")"
optimal=$(echo "$last" | field optimal_cells); cells=$(echo "$last" | field cells)
check "$optimal == $cells" "the DQN's greedy policy is optimal in $optimal of $cells cells"
mean=$(echo "$last" | field mean_return); best=$(echo "$last" | field optimal_return)
check "$mean > 0.6 * $best" "the DQN's mean return $mean is far below the optimal $best"
first=$(head -n 1 "$tmp/dqn-gridworld.a" | field mean_return)
check "$mean > $first" "the DQN's mean return did not rise ($first -> $mean)"

# 1,000 steps, reported every 200: the attention toy reverses every test token and puts most of its attention on the
# anti-diagonal (uniform attention would put 1/6 there).
run attention-reverse steps 1000
last="$(tail -n 1 "$tmp/attention-reverse.a")"
check "$(echo "$last" | field test_accuracy) >= 0.99" "the attention toy does not reverse the test sequences"
check "$(echo "$last" | field anti_diagonal) > 0.9" "the attention is not on the anti-diagonal"

echo "lessons CLI: the examples open and reach their known values"
