package eval

import (
	"errors"
	"io/fs"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/pushback/pushback/evals"
	"github.com/pushback/pushback/internal/check"
	"github.com/pushback/pushback/internal/guide"
)

func loadEmbedded(t *testing.T) *Data {
	t.Helper()
	d, err := Load(evals.FS, guide.Default())
	if err != nil {
		t.Fatalf("load embedded eval data: %v", err)
	}
	return d
}

func testChecker(t testing.TB) *check.Checker {
	t.Helper()
	chk, err := check.New(guide.Default())
	if err != nil {
		t.Fatalf("checker: %v", err)
	}
	return chk
}

// Every good and bad example of the documents is an eval case, referenced by
// id, and resolves to a complete case.
func TestEveryExampleIsACase(t *testing.T) {
	d := loadEmbedded(t)
	byExample := map[string]Case{}
	for _, c := range d.Cases {
		if c.Example != "" {
			byExample[c.Example] = c
		}
	}
	for _, ex := range guide.Default().Examples {
		t.Run(ex.ID, func(t *testing.T) {
			c, ok := byExample[ex.ID]
			if !ok {
				t.Fatalf("no case references example %s", ex.ID)
			}
			switch ex.Kind {
			case "bad":
				if c.Draft != ex.Text {
					t.Errorf("draft = %q, want the bad example's text", c.Draft)
				}
				if c.Reference == "" || c.Reference == ex.Text {
					t.Errorf("a bad example's case needs its own reference answer")
				}
			case "good":
				if c.Reference != ex.Text {
					t.Errorf("reference = %q, want the good example's text", c.Reference)
				}
				if c.Draft == "" || c.Draft == ex.Text {
					t.Errorf("a good example's case needs its own blunt draft")
				}
			}
			if c.Situation != ex.Situation || c.Audience != ex.Audience || c.Stakes != ex.Stakes {
				t.Errorf("situation/audience/stakes not inherited: %+v", c)
			}
			if c.ExpectedLevel() == "" {
				t.Errorf("no expected level")
			}
			for _, tag := range []string{"audience:" + string(ex.Audience), "scenario:" + ex.Scenario} {
				if !contains(c.Tags, tag) {
					t.Errorf("tags %v lack %s", c.Tags, tag)
				}
			}
			if ex.AntiPattern != "" && !contains(c.Tags, "anti_pattern:"+ex.AntiPattern) {
				t.Errorf("tags %v lack the anti-pattern", c.Tags)
			}
		})
	}
}

// The references we wrote (and the documents' good examples) pass the
// checker at the case's level and keep the facts: the bar a rewrite is held
// to must itself be reachable.
func TestReferencesPassAndKeepFacts(t *testing.T) {
	d := loadEmbedded(t)
	chk := testChecker(t)
	for _, c := range d.Cases {
		if c.Reference == "" {
			continue
		}
		t.Run(c.ID, func(t *testing.T) {
			r, err := chk.Check(caseInput(c, c.Reference))
			if err != nil {
				t.Fatal(err)
			}
			if !r.Pass {
				t.Errorf("reference fails the checker (score %d): %s", r.Score, failureReason(r))
			}
			for _, f := range c.Facts {
				if !strings.Contains(c.Reference, f) {
					t.Errorf("reference lacks fact %q", f)
				}
			}
			dr, err := chk.Check(caseInput(c, c.Draft))
			if err != nil {
				t.Fatal(err)
			}
			if dr.Score >= r.Score {
				t.Errorf("blunt draft scores %d, not below the reference's %d", dr.Score, r.Score)
			}
		})
	}
}

func TestLoadErrors(t *testing.T) {
	good := `{"cases":[{"id":"a","draft":"No, that won't work.","level":"moderate"}]}`
	tests := []struct {
		name  string
		files map[string]string
		want  string
	}{
		{"malformed", map[string]string{"rewrite/x.json": `{"cases":[`}, "parse rewrite/x.json"},
		{"unknown field", map[string]string{"rewrite/x.json": `{"cases":[{"id":"a","draft":"x","colour":"red"}]}`}, `unknown field "colour"`},
		{"unknown example", map[string]string{"rewrite/x.json": `{"cases":[{"id":"a","example":"nope"}]}`}, `unknown example "nope"`},
		{"no draft", map[string]string{"rewrite/x.json": `{"cases":[{"id":"a","situation":"s"}]}`}, "missing draft"},
		{"no id", map[string]string{"rewrite/x.json": `{"cases":[{"draft":"x"}]}`}, "missing id"},
		{"bad level", map[string]string{"rewrite/x.json": `{"cases":[{"id":"a","draft":"x","level":"shouty"}]}`}, "shouty"},
		{"fact not in draft", map[string]string{"rewrite/x.json": `{"cases":[{"id":"a","draft":"No.","facts":["Q3"]}]}`}, `fact "Q3" is not in the draft`},
		{"duplicate id", map[string]string{"rewrite/x.json": good, "rewrite/y.json": good}, `case id "a" is also in rewrite/x.json`},
		{"bad label", map[string]string{"checker/firstsight/s.jsonl": `{"id":"h","text":"t","label":"maybe"}`}, `checker/firstsight/s.jsonl:1`},
		{"bad canary", map[string]string{"canaries.json": `{"canaries":[{"id":"c","pattern":"("}]}`}, `canary "c"`},
		{"bad thresholds", map[string]string{"thresholds.json": `{"min_acu":1}`}, `unknown field "min_acu"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fsys := fstest.MapFS{}
			for n, b := range tt.files {
				fsys[n] = &fstest.MapFile{Data: []byte(b)}
			}
			_, err := Load(fsys, guide.Default())
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("err = %v, want one containing %q", err, tt.want)
			}
		})
	}
	t.Run("empty fs is fine", func(t *testing.T) {
		d, err := Load(fstest.MapFS{}, guide.Default())
		if err != nil || len(d.Cases) != 0 || d.Thresholds.Margin != 10 {
			t.Fatalf("Load(empty) = %+v, %v", d, err)
		}
	})
	t.Run("embedded", func(t *testing.T) {
		if _, err := fs.Stat(evals.FS, "rewrite/documents.json"); errors.Is(err, fs.ErrNotExist) {
			t.Fatal("documents.json is not embedded")
		}
	})
}
