#!/usr/bin/env bash
# The native binary's headless mode: trains from a config file, reports, is reproducible, and refuses
# a bad config with a message and a non-zero exit instead of crashing.
set -euo pipefail
netlab="$1"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
printf 'dataset=circle\nlayers=8:tanh,4:tanh\nseed=3\n' > "$tmp/circle.cfg"
"$netlab" --headless --steps 2000 --report-every 500 "$tmp/circle.cfg" > "$tmp/a.txt"
"$netlab" --headless --steps 2000 --report-every 500 "$tmp/circle.cfg" > "$tmp/b.txt"
cat "$tmp/a.txt"
[ "$(wc -l < "$tmp/a.txt")" -eq 5 ] || { echo "FAIL: expected 5 report lines"; exit 1; }
cmp "$tmp/a.txt" "$tmp/b.txt" || { echo "FAIL: two runs of the same config differ"; exit 1; }
accuracy=$(tail -n 1 "$tmp/a.txt" | sed -n 's/.*test_accuracy=\([0-9.]*\).*/\1/p')
awk -v a="$accuracy" 'BEGIN { exit !(a >= 0.95) }' || { echo "FAIL: test accuracy $accuracy < 0.95"; exit 1; }
first=$(head -n 1 "$tmp/a.txt" | sed -n 's/.*test_loss=\([0-9.]*\).*/\1/p')
last=$(tail -n 1 "$tmp/a.txt" | sed -n 's/.*test_loss=\([0-9.]*\).*/\1/p')
awk -v f="$first" -v l="$last" 'BEGIN { exit !(l < f / 3) }' || { echo "FAIL: test loss $first -> $last"; exit 1; }

printf 'layers=100000:relu\n' > "$tmp/bad.cfg"
if "$netlab" --headless --steps 10 "$tmp/bad.cfg" > "$tmp/bad.txt" 2>&1; then
  echo "FAIL: a bad config was accepted"; exit 1
fi
grep -q "layers" "$tmp/bad.txt" || { echo "FAIL: no message naming the bad setting"; cat "$tmp/bad.txt"; exit 1; }
echo "headless CLI: ok"
