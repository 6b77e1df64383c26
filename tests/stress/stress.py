#!/usr/bin/env python3
"""stress.py — a long randomized test of gloss's promise that nothing it
confirms is lost or misplaced (make check-stress; issue 14).

For STRESS_SECONDS (default 60) it mixes, at random: CLI writers
(highlight with a tag or a note, tag add, link), re-imports of changed
text (import --replace), writers killed with kill -9 at a random moment,
backups (export --json) and restores of them into a new library, and a UI
in tmux (when there is tmux) tagging sentences with keys while all that
goes on.  Every action the program confirmed (exit status 0, or the UI's
"(saved)" status line) goes into a log; at the end the library, and each
restored backup, is checked against it: every confirmed annotation is
there with its note, every confirmed tag and link exists, the UI's tag
count is what its confirmed toggles add up to, and every highlight that is
not orphaned quotes exactly the text at its offsets.

usage: stress.py GLOSS [SECONDS]   (STRESS_SEED=N repeats a run)"""
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time

GLOSS = sys.argv[1]
SECONDS = float(sys.argv[2] if len(sys.argv) > 2 else os.environ.get("STRESS_SECONDS", "60"))
SEED = int(os.environ.get("STRESS_SEED", str(int(time.time()))))
rnd = random.Random(SEED)
HERE = os.path.dirname(os.path.abspath(__file__))
ANCHORS = os.path.join(HERE, "..", "anchors.py")
TMUX = os.environ.get("TMUX_BIN") or shutil.which("tmux")
tmp = tempfile.mkdtemp(prefix="gloss-stress-")
DB = os.path.join(tmp, "lib.db")
env = dict(os.environ, GLOSS_DB=DB, HOME=tmp, XDG_CONFIG_HOME=os.path.join(tmp, "cfg"),
           XDG_DATA_HOME=os.path.join(tmp, "data"), LANG="C.UTF-8", LC_ALL="C.UTF-8")
log = open(os.path.join(tmp, "actions.log"), "w")
expect = []   # (kind, ...) confirmed
stats = {}


def note(kind):
    stats[kind] = stats.get(kind, 0) + 1


def say(*a):
    print(" ".join(str(x) for x in a), file=log, flush=True)


def gloss(*args, db=None, inp=None, timeout=60):
    e = dict(env, GLOSS_DB=db or DB)
    p = subprocess.run([GLOSS] + list(args), env=e, input=inp, capture_output=True,
                       text=True, timeout=timeout)
    return p.returncode, p.stdout, p.stderr


WORDS = ("river council harbour budget minister protest rail bridge storm school "
         "election court market strike vaccine drought festival treaty").split()


def sentence(i, v):
    w = [WORDS[(i * 7 + k * 3 + v) % len(WORDS)] for k in range(6)]
    return "Sentence %d says the %s met the %s near the %s while %s and %s waited for %s." % (
        i, *w)


def article_text(n, version):
    # Versions differ: some sentences change, one is inserted at the top,
    # so offsets move and some highlights must re-anchor or be orphaned.
    paras = []
    if version % 2:
        paras.append("An inserted opening paragraph for version %d of story %d." % (version, n))
    for p in range(4):
        sents = []
        for s in range(4):
            i = p * 4 + s
            v = version if (i + n) % 5 == 0 else 0
            sents.append(sentence(i, v))
        paras.append(" ".join(sents))
    return "Story %d of the stress test\n\n%s\n" % (n, "\n\n".join(paras))


# --- the library -----------------------------------------------------------
ARTICLES = {}   # id -> (n, version)
for n in range(1, 5):
    path = os.path.join(tmp, "story%d.txt" % n)
    with open(path, "w") as f:
        f.write(article_text(n, 0))
    rc, out, err = gloss("import", path)
    if rc != 0:
        sys.exit("cannot import: " + err)
rc, out, err = gloss("list")
for line in out.splitlines():
    f = line.split("\t")
    if len(f) > 1 and f[1].startswith("Story "):
        ARTICLES[int(f[0])] = (int(f[1].split()[1]), 0)


def current_sentences(aid):
    n, v = ARTICLES[aid]
    return [sentence(i, v if (i + n) % 5 == 0 else 0) for i in range(16)]


# --- background writers, some killed ----------------------------------------
running = []   # (Popen, what-it-confirms)


def spawn(args, confirms):
    p = subprocess.Popen([GLOSS] + args, env=env, stdout=subprocess.PIPE,
                         stderr=subprocess.PIPE, text=True)
    running.append((p, confirms, args))


def reap(block=False):
    for item in list(running):
        p, confirms, args = item
        if block:
            try:
                p.wait(timeout=60)
            except subprocess.TimeoutExpired:
                p.kill()
        if p.poll() is None:
            continue
        running.remove(item)
        out, err = p.communicate()
        if p.returncode == 0 and confirms:
            expect.append(confirms(out))
            say("confirmed", args, "->", expect[-1])
            note("confirmed " + args[0])
        else:
            say("not confirmed (exit %s)" % p.returncode, args, err.strip()[:200])
            note("refused or killed " + args[0])


def hl_id(out):
    # "highlighted 12 in article 3 at 40-60", "linked 7: 1 supports 2"
    w = out.split()
    if len(w) > 1 and w[1].rstrip(":").isdigit():
        return int(w[1].rstrip(":"))
    return None


highlights = []   # confirmed (id, aid, quote)


def act_highlight():
    aid = rnd.choice(list(ARTICLES))
    s = rnd.choice(current_sentences(aid))
    words = s.split()
    a = rnd.randrange(0, len(words) - 3)
    quote = " ".join(words[a:a + rnd.randint(2, 4)])
    args = ["highlight", str(aid), "--quote", quote]
    notetext = None
    if rnd.random() < 0.4:
        notetext = "note %d %d" % (SEED, rnd.randrange(10 ** 9))
        args += ["--note", notetext]
    else:
        args += ["--tag", rnd.choice(["key-fact", "claim", "quote", "stress-a", "stress-b"])]

    def confirms(out):
        i = hl_id(out)
        if i is not None:
            highlights.append((i, aid, quote))
        return ("H", aid, quote, notetext or "")
    spawn(args, confirms)


def act_tag():
    name = "stress-%d" % rnd.randrange(1000)
    spawn(["tag", "add", name], lambda out: ("T", name))


def act_link():
    if len(highlights) < 2:
        return
    a, b = rnd.sample(highlights, 2)
    if a[0] == b[0]:
        return

    def confirms(out):
        i = hl_id(out)
        return ("L", i) if i is not None else ("T", "key-fact")
    spawn(["link", str(a[0]), str(b[0]), "--relation", rnd.choice(["supports", "see-also"])],
          confirms)


def act_reimport(aid=None):
    aid = aid or rnd.choice(list(ARTICLES))
    n, v = ARTICLES[aid]
    v = v + 1
    path = os.path.join(tmp, "story%d-v%d.txt" % (n, v))
    with open(path, "w") as f:
        f.write(article_text(n, v))
    rc, out, err = gloss("import", "--replace", str(aid), path)
    say("re-import", aid, "version", v, "exit", rc, err.strip()[:200])
    if rc == 0:
        ARTICLES[aid] = (n, v)
        note("re-import")


def act_kill():
    if not running:
        act_highlight()
    p, confirms, args = rnd.choice(running)
    time.sleep(rnd.random() * 0.05)
    if p.poll() is None:
        p.send_signal(signal.SIGKILL)
        say("kill -9", args)
        note("kill -9")


backups = []   # (path, number of confirmed expectations before it began)


def act_backup():
    reap(block=True)   # what was confirmed before the backup began must be in it
    before = len(expect)
    path = os.path.join(tmp, "backup%d.json" % len(backups))
    rc, out, err = gloss("export", "--json")
    if rc == 0:
        with open(path, "w") as f:
            f.write(out)
        backups.append((path, before))
        note("backup")
    say("backup", path, "exit", rc)


# --- the UI in tmux -----------------------------------------------------------
ui = {"on": False, "net": 0}
SOCK = "gloss-stress-%d" % os.getpid()


def tmux(*a):
    return subprocess.run([TMUX, "-L", SOCK] + list(a), capture_output=True, text=True)


def ui_start():
    if not TMUX:
        return
    e = " ".join("%s=%s" % (k, env[k]) for k in ("GLOSS_DB", "HOME", "XDG_CONFIG_HOME",
                                                   "XDG_DATA_HOME"))
    tmux("-f", "/dev/null", "new-session", "-d", "-s", "t", "-x", "120", "-y", "30",
         "env TERM=xterm-256color LANG=C.UTF-8 LC_ALL=C.UTF-8 %s %s; sleep 600" % (e, GLOSS))
    time.sleep(1.0)
    ui["on"] = True


def screen():
    return tmux("capture-pane", "-p", "-t", "t").stdout


def act_ui():
    if not ui["on"]:
        return
    scr = screen()
    if "Story" not in scr and "entities" not in scr:
        return
    r = rnd.random()
    if " entities " not in scr.splitlines()[-1] if scr.splitlines() else True:
        # the library (or another screen): back to it, pick and open a story
        tmux("send-keys", "-t", "t", "Escape")
        for _ in range(rnd.randrange(4)):
            tmux("send-keys", "-t", "t", "j")
        tmux("send-keys", "-t", "t", "Enter")
        time.sleep(0.3)
        return
    if r < 0.1:
        tmux("send-keys", "-t", "t", "q")
        time.sleep(0.2)
        return
    # move (which also clears the status line), then toggle tag 5 (disputed)
    tmux("send-keys", "-t", "t", rnd.choice([")", ")", "(", "j", "}"]))
    time.sleep(0.1)
    if r < 0.4:
        # the race of issue 14: the article shown is re-imported just
        # before the key, sooner than the UI's one-second look for changes
        shown = [aid for aid, (n, v) in ARTICLES.items()
                 if "Story %d of the stress test" % n in scr]
        if shown:
            act_reimport(shown[0])
    tmux("send-keys", "-t", "t", "5")
    for _ in range(20):
        time.sleep(0.1)
        last = screen().splitlines()
        last = last[-1] if last else ""
        if "tagged disputed (saved)" in last:
            ui["net"] += 1
            say("UI confirmed: tagged disputed")
            note("UI tagged")
            return
        if "removed disputed" in last:
            ui["net"] -= 1
            say("UI confirmed: removed disputed")
            note("UI removed")
            return
        if "nothing saved" in last or "not saved" in last or "cannot" in last:
            say("UI refused:", last.strip()[:200])
            note("UI refused")
            return
    say("UI: no status for the tag key")


def ui_stop():
    if ui["on"]:
        tmux("send-keys", "-t", "t", "Q")
        time.sleep(0.5)
        tmux("kill-server")


# --- the run --------------------------------------------------------------------
def check(export_path, n_expect, label, ui_net=None):
    exp = os.path.join(tmp, "expect-%s.tsv" % label)
    with open(exp, "w") as f:
        for e in expect[:n_expect]:
            if e[0] == "H":
                f.write("%d\t%s\t%s\n" % (e[1], e[2], e[3]))
    p = subprocess.run([sys.executable, ANCHORS, export_path, exp], capture_output=True, text=True)
    bad = p.stdout.strip().splitlines()
    d = json.load(open(export_path))
    tags = {t["name"] for t in d["tags"]}
    links = {l["id"] for l in d["links"]}
    for e in expect[:n_expect]:
        if e[0] == "T" and e[1] not in tags:
            bad.append("confirmed tag %r lost" % e[1])
        if e[0] == "L" and e[1] not in links:
            bad.append("confirmed link %r lost" % e[1])
    if ui_net is not None:
        n = sum(1 for h in d["highlights"] if "disputed" in (h.get("tags") or []))
        if n != ui_net:
            bad.append("the UI confirmed a net %d disputed tags; the library has %d" % (ui_net, n))
    for b in bad:
        print("FAIL (%s): %s" % (label, b))
    return not bad


def main():
    print("stress: %g s, seed %d, in %s" % (SECONDS, SEED, tmp))
    ui_start()
    end = time.time() + SECONDS
    acts = [(act_highlight, 30), (act_tag, 5), (act_link, 10), (act_reimport, 8),
            (act_kill, 8), (act_backup, 3), (act_ui, 25)]
    total = sum(w for _, w in acts)
    while time.time() < end:
        x = rnd.randrange(total)
        for fn, w in acts:
            if x < w:
                fn()
                break
            x -= w
        while len(running) > 3:
            time.sleep(0.02)
            reap()
        reap()
    reap(block=True)
    ui_stop()
    ok = True
    rc, out, err = gloss("export", "--json")
    final = os.path.join(tmp, "final.json")
    with open(final, "w") as f:
        f.write(out)
    if rc != 0:
        print("FAIL: the final export: " + err)
        ok = False
    else:
        ok &= check(final, len(expect), "library", ui["net"] if ui["on"] else None)
    for i, (path, n) in enumerate(backups):
        db = os.path.join(tmp, "restored%d.db" % i)
        rc, out, err = gloss("restore", path, db=db)
        if rc != 0:
            print("FAIL: restoring %s: %s" % (path, err.strip()))
            ok = False
            continue
        rc, out, err = gloss("export", "--json", db=db)
        rp = os.path.join(tmp, "restored%d.json" % i)
        with open(rp, "w") as f:
            f.write(out)
        ok &= check(rp, n, "backup%d" % i)
    print("stress: %d confirmed; %s" % (len(expect), ", ".join(
        "%s %d" % kv for kv in sorted(stats.items()))))
    if ok:
        print("stress: PASS (seed %d)" % SEED)
        shutil.rmtree(tmp, ignore_errors=True)
        return 0
    print("stress: FAIL (seed %d); the run is kept in %s (actions.log)" % (SEED, tmp))
    return 1


sys.exit(main())
