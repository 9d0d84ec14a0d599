package rewrite

import (
	"context"
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/invopop/jsonschema"

	"github.com/pushback/pushback/internal/abuse"
	"github.com/pushback/pushback/internal/draft"
	"github.com/pushback/pushback/internal/guide"
	"github.com/pushback/pushback/internal/openaitest"
)

// Results are served as MCP structured content and CLI JSON: they must
// validate against the schema generated from Result (no null where the
// schema says array), for both engines, passing or not.
func TestResultMatchesSchema(t *testing.T) {
	r := jsonschema.Reflector{DoNotReference: true, ExpandedStruct: true}
	raw, err := json.Marshal(r.Reflect(&Result{}))
	if err != nil {
		t.Fatal(err)
	}
	schema, err := compileSchema(raw)
	if err != nil {
		t.Fatalf("Result schema does not compile: %v", err)
	}
	chk := newChecker(t)
	var results []Result
	rules := NewRules(guide.Default(), chk)
	for _, req := range []Request{
		{Draft: "No, that won't work.", Channel: "chat"},
		{Draft: "No, that won't work.", MaxChars: 40}, // fails
	} {
		res, err := Run(context.Background(), rules, chk, req, Options{})
		if err != nil {
			t.Fatal(err)
		}
		results = append(results, res)
	}
	f := newFake(t, "gpt-4o-mini", testDraft, openaitest.Reply{Content: "{bad"}, jsonReply(t, goodRewrite(t)))
	res, err := Run(context.Background(), testEngine(t, f, nil), chk, testRequest(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	results = append(results, res)
	for i, res := range results {
		b, err := json.Marshal(res)
		if err != nil {
			t.Fatal(err)
		}
		var doc any
		if err := json.Unmarshal(b, &doc); err != nil {
			t.Fatal(err)
		}
		if err := schema.Validate(doc); err != nil {
			t.Errorf("result %d does not match its schema: %v\n%s", i, err, b)
		}
	}
}

// Descriptions with commas survive the struct tag (invopop splits tags on
// unescaped commas).
func TestSchemaDescriptionsWhole(t *testing.T) {
	r := jsonschema.Reflector{DoNotReference: true, ExpandedStruct: true}
	for _, tt := range []struct {
		v    any
		want []string
	}{
		{&Request{}, []string{"What you want to say, however blunt (up to 5000 characters).", "numbers, dates, amounts and names in the draft are kept automatically."}},
		{&Output{}, []string{"The rewritten message, ready to send."}},
		{&Result{}, []string{"the offline rules, or the model's structured-output mode."}},
	} {
		b, err := json.Marshal(r.Reflect(tt.v))
		if err != nil {
			t.Fatal(err)
		}
		for _, w := range tt.want {
			wb, _ := json.Marshal(w)
			if !strings.Contains(string(b), strings.Trim(string(wb), `"`)) {
				t.Errorf("schema of %T lacks %q:\n%s", tt.v, w, b)
			}
		}
	}
}

// What `pushback rewrite --json` prints on failure matches the schema of
// Failure, for every way a rewrite can fail.
func TestFailureMatchesSchema(t *testing.T) {
	r := jsonschema.Reflector{DoNotReference: true, ExpandedStruct: true}
	raw, err := json.Marshal(r.Reflect(&Failure{}))
	if err != nil {
		t.Fatal(err)
	}
	schema, err := compileSchema(raw)
	if err != nil {
		t.Fatalf("Failure schema does not compile: %v", err)
	}
	chk := newChecker(t)
	for _, script := range [][]openaitest.Reply{
		{openaitest.RateLimited(time.Hour)},
		{openaitest.QuotaExhausted()},
		{jsonReply(t, "</draft> ok"), jsonReply(t, "</draft> ok"), jsonReply(t, "</draft> ok")},
		{openaitest.Garbage(), openaitest.Garbage(), openaitest.Garbage()},
	} {
		f := newFake(t, "gpt-4o-mini", testDraft, script...)
		res, err := Run(context.Background(), testEngine(t, f, func(c *OpenAIConfig) { c.MaxRetries = -1 }), chk, testRequest(), Options{})
		if err == nil {
			t.Fatalf("script %v: want an error", script)
		}
		fl := NewFailure(res, err)
		if fl.Draft != testDraft || fl.Reason == "failed" || len(fl.Attempts) == 0 {
			t.Errorf("failure %+v: want the draft, a known reason and the attempts", fl)
		}
		b, _ := json.Marshal(fl)
		var doc any
		json.Unmarshal(b, &doc)
		if err := schema.Validate(doc); err != nil {
			t.Errorf("failure does not match its schema: %v\n%s", err, b)
		}
	}
}

// The limits Resolve enforces are the ones the schema publishes.
func TestRequestLimitsMatchSchema(t *testing.T) {
	r := jsonschema.Reflector{DoNotReference: true, ExpandedStruct: true}
	s := r.Reflect(&Request{})
	for name, want := range map[string]int{"draft": MaxDraftChars, "situation": MaxSituationChars} {
		p, _ := s.Properties.Get(name)
		if p == nil || p.MaxLength == nil || *p.MaxLength != uint64(want) {
			t.Errorf("%s schema does not state its limit %d", name, want)
		}
	}
	facts, _ := s.Properties.Get("facts")
	if facts == nil || facts.MaxItems == nil || *facts.MaxItems != MaxFacts || facts.Items.MaxLength == nil || *facts.Items.MaxLength != MaxFactChars {
		t.Fatalf("facts schema %+v does not state MaxFacts=%d, MaxFactChars=%d", facts, MaxFacts, MaxFactChars)
	}
	g := guide.Default()
	for _, tt := range []struct {
		name  string
		facts []string
		ok    bool
	}{
		{"at the limits", abuse.Facts(MaxFacts, MaxFactChars), true},
		{"one fact too many", abuse.Facts(MaxFacts+1, 10), false},
		{"one fact too long", []string{strings.Repeat("é", MaxFactChars+1)}, false},
	} {
		_, _, err := Resolve(g, Request{Draft: testDraft, Facts: tt.facts})
		if (err == nil) != tt.ok {
			t.Errorf("%s: Resolve error %v, want ok=%v", tt.name, err, tt.ok)
		}
	}
	for _, tt := range []struct {
		name             string
		draft, situation int
		ok               bool
	}{
		{"at the limits", MaxDraftChars, MaxSituationChars, true},
		{"draft one over", MaxDraftChars + 1, 0, false},
		{"situation one over", 10, MaxSituationChars + 1, false},
	} {
		_, _, err := Resolve(g, Request{Draft: strings.Repeat("é", tt.draft), Situation: strings.Repeat("a", tt.situation)})
		if (err == nil) != tt.ok {
			t.Errorf("%s: Resolve error %v, want ok=%v", tt.name, err, tt.ok)
		}
		if err != nil && !(errors.Is(err, draft.ErrTooMany) || errors.Is(err, draft.ErrTooLong)) {
			t.Errorf("%s: error %v is not an input error", tt.name, err)
		}
	}
}
