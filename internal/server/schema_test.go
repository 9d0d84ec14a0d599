package server

import (
	"encoding/json"
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

func TestSchemaKeepsWholeDescriptions(t *testing.T) {
	type inner struct {
		Note string `json:"note" jsonschema:"description=One, two, three."`
	}
	type embedded struct {
		Who guide.Audience `json:"who,omitempty"`
		Why string         `json:"why" jsonschema:"minLength=1,description=Because, well, reasons.,maxLength=9"`
	}
	type args struct {
		embedded
		Items []inner `json:"items" jsonschema:"description=A list, of notes."`
	}
	raw, err := schemaFor(&args{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	var s struct {
		Properties map[string]struct {
			Description string `json:"description"`
			MaxLength   int    `json:"maxLength"`
			Items       struct {
				Properties map[string]struct {
					Description string `json:"description"`
				} `json:"properties"`
			} `json:"items"`
		} `json:"properties"`
	}
	if err := json.Unmarshal(raw, &s); err != nil {
		t.Fatal(err)
	}
	if got := s.Properties["why"]; got.Description != "Because, well, reasons." || got.MaxLength != 9 {
		t.Errorf("why = %+v", got)
	}
	if got := s.Properties["items"].Description; got != "A list, of notes." {
		t.Errorf("items description = %q", got)
	}
	if got := s.Properties["items"].Items.Properties["note"].Description; got != "One, two, three." {
		t.Errorf("nested note description = %q", got)
	}
	if got := s.Properties["who"].Description; !strings.HasPrefix(got, "Who the message is addressed to") {
		t.Errorf("enum description not restored: %q", got)
	}
}
