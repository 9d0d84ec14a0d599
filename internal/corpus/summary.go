package corpus

import (
	"fmt"
	"io"
	"slices"
	"strings"
)

// ShortWords is the length under which a message counts as a short reply.
const ShortWords = 60

// Summary writes Markdown tables of a corpus: cases by family and label,
// by anti-pattern and stance, the short replies, and cases by writer.
func Summary(w io.Writer, cs []Case) {
	count := func(key func(Case) string) (map[string]int, []string) {
		m := map[string]int{}
		for _, c := range cs {
			m[key(c)]++
		}
		keys := make([]string, 0, len(m))
		for k := range m {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		return m, keys
	}
	good, bad := 0, 0
	for _, c := range cs {
		if c.IsGood() {
			good++
		} else {
			bad++
		}
	}
	writers, wkeys := count(func(c Case) string { return c.Writer })
	fmt.Fprintf(w, "%d messages (%d good, %d bad) from %d writers.\n\n", len(cs), good, bad, len(wkeys))

	fmt.Fprintln(w, "| family | good | bad | all |")
	fmt.Fprintln(w, "|---|---|---|---|")
	fam := func(c Case) string {
		if c.Family == "" {
			return "(legacy sets and the documents: no family)"
		}
		return c.Family
	}
	fams, fkeys := count(fam)
	for _, f := range fkeys {
		g, _ := count(func(c Case) string {
			if fam(c) == f {
				return c.Label
			}
			return ""
		})
		fmt.Fprintf(w, "| %s | %d | %d | %d |\n", f, g[Good], g[Bad], fams[f])
	}
	short, shortGood := 0, 0
	for _, c := range cs {
		if len(strings.Fields(c.Text)) < ShortWords && c.Family != "stock_wrapped" {
			short++
			if c.IsGood() {
				shortGood++
			}
		}
	}
	fmt.Fprintf(w, "\nShort replies (under %d words, outside stock_wrapped): %d (%d good, %d bad).\n\n", ShortWords, short, shortGood, short-shortGood)

	fmt.Fprintln(w, "| bad: anti-pattern | n | | good: stance | n |")
	fmt.Fprintln(w, "|---|---|---|---|---|")
	tally := func(keep func(Case) bool, key func(Case) string) ([]string, map[string]int) {
		m := map[string]int{}
		for _, c := range cs {
			if keep(c) {
				m[orNone(key(c))]++
			}
		}
		keys := make([]string, 0, len(m))
		for k := range m {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		return keys, m
	}
	akeys, anti := tally(func(c Case) bool { return !c.IsGood() }, func(c Case) string { return c.AntiPattern })
	skeys, st := tally(Case.IsGood, func(c Case) string { return c.Stance })
	for i := 0; i < max(len(akeys), len(skeys)); i++ {
		var a, an, s, sn string
		if i < len(akeys) {
			a, an = akeys[i], fmt.Sprint(anti[akeys[i]])
		}
		if i < len(skeys) {
			s, sn = skeys[i], fmt.Sprint(st[skeys[i]])
		}
		fmt.Fprintf(w, "| %s | %s | | %s | %s |\n", a, an, s, sn)
	}
	fmt.Fprintln(w, "\n| writer | messages |")
	fmt.Fprintln(w, "|---|---|")
	for _, k := range wkeys {
		fmt.Fprintf(w, "| %s | %d |\n", k, writers[k])
	}
}

func orNone(s string) string {
	if s == "" {
		return "(none named)"
	}
	return s
}
