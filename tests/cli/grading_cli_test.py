#!/usr/bin/python3
"""netlab --verify, --seal and --grade (grading/exercise.h) as a teacher runs them.

Every verdict is checked against the ordinary headless path: for a pass at step S, the last report line of
`netlab --headless --steps S` meets the goal and the line at S-1 does not; for a fail at step S, the line
at S misses it. A sealed exercise with an edited lock, a step count over the budget and malformed links
are refused (exit 2); the same link gives the same verdict twice; --grade on 20 submissions writes a row
per submission, in order, with the expected verdicts, and --html a table of them.
"""
import csv, io, json, os, subprocess, sys, tempfile
from html.parser import HTMLParser

netlab = sys.argv[1]
tmp = tempfile.mkdtemp()
failures = []


def check(ok, what):
    if not ok:
        failures.append(what)
        print("FAIL:", what)


def run(*args):
    p = subprocess.run([netlab, *args], capture_output=True, text=True, timeout=300)
    return p.returncode, p.stdout, p.stderr


def verify(link, *extra):
    rc, out, err = run("--verify", link, *extra)
    lines = out.strip().splitlines()
    check(len(lines) == 1, f"--verify printed {len(lines)} lines, not one JSON line: {out!r} {err!r}")
    return rc, json.loads(lines[0])


def test_loss_at(link, steps):
    rc, out, err = run("--headless", "--steps", str(steps), "--report-every", str(max(steps, 1)), link)
    check(rc == 0, f"--headless failed: {err}")
    last = out.strip().splitlines()[-1]
    return float(dict(kv.split("=") for kv in last.split())["test_loss"])


exercise = ("task=playground&dataset=xor&layers=4:tanh&seed=4&lock=dataset,layers,activation&hide=seed"
            "&goal_test_loss=0.25&goal_steps=600&goal_text=Fit XOR")

# A pass: at the first step where the goal holds, by the ordinary headless run.
rc, v = verify(exercise)
check(rc == 0 and v["verdict"] == "pass", f"the exercise as given should pass: {v}")
s = v["steps"]
check(test_loss_at(exercise, s) < 0.25 <= test_loss_at(exercise, s - 1),
      f"pass at step {s}: the headless run's test loss should cross 0.25 exactly there")
check(v["achieved"]["test_loss"] == test_loss_at(exercise, s), "the achieved test loss is not the headless run's")
check(verify(exercise) == (rc, v), "the same link gave another verdict the second time")

# A fail: the student stopped too early (their link says so), judged at that step.
rc, v = verify(exercise + f"&steps={s - 5}")
check(rc == 1 and v["verdict"] == "fail" and v["steps"] == s - 5, f"a submission stopped early should fail: {v}")
# A fail: a learning rate too small to get there within the budget.
rc, v = verify(exercise + "&learning_rate=0.0001")
check(rc == 1 and v["steps"] == 600 and "budget of 600" in v.get("reason", ""), f"lr 1e-4 should fail at 600: {v}")
check(test_loss_at(exercise + "&learning_rate=0.0001", 600) >= 0.25, "lr 1e-4 reaches the goal by 600 after all")

# Refused: over the budget, a goal on a number the task does not report, no goal at all.
rc, v = verify(exercise + "&steps=601")
check(rc == 2 and "allows 600" in v.get("reason", ""), f"601 steps over a budget of 600 should be refused: {v}")
rc, v = verify(exercise + "&goal=perplexity<2")
check(rc == 2 and "does not report" in v.get("reason", ""), f"an unknown metric should be refused: {v}")

# Sealed with the teacher's key: the untouched link passes; an edited lock is refused, with the key and
# against the exercise link itself; without the key the verdict says the seal went unchecked.
key = os.path.join(tmp, "key")
open(key, "w").write("correct horse battery staple\n")
rc, sealed, err = run("--seal", exercise, "--key", key)
sealed = sealed.strip()
check(rc == 0 and "seal=" in sealed, f"--seal printed no sealed link: {sealed!r} {err!r}")
rc, v = verify(sealed, "--key", key)
check(rc == 0 and v["seal"] == "hmac", f"the sealed exercise should pass with its key: {v}")
# A student removes the link's own check entry and widens the locked layer.
edited = "#" + "&".join(p for p in sealed.lstrip("#").split("&") if not p.startswith("check=")).replace(
    "layers=4:tanh", "layers=8:tanh")
rc, v = verify(edited, "--key", key)
check(rc == 2 and "seal does not match" in v.get("reason", ""), f"an edited lock should be refused: {v}")
rc, v = verify(edited, "--exercise", exercise)
check(rc == 2 and "layers.units=8" in v.get("reason", ""), f"--exercise should name the edit: {v}")
rc, v = verify(edited)
check(v["seal"] == "unchecked" and "not checked" in v["checked"], f"without --key the seal is unchecked: {v}")
other = os.path.join(tmp, "other")
open(other, "w").write("another key")
rc, v = verify(sealed, "--key", other)
check(rc == 2, f"the wrong key should be refused: {v}")
# An editable setting is the student's to change: the seal still holds.
free = "#" + "&".join(p for p in sealed.lstrip("#").split("&") if not p.startswith("check=")) + "&learning_rate=0.1"
rc, v = verify(free, "--key", key)
check(v["seal"] == "hmac" and rc in (0, 1), f"changing the unlocked learning rate should keep the seal: {v}")

# Malformed: exit 2 with a reason.
for bad in ("check=5.0&layers=4:tanh", "task=warp_drive&goal_test_loss=0.1", "layers=4:zz&goal_test_loss=0.1"):
    rc, v = verify(bad)
    check(rc == 2 and v["verdict"] == "refused" and v.get("reason"), f"{bad!r} should be refused: {v}")

# --grade: 20 submissions, mixed.
subs = []
expected = []
for i, lr in enumerate(["0.03", "0.1", "0.3", "0.05", "0.2", "0.03&optimizer=adam"]):
    subs.append((f"pass-{i}", exercise + "&learning_rate=" + lr)); expected.append("pass")
for i, extra in enumerate(["&learning_rate=0.0001", "&learning_rate=0.00005", "&steps=3", "&steps=10",
                           "&learning_rate=0.0002&steps=600"]):
    subs.append((f"fail-{i}", exercise + extra)); expected.append("fail")
for i, extra in enumerate(["&steps=700", "&steps=100000", "&goal=perplexity<2"]):
    subs.append((f"refused-{i}", exercise + extra)); expected.append("refused")
for i, link in enumerate(["not a link", "task=warp_drive&goal_test_loss=0.1", "layers=4:zz&goal_test_loss=0.1",
                          "check=7.0&x=1", "", "task=playground&dataset=xor"]):
    subs.append((f"bad, {i}", link)); expected.append("refused")
assert len(subs) == 20
table = os.path.join(tmp, "subs.csv")
with open(table, "w") as f:
    f.write("student,link\n")
    for sid, link in subs:
        f.write(f'"{sid}",{link}\n')
html = os.path.join(tmp, "grades.html")
rc, out, err = run("--grade", table, "--html", html)
check(rc == 0, f"--grade exited {rc}: {err}")
rows = list(csv.DictReader(io.StringIO(out)))
check([r["id"] for r in rows] == [sid for sid, _ in subs], f"--grade's ids are not the submissions': {out}")
check([r["verdict"] for r in rows] == expected, "--grade's verdicts differ: " +
      str([(r["id"], r["verdict"], r["reason"]) for r, e in zip(rows, expected) if r["verdict"] != e]))
for r, (sid, link) in zip(rows, subs):
    if r["verdict"] == "pass":  # each pass row: the same as --verify alone
        check(int(r["steps"]) == verify(link)[1]["steps"], f"{sid}: --grade and --verify disagree")


class Cells(HTMLParser):
    def __init__(self):
        super().__init__(); self.rows = []; self.cell = None

    def handle_starttag(self, tag, attrs):
        if tag == "tr": self.rows.append([])
        if tag in ("td", "th"): self.cell = ""

    def handle_endtag(self, tag):
        if tag in ("td", "th"): self.rows[-1].append(self.cell); self.cell = None

    def handle_data(self, data):
        if self.cell is not None: self.cell += data


cells = Cells()
cells.feed(open(html).read())
check(len(cells.rows) == 21 and [r[1] for r in cells.rows[1:]] == expected, f"the HTML table's rows: {cells.rows[:3]}")
check("6 passed, 5 failed, 9 refused" in open(html).read(), "the HTML page's counts")

rc, out, err = run("--grade", os.path.join(tmp, "missing.csv"))
check(rc == 2 and "missing.csv" in err, f"a missing CSV should be refused: {rc} {err}")
rc, out, err = run("--verify", exercise, "--html", html)
check(rc == 2 and "--grade" in err, f"--html without --grade should be refused: {err}")

if failures:
    print(f"{len(failures)} failures")
    sys.exit(1)
print("grading CLI: all checks passed")
