#!/bin/sh
# themes.sh — the dark and light themes tell every entity kind apart
# (CIEDE2000 at least 10, at least 5 among the places GPE, LOC, FAC) and
# each kind reads at 4.5:1 or more on the terminal's background (#000000
# for dark, #ffffff for light) and on the focus band.  Read from the theme
# files; the colours checked are what a 256-colour terminal shows.
. "$TOP_SRCDIR/tests/lib.sh"

[ -n "${PYTHON3:-}" ] && "$PYTHON3" -c 'import math' 2>/dev/null || t_skip_all "python3 is not installed"

cat > "$T_DIR/check.py" <<'PY'
import math, re, sys

LABELS = ("PERSON NORP FAC ORG GPE LOC PRODUCT EVENT WORK_OF_ART LAW LANGUAGE DATE "
          "TIME PERCENT MONEY QUANTITY ORDINAL CARDINAL").split()
PLACES = {"GPE", "LOC", "FAC"}
CUBE = [0, 0x5F, 0x87, 0xAF, 0xD7, 0xFF]
PALETTE = [(CUBE[i // 36], CUBE[i // 6 % 6], CUBE[i % 6]) for i in range(216)] + \
          [(8 + 10 * g,) * 3 for g in range(24)]

def lin(c):
    c /= 255.0
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

def luminance(rgb):
    r, g, b = (lin(x) for x in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b

def contrast(a, b):
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)

def lab(rgb):
    r, g, b = (lin(x) for x in rgb)
    x = (0.4124564 * r + 0.3575761 * g + 0.1804375 * b) / 0.95047
    y = 0.2126729 * r + 0.7151522 * g + 0.0721750 * b
    z = (0.0193339 * r + 0.1191920 * g + 0.9503041 * b) / 1.08883
    f = lambda t: t ** (1 / 3) if t > 216 / 24389 else (24389 / 27 * t + 16) / 116
    fx, fy, fz = f(x), f(y), f(z)
    return 116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz)

def ciede2000(c1, c2):
    (L1, a1, b1), (L2, a2, b2) = c1, c2
    cb = (math.hypot(a1, b1) + math.hypot(a2, b2)) / 2
    g = 0.5 * (1 - math.sqrt(cb ** 7 / (cb ** 7 + 25 ** 7)))
    a1p, a2p = (1 + g) * a1, (1 + g) * a2
    c1p, c2p = math.hypot(a1p, b1), math.hypot(a2p, b2)
    h1p = math.degrees(math.atan2(b1, a1p)) % 360 if c1p else 0.0
    h2p = math.degrees(math.atan2(b2, a2p)) % 360 if c2p else 0.0
    dl, dc = L2 - L1, c2p - c1p
    dh = 0.0
    if c1p * c2p:
        dh = h2p - h1p
        dh -= 360 if dh > 180 else 0
        dh += 360 if dh < -180 else 0
    dH = 2 * math.sqrt(c1p * c2p) * math.sin(math.radians(dh / 2))
    lbp, cbp = (L1 + L2) / 2, (c1p + c2p) / 2
    if not c1p * c2p:
        hbp = h1p + h2p
    elif abs(h1p - h2p) <= 180:
        hbp = (h1p + h2p) / 2
    else:
        hbp = (h1p + h2p + (360 if h1p + h2p < 360 else -360)) / 2
    t = (1 - 0.17 * math.cos(math.radians(hbp - 30)) + 0.24 * math.cos(math.radians(2 * hbp))
         + 0.32 * math.cos(math.radians(3 * hbp + 6)) - 0.20 * math.cos(math.radians(4 * hbp - 63)))
    dtheta = 30 * math.exp(-((hbp - 275) / 25) ** 2)
    rc = 2 * math.sqrt(cbp ** 7 / (cbp ** 7 + 25 ** 7))
    sl = 1 + 0.015 * (lbp - 50) ** 2 / math.sqrt(20 + (lbp - 50) ** 2)
    sc, sh = 1 + 0.045 * cbp, 1 + 0.015 * cbp * t
    rt = -math.sin(math.radians(2 * dtheta)) * rc
    return math.sqrt((dl / sl) ** 2 + (dc / sc) ** 2 + (dH / sh) ** 2 + rt * (dc / sc) * (dH / sh))

def shown(word):
    """The palette colour a 256-colour terminal shows for a colour word."""
    if word.startswith("#") and len(word) == 7:
        rgb = tuple(int(word[i:i + 2], 16) for i in (1, 3, 5))
    elif word.isdigit() and 16 <= int(word) <= 255:
        return PALETTE[int(word) - 16]
    else:
        return None
    return min(PALETTE, key=lambda p: sum((x - y) ** 2 for x, y in zip(lab(p), lab(rgb))))

mode = sys.argv[1]
if mode == "selftest":  # Sharma, Wu and Dalal's test pairs
    pairs = [((50, 2.6772, -79.7751), (50, 0, -82.7485), 2.0425),
             ((50, -1.3802, -84.2814), (50, 0, -82.7485), 1.0),
             ((50, 2.5, 0), (73, 25, -18), 27.1492),
             ((60.2574, -34.0099, 36.2677), (60.4626, -34.1751, 39.4387), 1.2644),
             ((22.7233, 20.0904, -46.694), (23.0331, 14.973, -42.5619), 2.0373),
             ((90.9257, -0.5406, -0.9208), (88.6381, -0.8985, -0.7239), 1.5381)]
    bad = [(a, b, w, ciede2000(a, b)) for a, b, w in pairs if abs(ciede2000(a, b) - w) > 1e-4]
    print("\n".join("# %s %s: want %s got %.4f" % x for x in bad))
    sys.exit(1 if bad else 0)

path, default_bg = sys.argv[2], sys.argv[3]
areas = {}
for line in open(path, encoding="utf-8"):
    w = line.split("#", 1)[0].split() if not re.match(r"\s*color\s", line) else line.split()
    if len(w) >= 3 and w[0] == "color":
        areas[w[1]] = w[2:]
focus_bg = shown(areas["focus"][1])
backgrounds = {"the default background": shown(default_bg), "the focus band": focus_bg}
bad = 0
colours = {}
for l in LABELS:
    fg = shown(areas.get("entity." + l, ["default"])[0])
    if fg is None:
        print("# %s: entity.%s has no colour" % (mode, l))
        bad = 1
        continue
    colours[l] = fg
    for name, bg in backgrounds.items() if mode == "contrast" else ():
        if bg is None or contrast(fg, bg) < 4.5:
            print("# %s is %.2f:1 on %s" % (l, contrast(fg, bg) if bg else 0, name))
            bad = 1
if mode == "contrast":
    sys.exit(bad)
for i, a in enumerate(LABELS):
    for b in LABELS[i + 1:]:
        if a in colours and b in colours:
            need = 5 if a in PLACES and b in PLACES else 10
            d = ciede2000(lab(colours[a]), lab(colours[b]))
            if d < need:
                print("# %s and %s differ by only %.1f (need %d)" % (a, b, d, need))
                bad = 1
sys.exit(bad)
PY

t_run "the CIEDE2000 formula gives the published values" 0 "$PYTHON3" "$T_DIR/check.py" selftest
for theme in dark:#000000 light:#ffffff; do
	name=${theme%%:*} bg=${theme#*:}
	t_run "$name: every entity kind reads at 4.5:1 on $bg and on the focus band" 0 \
		"$PYTHON3" "$T_DIR/check.py" contrast "$TOP_SRCDIR/themes/$name.theme" "$bg"
	[ -n "$T_OUT" ] && printf '%s\n' "$T_OUT"
	t_run "$name: every entity kind is distinct (CIEDE2000 >= 10, places >= 5)" 0 \
		"$PYTHON3" "$T_DIR/check.py" distinct "$TOP_SRCDIR/themes/$name.theme" "$bg"
	[ -n "$T_OUT" ] && printf '%s\n' "$T_OUT"
done
t_done
