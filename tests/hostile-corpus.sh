# hostile-corpus.sh — the catalogue of text that tries to drive a
# terminal (CSI and OSC sequences, DCS/APC/PM/SOS strings, C1 controls,
# BEL, backspace and carriage-return overwrites, bidi overrides, isolates
# and marks, zero-width characters, separators, DEL and C0), shared by
# tests/cli/hostile.sh and tests/ui/hostile.sh.  Sourced; hostile_corpus
# calls the caller's `entry NAME ATTACK` once per attack, ATTACK being a
# printf format.
hostile_corpus() {
	entry csi-colour '\033[31;1;5mRED\033[0m \033[38;2;255;0;0mrgb\033[m \033[8mhidden\033[28m \033[7mreverse\033[27m'
	entry csi-cursor '\033[2J\033[H\033[10;10H\033[3A\033[5D\033[s\033[u\033[K\033[1J\033[?25l\033[?1049h\033[?1000h\033[?2004h\033[r'
	entry csi-report '\033[6n\033[c\033[>c\033[21t\033[18t\033[?u'
	entry osc-title '\033]0;PWNED-TITLE\007 then \033]2;PWNED-TWO\033\\ then \033]1;icon\007'
	entry osc-clipboard '\033]52;c;ZWNobyBvd25lZA==\007 then \033]52;p;?\007'
	entry osc-hyperlink '\033]8;;http://evil.example/\033\\click here\033]8;;\033\\'
	entry osc-palette '\033]4;1;rgb:ff/00/00\007\033]10;#000000\007\033]11;?\007\033]104\007'
	entry osc-unterminated '\033]0;runaway title'
	entry dcs '\033P1$qm\033\\ \033Pq#0;2;0;0;0#1!10~-\033\\ \033P+q544e\033\\ \033_apc\033\\ \033^pm\033\\ \033Xsos\033\\'
	entry esc-misc '\033c\033#8\033(0lqqk\033(B\0337\0338\033D\033M\033E\033H\033=\033>\033N\033O'
	c1=""
	i=128
	while [ $i -le 159 ]; do
		c1="$c1$(printf '\\302\\%03o' $i)x"
		i=$((i + 1))
	done
	entry c1-controls "$c1"
	entry c1-sequences '\302\23331mC1RED\302\2330m \302\2350;c1title\302\234 \302\220dcs\302\234 \302\237apc\302\234'
	entry bel 'ding\007\007dong\007'
	entry backspace 'safe\b\b\b\bEVIL _\bu_\bn_\bd_\be_\br'
	entry carriage-return 'harmless words\rEVIL\r\033[Kmore\r\n'
	entry bidi '\342\200\252a\342\200\253b\342\200\254c\342\200\255d\342\200\256evil-rtl\342\200\254 \342\201\246e\342\201\247f\342\201\250g\342\201\251'
	entry bidi-marks 'lrm\342\200\216x rlm\342\200\217y alm\330\234z'
	entry zero-width 'zero\342\200\213width\342\200\214non\342\200\215joiner\342\201\240wj\357\273\277bom'
	entry separators 'line\342\200\250sep para\342\200\251sep nel\302\205end'
	entry del-and-c0 'del\177\001\002\003\004\005\006\016\017\020\021\022\023\024\025\026\027\030\031\032\034\035\036\037x'
}
