package draft

import (
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

func sentenceTexts(text string) []string {
	var got []string
	for _, s := range Split(text) {
		got = append(got, s.Text)
	}
	return got
}

func TestSplitSentences(t *testing.T) {
	tests := []struct {
		name string
		text string
		want []string
	}{
		{"plain", "No. That won't work!", []string{"No.", "That won't work!"}},
		{"question and ellipsis", "  Really?  Yes…\nOK", []string{"Really?", "Yes…", "OK"}},
		{"quote closes the sentence", `He said "stop." Then left.`, []string{`He said "stop."`, "Then left."}},
		{"decimal", "Version 2.5 ships. Fine", []string{"Version 2.5 ships.", "Fine"}},
		{"curly quote with comma", "“Trust me,” she said.", []string{"“Trust me,” she said."}},
		{"three dots", "Wait... what?!", []string{"Wait...", "what?!"}},
		{"empty", "", nil},
		{"title", "Dr. Patel wants it Friday; fine.", []string{"Dr. Patel wants it Friday; fine."}},
		{"numbered list", "Two options:\n\n1. 350 kegs for the 14th.\n2. Ask Booker to take 600 on the 28th.\nb. Or both.", []string{"Two options:", "1. 350 kegs for the 14th.", "2. Ask Booker to take 600 on the 28th.", "b. Or both."}},
		{"professional title", "Regards,\nEngr. Tariq Mehmood\nProject Manager", []string{"Regards,", "Engr. Tariq Mehmood", "Project Manager"}},
		{"a number ending a sentence is no marker", "We need 3. Then 4. Done.", []string{"We need 3.", "Then 4.", "Done."}},
		{"a rank before a name (round 59: a sign-off split in two)", "Thanks cher,\nCapt. Russell Guidry\nLakefront Charters", []string{"Thanks cher,", "Capt. Russell Guidry", "Lakefront Charters"}},
		{"e.g.", "Use a smaller scope, e.g. the core flows. Then expand.", []string{"Use a smaller scope, e.g. the core flows.", "Then expand."}},
		{"i.e. with comma", "The earliest, i.e., the 14th, is too late.", []string{"The earliest, i.e., the 14th, is too late."}},
		{"a.m. mid-sentence", "The window opens at 9 a.m. on Monday. We need two.", []string{"The window opens at 9 a.m. on Monday.", "We need two."}},
		{"a.m. ends", "We start at 9 a.m. Then we test.", []string{"We start at 9 a.m.", "Then we test."}},
		{"etc. ends", "Fonts, colours etc. The layout is fine.", []string{"Fonts, colours etc.", "The layout is fine."}},
		{"etc. continues", "Fonts, colours etc. are fine.", []string{"Fonts, colours etc. are fine."}},
		{"initial", "Ask J. Smith first. He knows.", []string{"Ask J. Smith first.", "He knows."}},
		{"plan B", "We go with Plan B. It is cheaper.", []string{"We go with Plan B.", "It is cheaper."}},
		{"an amount in millions", "They want to list at $1.25M. Recent sales are $1.1M.", []string{"They want to list at $1.25M.", "Recent sales are $1.1M."}},
		{"No. 5", "Ticket No. 5 is open. Fix it.", []string{"Ticket No. 5 is open.", "Fix it."}},
		{"a no then a reason", "No. Too busy.", []string{"No.", "Too busy."}},
		{"an ordinal ends a sentence", "The trip moves to the 21st. Please stop asking.", []string{"The trip moves to the 21st.", "Please stop asking."}},
		{"a saint does not", "Meet at St. Mary's at 3.", []string{"Meet at St. Mary's at 3."}},
		{"url", "See https://example.com/a.b?c=1. It's down.", []string{"See https://example.com/a.b?c=1.", "It's down."}},
		{"email", "Mail ops@example.co.uk. They know.", []string{"Mail ops@example.co.uk.", "They know."}},
		{"quote goes on", `She said "No. Not now." and left.`, []string{`She said "No. Not now." and left.`}},
		{"quote then lower case", `"Stop." he said. Fine.`, []string{`"Stop." he said.`, "Fine."}},
		{"greeting and sign-off lines", "Hi Priya,\n\nNo. Monday is impossible.\n\nThanks,\nTomás", []string{"Hi Priya,", "No.", "Monday is impossible.", "Thanks,", "Tomás"}},
		{"hard wrap", "The parallel run showed that three percent of the\npayslips were wrong. We need a cycle.", []string{"The parallel run showed that three percent of the\npayslips were wrong.", "We need a cycle."}},
		{"short line is not a wrap", "hi priya\nthanks for the note.", []string{"hi priya", "thanks for the note."}},
		{"list", "Two things:\n- the tests\n- the docs", []string{"Two things:", "- the tests", "- the docs"}},
		{"closing bracket", "We can't (not yet.) Later.", []string{"We can't (not yet.)", "Later."}},
		{"accents", "Le café à Zürich est plein. Désolé.", []string{"Le café à Zürich est plein.", "Désolé."}},
		{"german date", "Das Team ist bis 12. Mai ausgebucht.", []string{"Das Team ist bis 12.", "Mai ausgebucht."}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := sentenceTexts(tt.text)
			if strings.Join(got, "|") != strings.Join(tt.want, "|") || len(got) != len(tt.want) {
				t.Errorf("Split(%q) =\n  %q\nwant\n  %q", tt.text, got, tt.want)
			}
		})
	}
}

func TestSplitLine(t *testing.T) {
	ss := Split("Hi Priya,\nNo. Monday is out.\nThanks,\nTomás")
	want := []bool{true, false, false, true, true}
	if len(ss) != len(want) {
		t.Fatalf("got %d sentences, want %d", len(ss), len(want))
	}
	for i, s := range ss {
		if s.Line != want[i] {
			t.Errorf("%q: Line = %v, want %v", s.Text, s.Line, want[i])
		}
	}
}

func TestSplitClauses(t *testing.T) {
	tests := []struct {
		text  string
		want  []string
		leads []string
	}{
		{"Dr. Patel wants it Friday; fine.", []string{"Dr. Patel wants it Friday", "fine."}, []string{"", "; "}},
		{"Last year's sale crashed at 8,000 users and you were all over us for a week.",
			[]string{"Last year's sale crashed at 8,000 users", "you were all over us for a week."}, []string{"", " and "}},
		{"Going live on the 1st means hundreds of people paid wrong, and that's on you, not me.",
			[]string{"Going live on the 1st means hundreds of people paid wrong", "that's on you, not me."}, []string{"", ", and "}},
		{"We test Thursday or we don't launch, period.", []string{"We test Thursday", "we don't launch, period."}, []string{"", " or "}},
		{"Absolutely not, the review cost us 3 days.", []string{"Absolutely not", "the review cost us 3 days."}, []string{"", ", "}},
		{"No, that won't work.", []string{"No", "that won't work."}, []string{"", ", "}},
		{"We can't cut the audit: the contract requires it before go-live.", []string{"We can't cut the audit", "the contract requires it before go-live."}, []string{"", ": "}},
		{"The budget is $48,000 — we've spent $41,500.", []string{"The budget is $48,000", "we've spent $41,500."}, []string{"", " — "}},
		{"If we go live, we pay people wrong.", []string{"If we go live, we pay people wrong."}, []string{""}},
		{"We need tests, docs, and a rollback plan.", []string{"We need tests, docs, and a rollback plan."}, []string{""}},
		{"The budget and the timeline are both tight.", []string{"The budget and the timeline are both tight."}, []string{""}},
		{`He said "no; never" and left.`, []string{`He said "no; never" and left.`}, []string{""}},
		{"It's 10:30 now.", []string{"It's 10:30 now."}, []string{""}},
		{"Sam and I will do it.", []string{"Sam and I will do it."}, []string{""}},
	}
	for _, tt := range tests {
		ss := Split(tt.text)
		if len(ss) != 1 {
			t.Errorf("%q: %d sentences, want 1", tt.text, len(ss))
			continue
		}
		var got, leads []string
		for _, c := range ss[0].Clauses {
			got = append(got, c.Text)
			leads = append(leads, c.Lead)
		}
		if strings.Join(got, "|") != strings.Join(tt.want, "|") || strings.Join(leads, "|") != strings.Join(tt.leads, "|") {
			t.Errorf("clauses of %q =\n  %q leads %q\nwant\n  %q leads %q", tt.text, got, leads, tt.want, tt.leads)
		}
	}
}

func TestSplitOffsets(t *testing.T) {
	text := "Café – “no.” 👍 Dr. Ünal said so; fine.\nMerci."
	for _, s := range Split(text) {
		if got := string([]rune(text)[s.CharStart:s.CharEnd]); got != s.Text {
			t.Errorf("sentence chars %d-%d = %q, want %q", s.CharStart, s.CharEnd, got, s.Text)
		}
		for _, c := range s.Clauses {
			if got := string([]rune(text)[c.CharStart:c.CharEnd]); got != c.Text {
				t.Errorf("clause chars %d-%d = %q, want %q", c.CharStart, c.CharEnd, got, c.Text)
			}
		}
	}
}

// checkSegments asserts what every segmentation must hold: sentences in
// order, never overlapping, on rune boundaries, covering every non-space
// character; clauses inside their sentence, in order, with their leads
// between them.
func checkSegments(t *testing.T, text string) {
	t.Helper()
	ss := Split(text)
	covered := make([]bool, len(text))
	prev := 0
	for _, s := range ss {
		if s.Start < prev || s.End <= s.Start || s.End > len(text) {
			t.Fatalf("%q: sentence %d-%d out of order or empty (prev end %d)", text, s.Start, s.End, prev)
		}
		if !utf8.ValidString(s.Text) || !utf8.RuneStart(text[s.Start]) || (s.End < len(text) && !utf8.RuneStart(text[s.End])) {
			t.Fatalf("%q: sentence %d-%d splits a character", text, s.Start, s.End)
		}
		if s.Text != strings.TrimSpace(s.Text) {
			t.Fatalf("%q: sentence %q is not trimmed", text, s.Text)
		}
		if s.CharEnd-s.CharStart != utf8.RuneCountInString(s.Text) {
			t.Fatalf("%q: sentence %q chars %d-%d", text, s.Text, s.CharStart, s.CharEnd)
		}
		for i := s.Start; i < s.End; i++ {
			covered[i] = true
		}
		if len(s.Clauses) == 0 {
			t.Fatalf("%q: sentence %q has no clause", text, s.Text)
		}
		cp := s.Start
		for k, c := range s.Clauses {
			if c.Start < cp || c.End > s.End || c.End <= c.Start {
				t.Fatalf("%q: clause %d-%d outside sentence %d-%d or out of order", text, c.Start, c.End, s.Start, s.End)
			}
			if k > 0 && text[cp:c.Start] != c.Lead {
				t.Fatalf("%q: clause %q lead %q, text between is %q", text, c.Text, c.Lead, text[cp:c.Start])
			}
			if !utf8.ValidString(c.Text) || c.CharEnd-c.CharStart != utf8.RuneCountInString(c.Text) {
				t.Fatalf("%q: clause %q splits a character", text, c.Text)
			}
			cp = c.End
		}
		if s.Clauses[0].Start != s.Start || s.Clauses[len(s.Clauses)-1].End != s.End {
			t.Fatalf("%q: clauses of %q do not cover it", text, s.Text)
		}
		prev = s.End
	}
	for i, r := range text {
		if !covered[i] && !isSpaceRune(r) {
			t.Fatalf("%q: character %q at %d is in no sentence", text, r, i)
		}
	}
	spans := SentenceSpans(text)
	if len(spans) != len(ss) {
		t.Fatalf("%q: SentenceSpans has %d, Split %d", text, len(spans), len(ss))
	}
}

func isSpaceRune(r rune) bool { return strings.TrimSpace(string(r)) == "" }

func TestSplitInvariants(t *testing.T) {
	for _, text := range []string{
		"Hi Priya,\n\nNo. Monday is impossible, the sandbox is down until Wednesday.\n\nThanks,\nTomás",
		"🙄🙄 absolutely not, the last skipped review cost us 3 days of rollback 💀",
		"\"\"\" ... ?!? “” ; : — – -",
		"a\u00a0b. c\u2028d",
		"Dr. . . Mr. 3-",
	} {
		checkSegments(t, text)
	}
}

func FuzzSplit(f *testing.F) {
	for _, s := range []string{
		"No. That won't work!", "Dr. Patel wants it Friday; fine.", "Wait... what?!",
		`She said "No. Not now." and left.`, "Hi Priya,\n\nNo.\n\nThanks,\nTomás",
		"Last year's sale crashed at 8,000 users and you were all over us for a week.",
		"See https://example.com/a.b?c=1. It's down.", "“”\"\n\n; : —",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		if !utf8.ValidString(text) {
			return
		}
		checkSegments(t, text)
	})
}

func BenchmarkSentenceSpans(b *testing.B) {
	text := strings.Repeat("Dr. Patel wants the payroll system live on the 1st; the parallel run showed 3% wrong. ", 12)
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for b.Loop() {
		SentenceSpans(text)
	}
}

func TestSplitLongInputs(t *testing.T) {
	// Inputs that once took quadratic time: each must split in well under
	// a second at the largest draft size.
	for _, unit := range []string{"a, ", "a; ", "x and we go ", "—", "é. ", "\"a. ", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\n", "é, é; é — é and we é. "} {
		text := strings.Repeat(unit, MaxChars/utf8.RuneCountInString(unit))
		start := time.Now()
		checkSegments(t, text)
		if d := time.Since(start); d > 2*time.Second {
			t.Errorf("%q x %d: %v", unit, MaxChars/len(unit), d)
		}
	}
}
