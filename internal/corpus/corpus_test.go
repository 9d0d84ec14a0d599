package corpus

import (
	"bytes"
	"errors"
	"os"
	"reflect"
	"strings"
	"testing"

	"github.com/pushback/pushback/internal/guide"
)

func TestValidate(t *testing.T) {
	g := guide.Default()
	ok := Case{ID: "a", Label: Good, Stance: StancePushback, Level: guide.LevelMild, Audience: guide.AudienceClient,
		Stakes: guide.StakesLow, Family: "plain_good", Channel: "chat", Text: "Could we ship the core on Friday and the rest Tuesday?"}
	tests := []struct {
		name  string
		edit  func(*Case)
		error string // "" when valid
	}{
		{"valid good", func(*Case) {}, ""},
		{"valid bad", func(c *Case) { c.Label, c.Stance, c.AntiPattern = Bad, "", "confrontational" }, ""},
		{"bad with no anti-pattern named", func(c *Case) { c.Label, c.Stance = Bad, "" }, ""},
		{"no id", func(c *Case) { c.ID = " " }, "no id"},
		{"empty text", func(c *Case) { c.Text = "\n" }, "empty text"},
		{"unknown label", func(c *Case) { c.Label = "pass" }, "neither good nor bad"},
		{"good with anti-pattern", func(c *Case) { c.AntiPattern = "abdication" }, "no anti_pattern"},
		{"bad with stance", func(c *Case) { c.Label, c.AntiPattern = Bad, "abdication" }, "no stance"},
		{"unknown anti-pattern", func(c *Case) { c.Label, c.Stance, c.AntiPattern = Bad, "", "rudeness" }, "unknown anti_pattern"},
		{"unknown stance", func(c *Case) { c.Stance = "agree" }, "stance"},
		{"unknown family", func(c *Case) { c.Family = "misc" }, "family"},
		{"unknown channel", func(c *Case) { c.Channel = "fax" }, "channel"},
		{"unknown level", func(c *Case) { c.Level = "loud" }, "level"},
		{"unknown audience", func(c *Case) { c.Audience = "boss" }, "audience"},
		{"unknown stakes", func(c *Case) { c.Stakes = "huge" }, "stakes"},
		{"jab quoted from the text", func(c *Case) { c.Jabs = []string{"the rest Tuesday"} }, ""},
		{"jab not in the text", func(c *Case) { c.Jabs = []string{"the rest Monday"} }, "not quoted from the text"},
		{"empty jab", func(c *Case) { c.Jabs = []string{" "} }, "not quoted from the text"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := ok
			tt.edit(&c)
			err := Validate(c, g)
			switch {
			case tt.error == "" && err != nil:
				t.Fatalf("Validate: %v", err)
			case tt.error != "" && err == nil:
				t.Fatalf("Validate accepted %+v", c)
			case tt.error != "" && (!errors.Is(err, ErrInvalid) || !strings.Contains(err.Error(), tt.error)):
				t.Fatalf("Validate: %v; want ErrInvalid mentioning %q", err, tt.error)
			}
		})
	}
}

func TestReadRoundTrip(t *testing.T) {
	g := guide.Default()
	in := "// a comment\n" +
		`{"id":"x-1","label":"bad","anti_pattern":"dismissive_no","text":"No."}` + "\n\n" +
		`{"id":"x-2","writer":"w99","label":"good","stance":"let_it_go","stakes":"low","text":"Sure, Garamond it is."}` + "\n" +
		`{"id":"x-3","label":"bad","text":"Fine, whatever. It ships Friday.","jabs":["Fine, whatever."]}` + "\n"
	cs, err := Read(strings.NewReader(in), "x.jsonl", "legacy-x", g)
	if err != nil {
		t.Fatal(err)
	}
	if len(cs) != 3 || cs[0].Writer != "legacy-x" || cs[1].Writer != "w99" || len(cs[2].Jabs) != 1 {
		t.Fatalf("got %+v", cs)
	}
	var buf bytes.Buffer
	if err := Write(&buf, cs); err != nil {
		t.Fatal(err)
	}
	back, err := Read(&buf, "back", "", g)
	if err != nil || !reflect.DeepEqual(back, cs) {
		t.Fatalf("round trip: %v %+v", err, back)
	}
}

func TestReadErrors(t *testing.T) {
	g := guide.Default()
	tests := map[string]string{
		"not json":      "{",
		"unknown field": `{"id":"a","label":"good","text":"t","colour":"red"}`,
		"invalid case":  `{"id":"a","label":"meh","text":"t"}`,
	}
	for name, in := range tests {
		t.Run(name, func(t *testing.T) {
			if _, err := Read(strings.NewReader(in), "f.jsonl", "", g); err == nil || !strings.Contains(err.Error(), "f.jsonl:1") {
				t.Fatalf("err = %v, want one naming f.jsonl:1", err)
			}
		})
	}
}

// TestCorpus reads the checker's corpus as training will: every file valid,
// ids unique, both labels present; and the messages waiting to join it
// (evals/checker/waiting, when there are any) as valid.
func TestCorpus(t *testing.T) {
	if waiting() {
		if _, err := ReadDir(os.DirFS("../../evals/checker"), "waiting", guide.Default()); err != nil {
			t.Fatal(err)
		}
	}
	cs, err := ReadDir(os.DirFS("../../evals/checker"), "train", guide.Default())
	if err != nil {
		t.Fatal(err)
	}
	n := map[string]int{}
	for _, c := range cs {
		n[c.Label]++
	}
	if n[Good] == 0 || n[Bad] == 0 {
		t.Fatalf("labels %v", n)
	}
	t.Logf("%d cases: %v", len(cs), n)
}

// waiting reports whether messages wait to join the corpus
// (evals/checker/waiting holds none once they have joined).
func waiting() bool {
	_, err := os.Stat("../../evals/checker/waiting")
	return err == nil
}

func TestNearDuplicates(t *testing.T) {
	cs := []Case{
		{ID: "a", Text: "We can't ship Friday: QA needs two more days on the payment flow. Could we ship Tuesday instead?"},
		{ID: "b", Text: "We can't ship Friday: QA needs two more days on the payment flow. Could we ship Wednesday instead?"},
		{ID: "c", Text: "Sure, switching to Garamond now."},
		{ID: "d", Text: "Happy to move the stand-up to 10, it makes no difference to me."},
	}
	got := NearDuplicates(cs, 0.7)
	if len(got) != 1 || got[0].A != 0 || got[0].B != 1 {
		t.Fatalf("NearDuplicates = %+v, want only a~b", got)
	}
}

// TestCorpusHasNoNearDuplicates: the training corpus and the messages
// waiting to join it hold no two messages that are near copies of each
// other (0.8 of their word trigrams shared).
func TestCorpusHasNoNearDuplicates(t *testing.T) {
	var cs []Case
	dirs := []string{"train"}
	if waiting() {
		dirs = append(dirs, "waiting")
	}
	for _, dir := range dirs {
		got, err := ReadDir(os.DirFS("../../evals/checker"), dir, guide.Default())
		if err != nil {
			t.Fatal(err)
		}
		cs = append(cs, got...)
	}
	for _, p := range NearDuplicates(cs, 0.8) {
		t.Errorf("near-duplicates (%.2f): %s and %s", p.Jaccard, cs[p.A].ID, cs[p.B].ID)
	}
}

func TestScan(t *testing.T) {
	in := "// header\n" +
		`{"id":"a","text":"No."}` + "\n" +
		"\n" +
		`{"text":"Could we phase it?","audience":"client"}` + "\n" +
		`{"text":"x","colour":"red"}` + "\n" +
		`{"text":"one"}{"text":"two"}` + "\n" +
		`{"text": "unterminated` + "\n"
	type got struct {
		line int
		text string
		err  string
	}
	var gots []got
	err := Scan(strings.NewReader(in), func(n int, c Case, err error) error {
		g := got{line: n, text: c.Text}
		if err != nil {
			g.err = err.Error()
		}
		gots = append(gots, g)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	want := []got{
		{2, "No.", ""},
		{4, "Could we phase it?", ""},
		{5, "", `json: unknown field "colour"`},
		{6, "", "more than one JSON value on the line"},
		{7, "", "unexpected EOF"},
	}
	if len(gots) != len(want) {
		t.Fatalf("got %d lines %+v, want %d", len(gots), gots, len(want))
	}
	for i, w := range want {
		g := gots[i]
		if g.line != w.line || (w.err == "" && (g.err != "" || g.text != w.text)) || (w.err != "" && !strings.Contains(g.err, w.err)) {
			t.Errorf("line %d: got %+v, want %+v", i, g, w)
		}
	}
	stop := errors.New("stop")
	calls := 0
	if err := Scan(strings.NewReader(in), func(int, Case, error) error { calls++; return stop }); err != stop || calls != 1 {
		t.Errorf("Scan returned %v after %d calls; want fn's error after 1", err, calls)
	}
}
