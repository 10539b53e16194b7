#!/usr/bin/env bash
# The xor-by-hand lesson headless (Goodfellow et al. 2016, section 6.1): its example opens and trains the same
# from its file and its share link, and prints the numbers the book derives. By hand, the book's net
# outputs exactly 0, 1, 1, 0 (J = 0) at every report, beside the least-squares line's J = 1/4. One weight
# moved (w2 = -1.5) gives f(1,1) = 2 - 1.5 = 1/2 and J = 1/4 * (1/2)^2 = 1/16, which gradient descent then
# lowers. With both hidden units off at every point (c = -1, W = 0) only b learns: the net ends at the
# best constant, 1/2 everywhere, no better than the line (J = 1/4).
set -euo pipefail
netlab="$1"
source "$(dirname "$0")/lesson_checks.sh"  # $tmp, $configs, field, check, run

run xor-by-hand steps 200
[ "$(wc -l < "$tmp/xor-by-hand.a")" -ge 2 ] || { echo "FAIL: xor-by-hand printed $(wc -l < "$tmp/xor-by-hand.a") lines"; exit 1; }
while read -r line; do
  for pair in cost=0 f00=0 f01=1 f10=1 f11=0 solved=1 linear_cost=0.25; do
    check "$(echo "$line" | field "${pair%=*}") == ${pair#*=}" "xor-by-hand by hand: ${pair%=*} is not ${pair#*=} in: $line"
  done
done < "$tmp/xor-by-hand.a"

# The example with one weight moved, and then trained.
moved() { sed -e "s/^xor_w2=.*/xor_w2=-1.5/" -e "s/^xor_train=.*/xor_train=$1/" "$configs/xor-by-hand.cfg" > "$tmp/moved.cfg"; }
moved 0
"$netlab" --headless --steps 0 "$tmp/moved.cfg" > "$tmp/moved.out" 2>/dev/null
check "$(field cost "$tmp/moved.out") == 0.0625 && $(field f11 "$tmp/moved.out") == 0.5" \
  "w2 = -1.5 gives f(1,1) = 1/2 and J = 1/16: $(cat "$tmp/moved.out")"
moved 1
"$netlab" --headless --steps 3000 --report-every 3000 "$tmp/moved.cfg" > "$tmp/moved.out" 2>/dev/null
cat "$tmp/moved.out"
check "$(tail -n 1 "$tmp/moved.out" | field cost) < 0.0625" "gradient descent did not lower J from 1/16: $(tail -n 1 "$tmp/moved.out")"

# Both hidden units off: W = 0, c = (-1, -1).
sed -E -e "s/^xor_w(11|12|21|22)=.*/xor_w\1=0/" -e "s/^xor_c1=.*/xor_c1=-1/" -e "s/^xor_train=.*/xor_train=1/" \
  "$configs/xor-by-hand.cfg" > "$tmp/dead.cfg"
"$netlab" --headless --steps 3000 --report-every 3000 "$tmp/dead.cfg" > "$tmp/dead.out" 2>/dev/null
last="$(tail -n 1 "$tmp/dead.out")"
echo "$last"
for key in f00 f01 f10 f11; do
  check "($(echo "$last" | field $key) - 0.5)^2 < 1e-12" "with its hidden units off the net's $key is not 1/2: $last"
done
check "($(echo "$last" | field cost) - 0.25)^2 < 1e-12" "with its hidden units off J is not 1/4: $last"

echo "xor-by-hand CLI: the book's numbers"
