package server

import (
	"encoding/json"
	"fmt"
	"slices"

	"github.com/invopop/jsonschema"

	"github.com/pushback/pushback/internal/guide"
)

// schemaFor reflects the JSON Schema of v's type with invopop/jsonschema, so
// the schema a client sees and the struct the handler decodes into are one
// and the same. Definitions are inlined (no $ref), which every MCP client
// understands. edit, when not nil, adjusts the reflected schema (e.g. an
// enum that comes from guide data) before it is serialised.
// reflector is how every tool schema is generated: inline, no $defs.
func reflector() *jsonschema.Reflector {
	return &jsonschema.Reflector{DoNotReference: true, ExpandedStruct: true}
}

func schemaFor(v any, edit func(*jsonschema.Schema)) (json.RawMessage, error) {
	s := reflector().Reflect(v)
	// The MCP default dialect is 2020-12; an explicit $schema and a Go
	// package $id only add noise to every tools/list response.
	s.Version = ""
	s.ID = ""
	restoreEnumDescriptions(s)
	if edit != nil {
		edit(s)
	}
	b, err := json.Marshal(s)
	if err != nil {
		return nil, fmt.Errorf("marshal schema for %T: %w", v, err)
	}
	return b, nil
}

// enumTypes are the guide's enums; their JSONSchema() methods carry the one
// description of each value set.
var enumTypes = []*jsonschema.Schema{
	guide.Audience("").JSONSchema(),
	guide.Stakes("").JSONSchema(),
	guide.Level("").JSONSchema(),
}

// restoreEnumDescriptions puts back the description of a guide enum on every
// property that uses one without a description of its own: invopop replaces
// a custom type's description with the (empty) field tag.
func restoreEnumDescriptions(s *jsonschema.Schema) {
	walkSchema(s, func(p *jsonschema.Schema) {
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

// walkSchema calls fn on s and every schema below it.
func walkSchema(s *jsonschema.Schema, fn func(*jsonschema.Schema)) {
	if s == nil {
		return
	}
	fn(s)
	if s.Properties != nil {
		for pair := s.Properties.Oldest(); pair != nil; pair = pair.Next() {
			walkSchema(pair.Value, fn)
		}
	}
	walkSchema(s.Items, fn)
	if ap := s.AdditionalProperties; ap != nil && ap != jsonschema.TrueSchema && ap != jsonschema.FalseSchema {
		walkSchema(ap, fn)
	}
}

// property returns the named property of an object schema, or nil.
func property(s *jsonschema.Schema, name string) *jsonschema.Schema {
	if s.Properties == nil {
		return nil
	}
	p, _ := s.Properties.Get(name)
	return p
}

// optional removes names from the object's required list: the fields a
// compact result leaves out, so one output schema fits both forms.
func optional(s *jsonschema.Schema, names ...string) {
	s.Required = slices.DeleteFunc(s.Required, func(r string) bool { return slices.Contains(names, r) })
}
