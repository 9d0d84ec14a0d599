package rewrite

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/invopop/jsonschema"

	"github.com/pushback/pushback/internal/guide"
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
	f := newFakeOpenAI(t, "gpt-4o-mini", testDraft, reply{content: "{bad"}, jsonReply(t, goodRewrite(t)))
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
		{&Request{}, []string{"What you want to say, however blunt (up to 20000 characters).", "numbers, dates, amounts and names in the draft are kept automatically."}},
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
