package server

import (
	"encoding/json"
	"github.com/pushback/pushback/internal/check"
	"github.com/pushback/pushback/internal/decide"
	"github.com/pushback/pushback/internal/formula"
	"github.com/pushback/pushback/internal/rewrite"
	"github.com/pushback/pushback/internal/schema"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/pushback/pushback/internal/guide"
)

func TestTagDescription(t *testing.T) {
	cases := []struct{ tag, want string }{
		{"description=Plain.", "Plain."},
		{"minLength=1,description=A, b, and c.", "A, b, and c."},
		{"description=A, b,enum=x,enum=y", "A, b"},
		{`description=Escaped\, comma.`, "Escaped, comma."},
		{"enum=a,enum=b", ""},
		{"maxLength=20000,description=Upper bound (0 = none), in characters.,minimum=0", "Upper bound (0 = none), in characters."},
	}
	for _, tc := range cases {
		if got := tagDescription(tc.tag); got != tc.want {
			t.Errorf("tagDescription(%q) = %q, want %q", tc.tag, got, tc.want)
		}
	}
}

// TestNoCutDescriptions fails when a description in any tool's schema was
// cut at a bare comma in its jsonschema tag.
func TestNoCutDescriptions(t *testing.T) {
	types := []any{
		checkArgs{}, decideArgs{}, scenarioArgs{}, rewriteArgs{}, formula.Fields{}, decide.LevelInput{},
		check.Report{}, decide.Result{}, decide.LevelResult{}, formula.Result{}, rewrite.Result{},
	}
	for _, v := range types {
		cutDescriptions(schema.Reflect(v), reflect.TypeOf(v), func(field, tag, got string) {
			t.Errorf("%s: description cut to %q; escape the commas in its tag as \\\\, (want %q)", field, got, tag)
		})
	}
}

// TestCutDescriptionsCatchesBareCommas proves the guard above can fail.
func TestCutDescriptionsCatchesBareCommas(t *testing.T) {
	type inner struct {
		Note string `json:"note" jsonschema:"description=One, two."`
	}
	type args struct {
		Items []inner        `json:"items" jsonschema:"description=A list\\, of notes."`
		Who   guide.Audience `json:"who,omitempty"`
	}
	var cut []string
	cutDescriptions(schema.Reflect(&args{}), reflect.TypeOf(args{}), func(field, _, _ string) { cut = append(cut, field) })
	if !slices.Equal(cut, []string{"inner.note"}) {
		t.Errorf("cut descriptions = %v, want [inner.note]", cut)
	}
	raw, err := schemaFor(&args{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	var s struct {
		Properties map[string]struct {
			Description string `json:"description"`
		} `json:"properties"`
	}
	if err := json.Unmarshal(raw, &s); err != nil {
		t.Fatal(err)
	}
	if got := s.Properties["items"].Description; got != "A list, of notes." {
		t.Errorf("escaped comma: items description = %q", got)
	}
	if got := s.Properties["who"].Description; !strings.HasPrefix(got, "Who the message is addressed to") {
		t.Errorf("enum description not restored: %q", got)
	}
}
