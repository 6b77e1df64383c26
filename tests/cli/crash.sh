#!/bin/sh
# crash.sh — crash safety: a scripted session of imports, re-imports of
# changed articles, highlights, notes and links, each command killed with
# SIGKILL after a random delay within its usual running time, until at
# least 200 commands have died mid-way.  Then the database must pass
# PRAGMA integrity_check and the FTS5 integrity checks, every annotation
# whose command reported success must be there, and no article may be
# half-written.
. "$TOP_SRCDIR/tests/lib.sh"

D=$T_DIR/in
mkdir -p "$D"
t_run "a library to work in" 0 "$GLOSS" list

cat > "$T_DIR/crash.py" <<'PY'
import json, os, random, re, signal, subprocess, sys, time

gloss, d, out_path = sys.argv[1], sys.argv[2], sys.argv[3]
MIN_KILLS, MAX_OPS = 220, 2000
rnd = random.Random(20260322)

def article_text(k, version, paras):
    lines = ['Crash article %d' % k, '']
    for v in range(version, 0, -1):
        lines += ['Update %d of article %d: officials revised the figures again.' % (v, k), '']
    for p in range(1, paras + 1):
        lines += ['Paragraph %d of article %d: the council of Harbourton met on day %d '
                  'and voted %d to %d on the budget for the new tram line.' % (p, k, p, p, p + 1), '']
    lines.append('end-of-article-%d.' % k)
    return '\n'.join(lines) + '\n'

articles = {}    # k -> {'paras', 'version', 'id' (once confirmed), 'path'}
highlights = {}  # confirmed id -> {'article', 'quote'}
notes = {}       # highlight id -> list of texts attempted since the last confirmed one
links = {}       # confirmed link id -> (from, to)
imports = []     # confirmed (k, id, version)
runtime = {}     # op kind -> typical seconds, learnt from commands that finished
done_kinds = set()  # kinds of which at least one command finished
kills = finished = 0
log = []

def run(kind, args):
    global kills, finished
    t = runtime.get(kind, 0.05)
    delay = rnd.uniform(0, 1.1 * t)
    start = time.monotonic()
    p = subprocess.Popen([gloss] + args, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    time.sleep(delay)
    if p.poll() is None:
        p.send_signal(signal.SIGKILL)
    out, err = p.communicate()
    if p.returncode == -signal.SIGKILL:
        kills += 1
        # Killed before it could finish: aim a little later next time, so
        # that some commands of every kind finish on any machine; much
        # later while none of its kind ever has (under valgrind a command
        # takes seconds).
        runtime[kind] = t * (1.05 if kind in done_kinds else 1.5)
        return None
    finished += 1
    done_kinds.add(kind)
    runtime[kind] = 0.7 * runtime.get(kind, 0.05) + 0.3 * (time.monotonic() - start)
    out = out.decode(errors='replace')
    if p.returncode != 0 or not out.strip():
        log.append('%s exit %d: %s' % (' '.join(args[:3]), p.returncode, err.decode(errors='replace').strip()[:200]))
        return None
    return out

ops = 0
next_k = 1
while kills < MIN_KILLS and ops < MAX_OPS:
    ops += 1
    r = rnd.random()
    confirmed_arts = [k for k in articles if 'id' in articles[k]]
    if r < 0.18 or not confirmed_arts:
        k = next_k
        next_k += 1
        paras = rnd.choice([5, 20, 60, 200])
        path = os.path.join(d, 'a%d.txt' % k)
        articles[k] = {'paras': paras, 'version': 0, 'path': path}
        open(path, 'w').write(article_text(k, 0, paras))
        out = run('import%d' % paras, ['import', path])
        # A killed import may still have committed: learn the id later.
        if out:
            m = re.search(r'^imported (\d+)', out, re.M)
            if m:
                articles[k]['id'] = int(m.group(1))
                imports.append((k, int(m.group(1)), 0))
    elif r < 0.28:
        k = rnd.choice(confirmed_arts)
        a = articles[k]
        a['version'] += 1
        open(a['path'], 'w').write(article_text(k, a['version'], a['paras']))
        out = run('import%d' % a['paras'], ['import', a['path']])
        if out:
            m = re.search(r'^(?:updated|unchanged) (\d+)', out, re.M)
            if m:
                imports.append((k, int(m.group(1)), a['version']))
    elif r < 0.65:
        k = rnd.choice(confirmed_arts)
        a = articles[k]
        p = rnd.randint(1, a['paras'])
        quote = rnd.choice(['Paragraph %d of article %d:' % (p, k), 'met on day %d and' % p,
                            'voted %d to %d on the budget' % (p, p + 1)])
        args = ['highlight', str(a['id']), '--quote', quote]
        if rnd.random() < 0.3:
            args += ['--tag', 'key-fact']
        out = run('highlight', args)
        if out:
            m = re.search(r'^highlighted (\d+) in article (\d+)', out, re.M)
            if m:
                highlights[int(m.group(1))] = {'article': int(m.group(2)), 'quote': quote}
    elif r < 0.85 and highlights:
        h = rnd.choice(list(highlights))
        text = 'note %d on highlight %d' % (ops, h)
        notes.setdefault(h, {'confirmed': None, 'since': []})['since'].append(text)
        out = run('note', ['note', str(h), text])
        if out:
            notes[h] = {'confirmed': text, 'since': []}
    elif len(highlights) >= 2:
        a, b = rnd.sample(list(highlights), 2)
        out = run('link', ['link', str(a), str(b), '--relation', 'see-also'])
        if out:
            m = re.search(r'^linked (\d+)', out, re.M)
            if m:
                links[int(m.group(1))] = (a, b)

json.dump({'kills': kills, 'finished': finished, 'ops': ops, 'log': log[:20],
           'articles': {k: {kk: vv for kk, vv in a.items()} for k, a in articles.items()},
           'highlights': highlights, 'notes': notes, 'links': links, 'imports': imports},
          open(out_path, 'w'))
print('# %d commands, %d killed mid-way, %d finished' % (ops, kills, finished))
PY

cat > "$T_DIR/verify.py" <<'PY'
import json, sqlite3, sys
res = json.load(open(sys.argv[1]))
db = sys.argv[2]
what = sys.argv[3]
c = sqlite3.connect(db)
bad = []
if what == 'integrity':
    r = c.execute('pragma integrity_check').fetchall()
    if r != [('ok',)]:
        bad.append('integrity_check: %r' % r[:5])
    r = c.execute('pragma foreign_key_check').fetchall()
    if r:
        bad.append('foreign_key_check: %r' % r[:5])
elif what == 'fts':
    import re
    for (t, sql) in c.execute("select name, sql from sqlite_schema where type='table'").fetchall():
        if not re.search(r'using\s+fts5\s*\(', sql or '', re.I):
            continue  # fts5vocab tables are views, with nothing to check
        try:
            c.execute("insert into %s(%s) values('integrity-check')" % (t, t))
        except sqlite3.Error as e:
            bad.append('%s: %s' % (t, e))
elif what == 'highlights':
    for hid, h in res['highlights'].items():
        row = c.execute('select article_id, substr(body, start + 1, "end" - start) from highlight join article on article.id = article_id where highlight.id = ?', (int(hid),)).fetchone()
        if row is None:
            bad.append('highlight %s (%s) is gone' % (hid, h['quote']))
        elif row[0] != h['article']:
            bad.append('highlight %s moved to article %s' % (hid, row[0]))
    # Byte offsets: compare as bytes.
    for hid, h in res['highlights'].items():
        row = c.execute('select cast(substr(cast(body as blob), start + 1, "end" - start) as text), orphaned from highlight join article on article.id = article_id where highlight.id = ?', (int(hid),)).fetchone()
        if row and (row[0] != h['quote'] or row[1]):
            bad.append('highlight %s: %r (orphaned %s), wanted %r' % (hid, row[0], row[1], h['quote']))
elif what == 'notes':
    for hid, n in res['notes'].items():
        if n['confirmed'] is None:
            continue
        row = c.execute('select body from note where highlight_id = ?', (int(hid),)).fetchone()
        ok = [n['confirmed']] + n['since']
        if row is None or row[0] not in ok:
            bad.append('note of highlight %s: %r, wanted one of %r' % (hid, row and row[0], ok[:3]))
elif what == 'links':
    for lid, (a, b) in res['links'].items():
        row = c.execute('select from_highlight, to_highlight from link where id = ?', (int(lid),)).fetchone()
        if row is None or tuple(row) != (a, b):
            bad.append('link %s: %r, wanted %r' % (lid, row, (a, b)))
elif what == 'articles':
    for k, i, v in res['imports']:
        row = c.execute('select title, body from article where id = ?', (i,)).fetchone()
        if row is None or row[0] != 'Crash article %d' % k:
            bad.append('imported article %d (id %d) is gone' % (k, i))
    for (i, title, body) in c.execute("select id, title, body from article where title like 'Crash article %'"):
        k = int(title.split()[-1])
        paras = res['articles'][str(k)]['paras']
        if not body.endswith('end-of-article-%d.' % k) or ('Paragraph %d of article %d:' % (paras, k)) not in body:
            bad.append('article %d (id %d) is half-written' % (k, i))
for b in bad[:10]:
    print('#   ' + b)
sys.exit(1 if bad else 0)
PY

"$PYTHON3" "$T_DIR/crash.py" "$GLOSS" "$D" "$T_DIR/result.json"
t_ok $? "the scripted session ran"
kills=$("$PYTHON3" -c 'import json,sys; print(json.load(open(sys.argv[1]))["kills"])' "$T_DIR/result.json" 2>/dev/null || echo 0)
t_ok "$([ "$kills" -ge 200 ]; echo $?)" "at least 200 commands were killed mid-way ($kills)"
confirmed=$("$PYTHON3" -c 'import json,sys; r=json.load(open(sys.argv[1])); print(len(r["highlights"]), len(r["links"]), len(r["imports"]), sum(1 for n in r["notes"].values() if n["confirmed"]))' "$T_DIR/result.json" 2>/dev/null)
echo "# confirmed highlights, links, imports, notes: $confirmed"
t_ok "$(set -- $confirmed; [ "${1:-0}" -ge 10 ] && [ "${2:-0}" -ge 3 ] && [ "${3:-0}" -ge 5 ] && [ "${4:-0}" -ge 3 ]; echo $?)" "enough commands finished to check something"
"$PYTHON3" -c 'import json,sys; [print("#   " + l) for l in json.load(open(sys.argv[1]))["log"]]' "$T_DIR/result.json"

for what in integrity fts articles highlights notes links; do
	out=$("$PYTHON3" "$T_DIR/verify.py" "$T_DIR/result.json" "$GLOSS_DB" "$what")
	t_ok $? "after the kills: $what"
	[ -n "$out" ] && printf '%s\n' "$out"
done
t_run "gloss still opens the library" 0 "$GLOSS" annotations --json
printf 'After the crashes\n\nThe library still takes new articles.\n' > "$D/after.txt"
t_run "and can still import" 0 "$GLOSS" import "$D/after.txt"
id=$(printf '%s\n' "$T_OUT" | sed -n 's/^imported \([0-9]*\).*/\1/p')
t_run "and annotate" 0 "$GLOSS" highlight "$id" --quote "still takes"
t_done
