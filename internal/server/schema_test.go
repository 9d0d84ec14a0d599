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
		checkArgs{}, decideArgs{}, scenarioArgs{}, formulaArgs{}, rewriteArgs{}, formula.Fields{}, decide.LevelInput{},
		checkLean{}, decideLean{}, renderLean{}, rewriteLean{},
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
	if got := s.Properties["who"].Description; got != guide.Audience("").JSONSchema().Description {
		t.Errorf("enum description not restored: %q", got)
	}
}

// TestFillArrays: a null where the output schema says array becomes [] at
// any depth, so a result validates against its own schema; everything else
// is left as encoded.
func TestFillArrays(t *testing.T) {
	arr := map[string]any{"type": "array"}
	tests := []struct {
		name   string
		schema map[string]any
		in     string
		want   string
	}{
		{"top-level", map[string]any{"properties": map[string]any{"a": arr}}, `{"a":null}`, `{"a":[]}`},
		{"nested object", map[string]any{"properties": map[string]any{"o": map[string]any{"type": "object", "properties": map[string]any{"b": arr}}}}, `{"o":{"b":null,"c":1}}`, `{"o":{"b":[],"c":1}}`},
		{"array of objects", map[string]any{"properties": map[string]any{"xs": map[string]any{"type": "array", "items": map[string]any{"properties": map[string]any{"b": arr}}}}}, `{"xs":[{"b":null},{"b":[1]}]}`, `{"xs":[{"b":[]},{"b":[1]}]}`},
		{"null object stays null", map[string]any{"properties": map[string]any{"o": map[string]any{"properties": map[string]any{"b": arr}}}}, `{"o":null}`, `{"o":null}`},
		{"the word null in a string", map[string]any{"properties": map[string]any{"s": map[string]any{"type": "string"}, "a": arr}}, `{"s":"null and void","a":[2]}`, `{"a":[2],"s":"null and void"}`},
		{"not in the schema", map[string]any{"properties": map[string]any{}}, `{"z":null}`, `{"z":null}`},
	}
	for _, tt := range tests {
		var m object
		if err := json.Unmarshal([]byte(tt.in), &m); err != nil {
			t.Fatal(err)
		}
		fillArrays(tt.schema, m)
		got, err := json.Marshal(m)
		if err != nil {
			t.Fatal(err)
		}
		if string(got) != tt.want {
			t.Errorf("%s: %s, want %s", tt.name, got, tt.want)
		}
	}
}
