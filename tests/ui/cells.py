#!/usr/bin/env python3
"""cells.py — read a tmux `capture-pane -p -e` screen (standard input) and
print the style of the cells of some text on it, so a UI test can compare
how the same text is drawn before and after a key.

    cells.py TEXT [N]   the style of TEXT's first cell (its Nth occurrence,
                        from 1), as "fg=.. bg=.. attrs=..", or "missing"
    cells.py --row R    the styles of every cell of row R (from 0)
    cells.py --colours  fg/bg of every cell, one "fg bg TEXT" run a line

Colours are reported as tmux writes them (38;5;N / 38;2;R;G;B / 3N). """
import re
import sys

SGR = re.compile(r"\x1b\[([0-9;:]*)m")
ATTR = {1: "bold", 2: "dim", 3: "italic", 4: "underline", 5: "blink", 7: "reverse",
        8: "hidden", 9: "strike"}
OFF = {22: ("bold", "dim"), 23: ("italic",), 24: ("underline",), 25: ("blink",),
       27: ("reverse",), 28: ("hidden",), 29: ("strike",)}


def parse_line(line, st):
    """[(char, style)] for one screen line; st is carried between lines."""
    cells = []
    pos = 0
    while pos < len(line):
        m = SGR.match(line, pos)
        if m:
            apply(st, m.group(1))
            pos = m.end()
            continue
        if line[pos] == "\x1b":  # another sequence: skip it
            m = re.match(r"\x1b[\[\]][^a-zA-Z\x07]*[a-zA-Z\x07]?", line[pos:])
            pos += m.end() if m else 1
            continue
        cells.append((line[pos], style(st)))
        pos += 1
    return cells


def apply(st, params):
    nums = [int(p) if p else 0 for p in re.split("[;:]", params)] if params else [0]
    i = 0
    while i < len(nums):
        n = nums[i]
        if n == 0:
            st.clear()
        elif n in ATTR:
            st.setdefault("attrs", set()).add(ATTR[n])
        elif n in OFF:
            for a in OFF[n]:
                st.setdefault("attrs", set()).discard(a)
        elif n in (38, 48):
            key = "fg" if n == 38 else "bg"
            if i + 2 < len(nums) + 1 and i + 1 < len(nums) and nums[i + 1] == 5:
                st[key] = "5;%d" % nums[i + 2]
                i += 2
            elif i + 1 < len(nums) and nums[i + 1] == 2:
                st[key] = "2;%d;%d;%d" % tuple(nums[i + 2:i + 5])
                i += 4
        elif n == 39:
            st.pop("fg", None)
        elif n == 49:
            st.pop("bg", None)
        elif 30 <= n <= 37 or 90 <= n <= 97:
            st["fg"] = str(n)
        elif 40 <= n <= 47 or 100 <= n <= 107:
            st["bg"] = str(n)
        i += 1


def style(st):
    return "fg=%s bg=%s attrs=%s" % (st.get("fg", "default"), st.get("bg", "default"),
                                     ",".join(sorted(st.get("attrs", ()))) or "none")


def screen(text):
    st = {}
    return [parse_line(l, st) for l in text.split("\n")]


def main():
    rows = screen(sys.stdin.read())
    args = sys.argv[1:]
    if args and args[0] == "--row":
        for ch, s in rows[int(args[1])]:
            print(repr(ch), s)
        return
    if args and args[0] == "--colours":
        for cells in rows:
            run, last = "", None
            for ch, s in cells + [("", None)]:
                if s != last and run:
                    print(last, run)
                    run = ""
                run += ch
                last = s
        return
    text = args[0]
    want = int(args[1]) if len(args) > 1 else 1
    seen = 0
    for cells in rows:
        line = "".join(c for c, _ in cells)
        start = 0
        while True:
            k = line.find(text, start)
            if k < 0:
                break
            seen += 1
            if seen == want:
                print(cells[k][1])
                return
            start = k + 1
    print("missing")


if __name__ == "__main__":
    main()
