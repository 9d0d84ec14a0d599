package server

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/mark3labs/mcp-go/mcp"
)

// argError is a mistake in a tool call's arguments. Its text tells the
// calling model how to fix the call.
type argError struct{ msg string }

func (e *argError) Error() string { return e.msg }

func argErrorf(format string, args ...any) error {
	return &argError{msg: fmt.Sprintf(format, args...)}
}

// schemaInfo is what decoding needs to know about an input schema.
type schemaInfo struct {
	properties []string // in schema order
	required   []string
}

func parseSchemaInfo(raw json.RawMessage) (schemaInfo, error) {
	var s struct {
		Properties json.RawMessage `json:"properties"`
		Required   []string        `json:"required"`
	}
	if err := json.Unmarshal(raw, &s); err != nil {
		return schemaInfo{}, fmt.Errorf("read input schema: %w", err)
	}
	info := schemaInfo{required: s.Required}
	if len(s.Properties) > 0 {
		dec := json.NewDecoder(bytes.NewReader(s.Properties))
		if _, err := dec.Token(); err != nil { // {
			return schemaInfo{}, fmt.Errorf("read input schema properties: %w", err)
		}
		for dec.More() {
			tok, err := dec.Token()
			if err != nil {
				return schemaInfo{}, fmt.Errorf("read input schema properties: %w", err)
			}
			info.properties = append(info.properties, tok.(string))
			var skip json.RawMessage
			if err := dec.Decode(&skip); err != nil {
				return schemaInfo{}, fmt.Errorf("read input schema properties: %w", err)
			}
		}
	}
	return info, nil
}

// decodeArgs binds a tool call's arguments to dst, strictly: unknown
// arguments, wrong types, invalid enum values, missing required arguments
// and text that is not valid UTF-8 are argErrors that name the argument and
// say what is accepted.
func decodeArgs(req mcp.CallToolRequest, info schemaInfo, dst any) error {
	raw := req.GetRawArguments()
	var args map[string]any
	switch a := raw.(type) {
	case nil:
		args = map[string]any{}
	case map[string]any:
		args = a
	case json.RawMessage:
		if len(bytes.TrimSpace(a)) == 0 || string(bytes.TrimSpace(a)) == "null" {
			args = map[string]any{}
			break
		}
		if err := json.Unmarshal(a, &args); err != nil || args == nil {
			return argErrorf("arguments must be a JSON object with the fields %s", strings.Join(info.properties, ", "))
		}
	default:
		return argErrorf("arguments must be a JSON object with the fields %s", strings.Join(info.properties, ", "))
	}
	// JSON encoding would quietly replace invalid UTF-8 with U+FFFD and
	// change the user's text; refuse it instead.
	for _, k := range sortedKeys(args) {
		if s, ok := args[k].(string); ok && !utf8.ValidString(s) {
			return argErrorf("argument %q is not valid UTF-8 text; re-encode it as UTF-8 and call again", k)
		}
	}
	for _, k := range sortedKeys(args) {
		if !slices.Contains(info.properties, k) {
			return argErrorf("unknown argument %q; this tool accepts: %s", k, strings.Join(info.properties, ", "))
		}
	}
	for _, k := range info.required {
		if v, ok := args[k]; !ok || v == nil {
			return argErrorf("missing required argument %q", k)
		}
	}
	b, err := json.Marshal(args)
	if err != nil {
		return argErrorf("arguments cannot be encoded as JSON: %v", err)
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(dst); err != nil && !errors.Is(err, io.EOF) {
		var te *json.UnmarshalTypeError
		if errors.As(err, &te) {
			return argErrorf("argument %q must be %s, not %s", argPath(te.Field), jsonKind(te.Type.Kind().String()), te.Value)
		}
		return argErrorf("%s", strings.TrimPrefix(err.Error(), "json: "))
	}
	return nil
}

// argPath drops the Go names of embedded structs from a decoding error's
// field path ("Input.draft" -> "draft"); argument names are lower case.
func argPath(field string) string {
	parts := strings.Split(field, ".")
	kept := parts[:0]
	for _, p := range parts {
		if p != "" && !unicode.IsUpper([]rune(p)[0]) {
			kept = append(kept, p)
		}
	}
	return strings.Join(kept, ".")
}

// jsonKind names a Go kind the way a JSON Schema does.
func jsonKind(kind string) string {
	switch kind {
	case "string":
		return "a string"
	case "bool":
		return "a boolean"
	case "int", "int64", "int32", "float64", "float32":
		return "a number"
	case "slice", "array":
		return "an array"
	case "map", "struct":
		return "an object"
	}
	return kind
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
