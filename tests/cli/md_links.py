# md_links.py CMARK DIR, for export_folder.sh and export_entities.sh:
# render every .md file under DIR with cmark (front
# matter off, --unsafe keeps the <a id> anchors); every relative link must
# name a file under DIR and an anchor that file has.  Prints the count.
import os, re, subprocess, sys
cmark, d = sys.argv[1], os.path.realpath(sys.argv[2])
html, bad, n = {}, [], 0
for root, _, files in os.walk(d):
    for f in files:
        if not f.endswith('.md'):
            continue
        p = os.path.join(root, f)
        t = open(p, encoding='utf-8').read()
        if t.startswith('---\n'):
            t = t[t.index('\n---\n', 4) + 5:]
        html[p] = subprocess.run([cmark, '--unsafe'], input=t.encode(), capture_output=True, check=True).stdout.decode()
for f, h in html.items():
    for href in re.findall(r'<a href="([^"]*)"', h):
        if re.match(r'^[a-z]+:', href):
            continue
        n += 1
        path, _, frag = href.partition('#')
        target = os.path.normpath(os.path.join(os.path.dirname(f), path)) if path else f
        if target not in html:
            bad.append('%s: %s: no such file' % (f, href))
        elif frag and ('id="%s"' % frag) not in html[target]:
            bad.append('%s: %s: no such anchor' % (f, href))
for m in bad:
    print('#   ' + m)
print(n)
sys.exit(1 if bad else 0)
