package server

import (
	"reflect"
	"strings"

	"github.com/invopop/jsonschema"
)

// invopop/jsonschema splits a `jsonschema:"..."` tag on unescaped commas,
// so a description written with a bare comma loses everything after it ("The
// level asked for, or the one ..." becomes "The level asked for"). Tags
// escape their commas (`\\,`); cutDescriptions finds any that do not, by
// comparing the generated schema with the tags of the Go types it came from.

// tagKeywords are the invopop keywords that may follow a description.
var tagKeywords = []string{
	"title", "description", "type", "enum", "default", "example", "examples", "required", "nullable",
	"minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf",
	"minLength", "maxLength", "pattern", "format", "readOnly", "writeOnly",
	"minItems", "maxItems", "uniqueItems", "minProperties", "maxProperties",
	"const", "oneof_required", "anyof_required", "oneof_type", "anyof_type",
}

// tagDescription returns the description in a jsonschema tag with its
// commas, or "" when the tag has none.
func tagDescription(tag string) string {
	i := strings.Index(tag, "description=")
	if i < 0 || (i > 0 && tag[i-1] != ',') {
		return ""
	}
	rest := tag[i+len("description="):]
	end := len(rest)
	for j := 0; j < len(rest); j++ {
		if rest[j] != ',' || (j > 0 && rest[j-1] == '\\') {
			continue
		}
		next := rest[j+1:]
		for _, k := range tagKeywords {
			if strings.HasPrefix(next, k+"=") || next == k {
				end = j
				break
			}
		}
		if end != len(rest) {
			break
		}
	}
	return strings.ReplaceAll(rest[:end], `\,`, ",")
}

// cutDescriptions walks t and s together and reports every description
// invopop cut short, as "Type.field".
func cutDescriptions(s *jsonschema.Schema, t reflect.Type, report func(field, tag, got string)) {
	for t != nil && t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if s == nil || t == nil {
		return
	}
	switch t.Kind() {
	case reflect.Slice, reflect.Array:
		cutDescriptions(s.Items, t.Elem(), report)
		return
	case reflect.Struct:
	default:
		return
	}
	for i := range t.NumField() {
		f := t.Field(i)
		if !f.IsExported() && !f.Anonymous {
			continue
		}
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		if name == "-" {
			continue
		}
		if f.Anonymous && name == "" {
			cutDescriptions(s, f.Type, report)
			continue
		}
		if name == "" {
			name = f.Name
		}
		p := property(s, name)
		if p == nil {
			continue
		}
		if d := tagDescription(f.Tag.Get("jsonschema")); d != "" && f.Tag.Get("jsonschema_description") == "" && p.Description != d {
			report(t.Name()+"."+name, d, p.Description)
		}
		cutDescriptions(p, f.Type, report)
	}
}
