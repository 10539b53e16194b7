# Shared by the lessons' CLI tests (tests/cli/lessons_*_cli_test.sh), which source it after setting
# `netlab` to the binary: a scratch folder, and the helpers that run an example config and read its numbers.
#   field KEY [FILE]    the number after " KEY=" in each line of FILE (stdin without one); a key at the
#                       line's start counts, a key that only ends a longer one ("log_likelihood" in
#                       "gaussian_log_likelihood=") does not
#   check EXPR MESSAGE  fails the test with MESSAGE unless the awk expression EXPR holds
#   run NAME UNIT COUNT [LINK_COUNT]
#                       examples/configs/NAME.cfg opens (--print-link), trains COUNT epochs or steps
#                       (UNIT) headless into $tmp/NAME.a, its first line the untrained model's (step 0), and
#                       its share link trains the same lines into $tmp/NAME.b: all of them, or with
#                       LINK_COUNT the link's first LINK_COUNT only
configs="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../examples/configs" && pwd)"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

field() { sed -n "s/^/ /; s/.* $1=\([-0-9.e]*\).*/\1/p" "${2:--}"; }
check() { awk "BEGIN { exit !($1) }" || { echo "FAIL: $2"; exit 1; }; }

run() {
  [ -f "$configs/$1.cfg" ] || { echo "FAIL: examples/configs/$1.cfg is missing"; exit 1; }
  "$netlab" --print-link "$configs/$1.cfg" > "$tmp/$1.link" || { echo "FAIL: $1 does not open"; exit 1; }
  "$netlab" --headless "--$2" "$3" "$configs/$1.cfg" > "$tmp/$1.a" 2>/dev/null
  "$netlab" --headless "--$2" "${4:-$3}" --config "$(cat "$tmp/$1.link")" > "$tmp/$1.b" 2>/dev/null
  [ -s "$tmp/$1.b" ] || { echo "FAIL: $1's share link printed nothing"; exit 1; }
  if [ -n "${4:-}" ]; then
    cmp <(head -n "$(wc -l < "$tmp/$1.b")" "$tmp/$1.a") "$tmp/$1.b" ||
      { echo "FAIL: $1 trains differently from its share link"; exit 1; }
  else
    cmp "$tmp/$1.a" "$tmp/$1.b" || { echo "FAIL: $1 trains differently from its share link"; exit 1; }
  fi
  echo "== $1"; cat "$tmp/$1.a"
}
