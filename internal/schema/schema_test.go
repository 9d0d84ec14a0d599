package schema

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/pushback/pushback/internal/guide"
)

func TestReflect(t *testing.T) {
	type inner struct {
		Level guide.Level `json:"level"`
	}
	type args struct {
		Who   guide.Audience `json:"who,omitempty"`
		Own   guide.Stakes   `json:"own" jsonschema:"description=My own words\\, kept."`
		Items []inner        `json:"items"`
	}
	b, err := json.Marshal(Reflect(&args{}))
	if err != nil {
		t.Fatal(err)
	}
	var s struct {
		Defs       map[string]any `json:"$defs"`
		Properties map[string]struct {
			Description string   `json:"description"`
			Enum        []string `json:"enum"`
			Items       struct {
				Properties map[string]struct {
					Description string `json:"description"`
				} `json:"properties"`
			} `json:"items"`
		} `json:"properties"`
	}
	if err := json.Unmarshal(b, &s); err != nil {
		t.Fatal(err)
	}
	tests := []struct{ name, got, wantPrefix string }{
		{"enum restored", s.Properties["who"].Description, guide.Audience("").JSONSchema().Description},
		{"own description kept, comma escaped", s.Properties["own"].Description, "My own words, kept."},
		{"nested enum restored", s.Properties["items"].Items.Properties["level"].Description, guide.Level("").JSONSchema().Description},
	}
	for _, tt := range tests {
		if !strings.HasPrefix(tt.got, tt.wantPrefix) {
			t.Errorf("%s: description %q, want prefix %q", tt.name, tt.got, tt.wantPrefix)
		}
	}
	if len(s.Properties["who"].Enum) != len(guide.Audiences) {
		t.Errorf("who enum = %v", s.Properties["who"].Enum)
	}
	if s.Defs != nil {
		t.Errorf("definitions not inlined: %v", s.Defs)
	}
}
