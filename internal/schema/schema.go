// Package schema generates JSON Schemas from Go types with
// invopop/jsonschema. It is the one way pushback does it, so the MCP tool
// schemas, the CLI --json schemas, the eval report schema and the LLM's
// structured output all come out the same way from the same types.
package schema

import (
	"slices"

	"github.com/invopop/jsonschema"

	"github.com/pushback/pushback/internal/guide"
)

// Reflect returns the schema of v's type, definitions inlined (no $ref,
// which every MCP client and LLM endpoint understands), with the guide's
// enum descriptions on every property that uses one.
//
// Descriptions in `jsonschema:"..."` tags must escape their commas as `\\,`:
// invopop splits tags on bare commas (the server's tests guard this).
func Reflect(v any) *jsonschema.Schema {
	r := jsonschema.Reflector{DoNotReference: true, ExpandedStruct: true}
	s := r.Reflect(v)
	restoreEnumDescriptions(s)
	return s
}

// MaxEnumChars bounds an enum string: longer than any value, with room for
// the spaces and capitals the parsers forgive.
const MaxEnumChars = 32

// Bound gives every enum string without a maxLength one of MaxEnumChars,
// so that every string an input schema has is bounded (free text says its
// own maxLength in its tag). Tools run it on their input schemas, after any
// enum added by hand.
func Bound(s *jsonschema.Schema) {
	Walk(s, func(p *jsonschema.Schema) {
		if p.Type == "string" && len(p.Enum) > 0 && p.MaxLength == nil {
			n := uint64(MaxEnumChars)
			p.MaxLength = &n
		}
	})
}

// enumTypes are the guide's enums; their JSONSchema() methods carry the one
// description of each value set.
var enumTypes = []*jsonschema.Schema{
	guide.Audience("").JSONSchema(),
	guide.Stakes("").JSONSchema(),
	guide.Level("").JSONSchema(),
	guide.Matter("").JSONSchema(),
}

// restoreEnumDescriptions puts back the description of a guide enum on every
// property that uses one without a description of its own: invopop replaces
// a custom type's description with the (empty) field tag.
func restoreEnumDescriptions(s *jsonschema.Schema) {
	Walk(s, func(p *jsonschema.Schema) {
		if p.Description != "" || len(p.Enum) == 0 {
			return
		}
		for _, e := range enumTypes {
			if slices.Equal(p.Enum, e.Enum) {
				p.Description = e.Description
				return
			}
		}
	})
}

// Walk calls fn on s and every schema below it.
func Walk(s *jsonschema.Schema, fn func(*jsonschema.Schema)) {
	if s == nil {
		return
	}
	fn(s)
	if s.Properties != nil {
		for pair := s.Properties.Oldest(); pair != nil; pair = pair.Next() {
			Walk(pair.Value, fn)
		}
	}
	Walk(s.Items, fn)
	if ap := s.AdditionalProperties; ap != nil && ap != jsonschema.TrueSchema && ap != jsonschema.FalseSchema {
		Walk(ap, fn)
	}
}
