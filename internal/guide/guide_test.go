package guide

import (
	"errors"
	"io/fs"
	"regexp"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
)

func TestDefaultLoads(t *testing.T) {
	g, err := Load(dataFS)
	if err != nil {
		t.Fatalf("embedded guide data: %v", err)
	}
	var good, bad int
	for _, e := range g.Examples {
		if e.Kind == "good" {
			good++
		} else {
			bad++
		}
	}
	if good < 9 || bad < 7 {
		t.Errorf("examples: %d good, %d bad; the documents have at least 9 good and 7 bad", good, bad)
	}
	for _, id := range []string{"dismissive_no", "passive_aggressive_agreement", "abdication", "aggressive_expert", "endless_debate", "objection_without_proposal", "passive_resistance", "hiding_limitation"} {
		if _, ok := g.AntiPattern(id); !ok {
			t.Errorf("anti-pattern %s missing", id)
		}
	}
}

func TestLoadRejectsBrokenData(t *testing.T) {
	tests := []struct {
		name  string
		files map[string]string
	}{
		{"syntax", map[string]string{"data/a.json": `{"sources": [`}},
		{"unknown field", map[string]string{"data/a.json": `{"sourcez": []}`}},
		{"duplicate key", map[string]string{"data/a.json": `{"sources": []}`, "data/b.json": `{"sources": []}`}},
		{"incomplete", map[string]string{"data/a.json": `{"sources": []}`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fsys := fstest.MapFS{}
			for name, body := range tt.files {
				fsys[name] = &fstest.MapFile{Data: []byte(body)}
			}
			if _, err := Load(fsys); err == nil {
				t.Fatal("Load accepted broken data")
			}
		})
	}
}

func TestParseEnums(t *testing.T) {
	tests := []struct {
		in      string
		want    Level
		wantErr bool
	}{
		{"", "", false},
		{"mild", LevelMild, false},
		{" Strong ", LevelStrong, false},
		{"ESCALATED", LevelEscalated, false},
		{"loud", "", true},
	}
	for _, tt := range tests {
		got, err := ParseLevel(tt.in)
		if (err != nil) != tt.wantErr || got != tt.want {
			t.Errorf("ParseLevel(%q) = %q, %v", tt.in, got, err)
		}
		if err != nil && !errors.Is(err, ErrUnknownValue) {
			t.Errorf("ParseLevel(%q) error %v does not wrap ErrUnknownValue", tt.in, err)
		}
	}
	if _, err := ParseAudience("board"); err == nil {
		t.Error("ParseAudience accepted board")
	}
	if got, _ := ParseStakes("critical"); got.Rank() != 4 {
		t.Errorf("critical rank = %d", got.Rank())
	}
}

func BenchmarkLoad(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Load(dataFS); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkDefaultLoad(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := load(dataFS, false); err != nil {
			b.Fatal(err)
		}
	}
}

func TestLoadRejectsBadPattern(t *testing.T) {
	files := fstest.MapFS{}
	for _, name := range mustGlob(t) {
		b, err := dataFS.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		files[name] = &fstest.MapFile{Data: b}
	}
	files["data/levels.json"].Data = []byte(strings.Replace(string(files["data/levels.json"].Data), `"cues": [`, `"cues": [{"pattern": "(unclosed"},`, 1))
	if _, err := Load(files); err == nil || !strings.Contains(err.Error(), "(unclosed") {
		t.Fatalf("Load with a broken cue pattern: err = %v", err)
	}
}

func mustGlob(t *testing.T) []string {
	t.Helper()
	names, err := fs.Glob(dataFS, "data/*.json")
	if err != nil || len(names) == 0 {
		t.Fatalf("glob: %v %v", names, err)
	}
	return names
}

func TestLongestExample(t *testing.T) {
	g := Default()
	long := g.LongestExample()
	if long.ID == "" || long.Text == "" {
		t.Fatal("no longest example")
	}
	for _, e := range g.Examples {
		if len(e.Text) > len(long.Text) {
			t.Errorf("%s (%d bytes) is longer than %s (%d bytes)", e.ID, len(e.Text), long.ID, len(long.Text))
		}
	}
}

// TestLoadRejectsBadStockLine: a stock line that misses its own example, or
// matches one of its not texts, stops the guide from loading.
func TestLoadRejectsBadStockLine(t *testing.T) {
	tests := map[string]struct{ old, new, want string }{
		"misses its example": {`"examples": ["I hear you."`, `"examples": ["I hear you.", "We hear you."`, `does not match its example "We hear you."`},
		"matches a not text": {`"not": ["I hear you wanting a launch on the 1st"`, `"not": ["I hear you."`, `matches "I hear you."`},
		"broken pattern":     {`"pattern": "\\bI (?:totally`, `"pattern": "(\\bI (?:totally`, "stock line hear_you"},
	}
	for name, tt := range tests {
		t.Run(name, func(t *testing.T) {
			files := fstest.MapFS{}
			for _, n := range mustGlob(t) {
				b, err := dataFS.ReadFile(n)
				if err != nil {
					t.Fatal(err)
				}
				files[n] = &fstest.MapFile{Data: b}
			}
			data := string(files["data/stock.json"].Data)
			if !strings.Contains(data, tt.old) {
				t.Fatalf("stock.json no longer holds %s", tt.old)
			}
			files["data/stock.json"].Data = []byte(strings.Replace(data, tt.old, tt.new, 1))
			if _, err := Load(files); err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("Load: err = %v, want one containing %q", err, tt.want)
			}
		})
	}
}

// TestFrameworkAsks: the documents' "deal outcomes" is asked only in a
// sale; elsewhere the general wording.
func TestFrameworkAsks(t *testing.T) {
	f := Default().Framework
	q := f.Questions[0]
	tests := []struct {
		situation string
		sale      bool
	}{
		{"The VP wants a full POC for the strategic account.", true},
		{"Our AE promised on-prem to the prospect.", true},
		{"Leadership wants the Q3 forecast to include the Acme deal.", true},
		{"A nurse on my ward wants to swap her Saturday night shift.", false},
		{"My colleague wants to merge the refactor before the holiday.", false},
		{"The client wants the full rebrand by Friday; see the ideal close date.", true},
		{"They sealed the envelope.", false}, // "se" inside a word, lower case
	}
	for _, tt := range tests {
		got := f.Asks(q, tt.situation)
		if (got == q.Question) != tt.sale || f.InSale(tt.situation) != tt.sale {
			t.Errorf("%q: asks %q, want the sale's wording: %v", tt.situation, got, tt.sale)
		}
	}
}

func TestStockFindAndBlank(t *testing.T) {
	s := &Default().Stock
	tests := []struct {
		text string
		want []string // the stock lines found, in order
	}{
		{"I hear you. But that's on you if it breaks. What do you think?", []string{"I hear you.", "What do you think?"}},
		{"I completely understand your frustration, and I appreciate you reaching out. The delay is your team's fault.", []string{"I completely understand your frustration, and I appreciate you reaching out."}},
		{"We're not shipping tonight with the auth bypass open.", nil},
		{"What do you think about moving it to Tuesday?", nil},
		{"I hear you wanting a launch on the 1st.", nil},
	}
	for _, tt := range tests {
		rs := s.Find(tt.text)
		var got []string
		for _, r := range rs {
			got = append(got, tt.text[r[0]:r[1]])
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("Find(%q) = %q, want %q", tt.text, got, tt.want)
		}
		blank, _ := s.Blank(tt.text)
		if len(blank) != len(tt.text) {
			t.Errorf("Blank(%q) changed the length", tt.text)
		}
		for _, w := range tt.want {
			if strings.Contains(blank, w) {
				t.Errorf("Blank(%q) kept %q", tt.text, w)
			}
		}
	}
}

func TestNormaliseID(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"client", "client"}, {" Client ", "client"}, {"Deal-Outcome", "deal_outcome"}, {"deal outcome", "deal_outcome"},
		{"OVERCOMMITTED_TEAM", "overcommitted_team"}, {"", ""},
	} {
		if got := NormaliseID(tt.in); got != tt.want {
			t.Errorf("NormaliseID(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	if a, err := ParseAudience(" Leadership"); err != nil || a != AudienceLeadership {
		t.Errorf("ParseAudience = %q, %v", a, err)
	}
	if _, err := ParseStakes("extreme"); !errors.Is(err, ErrUnknownValue) {
		t.Errorf("ParseStakes(extreme) = %v, want ErrUnknownValue", err)
	}
}

// TestFirmAdvice: every piece of advice that hands the decision back or
// asks the writer to go along with theirs has a firm version for a rule or
// an integrity matter (what the checker gives instead), and no firm
// version hands it back itself.
func TestFirmAdvice(t *testing.T) {
	g := Default()
	handsBack := regexp.MustCompile(`(?i)it's your call|accept their decision|support whichever|leave (?:them )?the decision|let them choose|commit fully`)
	for _, ap := range g.AntiPatterns {
		switch {
		case handsBack.MatchString(ap.Suggestion) && ap.FirmSuggestion == "":
			t.Errorf("%s: suggestion %q hands the decision back and has no firm_suggestion", ap.ID, ap.Suggestion)
		case handsBack.MatchString(ap.FirmSuggestion):
			t.Errorf("%s: firm_suggestion %q hands the decision back", ap.ID, ap.FirmSuggestion)
		}
	}
	for _, s := range g.Formula.Steps {
		switch {
		case handsBack.MatchString(s.Fix) && s.FirmFix == "":
			t.Errorf("step %s: fix %q hands the decision back and has no firm_fix", s.ID, s.Fix)
		case handsBack.MatchString(s.FirmFix):
			t.Errorf("step %s: firm_fix %q hands the decision back", s.ID, s.FirmFix)
		}
	}
}
