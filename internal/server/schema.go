package server

import (
	"encoding/json"
	"fmt"

	"github.com/invopop/jsonschema"

	"github.com/pushback/pushback/internal/schema"
)

// schemaFor reflects the JSON Schema of v's type with invopop/jsonschema, so
// the schema a client sees and the struct the handler decodes into are one
// and the same. Definitions are inlined (no $ref), which every MCP client
// understands. edit, when not nil, adjusts the reflected schema (e.g. an
// enum that comes from guide data) before it is serialised.
func schemaFor(v any, edit func(*jsonschema.Schema)) (json.RawMessage, error) {
	return reflectSchema(v, edit, false)
}

// inputSchemaFor is schemaFor for what a tool takes: every string, array
// and object in it is bounded (schema.Bound), and decodeArgs enforces
// those bounds before the tool runs.
func inputSchemaFor(v any, edit func(*jsonschema.Schema)) (json.RawMessage, error) {
	return reflectSchema(v, edit, true)
}

func reflectSchema(v any, edit func(*jsonschema.Schema), input bool) (json.RawMessage, error) {
	s := schema.Reflect(v)
	// The MCP default dialect is 2020-12; an explicit $schema and a Go
	// package $id only add noise to every tools/list response.
	s.Version = ""
	s.ID = ""
	if edit != nil {
		edit(s)
	}
	if input {
		schema.Bound(s)
	}
	b, err := json.Marshal(s)
	if err != nil {
		return nil, fmt.Errorf("marshal schema for %T: %w", v, err)
	}
	return b, nil
}

// property returns the named property of an object schema, or nil.
func property(s *jsonschema.Schema, name string) *jsonschema.Schema {
	if s.Properties == nil {
		return nil
	}
	p, _ := s.Properties.Get(name)
	return p
}
