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

	"github.com/pushback/pushback/internal/draft"
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
	limits     *limits
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
	var err error
	if info.limits, err = parseLimits(raw); err != nil {
		return schemaInfo{}, fmt.Errorf("read input schema limits: %w", err)
	}
	return info, nil
}

// limits is what an input schema bounds (maxLength, maxItems,
// maxProperties, through properties, items and additionalProperties), read
// once when the tool is built, so every call is checked against the schema
// the client sees before any work starts.
type limits struct {
	maxLength, maxItems, maxProps int // -1: none
	props                         map[string]*limits
	items, additional             *limits
}

func parseLimits(raw json.RawMessage) (*limits, error) {
	var s struct {
		MaxLength  *int                       `json:"maxLength"`
		MaxItems   *int                       `json:"maxItems"`
		MaxProps   *int                       `json:"maxProperties"`
		Properties map[string]json.RawMessage `json:"properties"`
		Items      json.RawMessage            `json:"items"`
		Additional json.RawMessage            `json:"additionalProperties"`
	}
	if err := json.Unmarshal(raw, &s); err != nil {
		return nil, err
	}
	l := &limits{maxLength: -1, maxItems: -1, maxProps: -1}
	for _, kv := range []struct {
		p   *int
		dst *int
	}{{s.MaxLength, &l.maxLength}, {s.MaxItems, &l.maxItems}, {s.MaxProps, &l.maxProps}} {
		if kv.p != nil {
			*kv.dst = *kv.p
		}
	}
	for name, p := range s.Properties {
		sub, err := parseLimits(p)
		if err != nil {
			return nil, err
		}
		if l.props == nil {
			l.props = map[string]*limits{}
		}
		l.props[name] = sub
	}
	var err error
	if isSchemaObject(s.Items) {
		if l.items, err = parseLimits(s.Items); err != nil {
			return nil, err
		}
	}
	if isSchemaObject(s.Additional) {
		if l.additional, err = parseLimits(s.Additional); err != nil {
			return nil, err
		}
	}
	return l, nil
}

func isSchemaObject(raw json.RawMessage) bool {
	raw = bytes.TrimSpace(raw)
	return len(raw) > 0 && raw[0] == '{'
}

// check reports the first value past its limit, naming it (path) and the
// limit, as a *draft.LimitError.
func (l *limits) check(path string, v any) error {
	if l == nil {
		return nil
	}
	switch v := v.(type) {
	case string:
		if l.maxLength >= 0 && len(v) > l.maxLength { // bytes >= characters: count only then
			if n := utf8.RuneCountInString(v); n > l.maxLength {
				return &draft.LimitError{Field: fmt.Sprintf("argument %q", path), Got: n, Limit: l.maxLength, Unit: "characters"}
			}
		}
	case []any:
		if l.maxItems >= 0 && len(v) > l.maxItems {
			return &draft.LimitError{Field: fmt.Sprintf("argument %q", path), Got: len(v), Limit: l.maxItems, Unit: "items"}
		}
		for i, item := range v {
			if err := l.items.check(fmt.Sprintf("%s[%d]", path, i), item); err != nil {
				return err
			}
		}
	case map[string]any:
		if l.maxProps >= 0 && len(v) > l.maxProps {
			return &draft.LimitError{Field: fmt.Sprintf("argument %q", path), Got: len(v), Limit: l.maxProps, Unit: "fields"}
		}
		for _, k := range sortedKeys(v) {
			sub := l.additional
			if p, ok := l.props[k]; ok {
				sub = p
			}
			name := k
			if path != "" {
				name = path + "." + k
			}
			if err := sub.check(name, v[k]); err != nil {
				return err
			}
		}
	}
	return nil
}

// decodeArgs binds a tool call's arguments to dst, strictly: unknown
// arguments, wrong types, invalid enum values, missing required arguments,
// values past the schema's limits and text that is not valid UTF-8 are
// argErrors (limits: a *draft.LimitError) that name the argument and say
// what is accepted. The arguments are checked on the map mcp-go already
// decoded and bound from the raw JSON in one decoding.
func decodeArgs(req mcp.CallToolRequest, info schemaInfo, dst any) error {
	raw := req.Params.RawArguments
	if r, ok := req.Params.Arguments.(json.RawMessage); ok && len(raw) == 0 {
		raw = r
	}
	if t := bytes.TrimSpace(raw); len(t) == 0 || string(t) == "null" {
		raw = nil
	}
	notObject := argErrorf("arguments must be a JSON object with the fields %s", strings.Join(info.properties, ", "))
	var args map[string]any
	switch a := req.Params.Arguments.(type) {
	case nil:
		if raw != nil {
			return notObject
		}
		args = map[string]any{}
	case map[string]any:
		args = a
	case json.RawMessage:
		if raw == nil {
			args = map[string]any{}
			break
		}
		if err := json.Unmarshal(raw, &args); err != nil || args == nil {
			return notObject
		}
	default:
		return notObject
	}
	// JSON decoding would quietly replace invalid UTF-8 with U+FFFD and
	// change the user's text; refuse it instead.
	if raw != nil && !utf8.Valid(raw) {
		for _, k := range sortedKeys(args) {
			if s, ok := args[k].(string); ok && strings.ContainsRune(s, utf8.RuneError) {
				return argErrorf("argument %q is not valid UTF-8 text; re-encode it as UTF-8 and call again", k)
			}
		}
		return argErrorf("the arguments are not valid UTF-8 text; re-encode them as UTF-8 and call again")
	}
	for _, k := range sortedKeys(args) {
		if s, ok := args[k].(string); ok && !utf8.ValidString(s) {
			return argErrorf("argument %q is not valid UTF-8 text; re-encode it as UTF-8 and call again", k)
		}
		if !slices.Contains(info.properties, k) {
			return argErrorf("unknown argument %q; this tool accepts: %s", k, strings.Join(info.properties, ", "))
		}
	}
	for _, k := range info.required {
		if v, ok := args[k]; !ok || v == nil {
			return argErrorf("missing required argument %q", k)
		}
	}
	if err := info.limits.check("", args); err != nil {
		return err
	}
	if raw == nil {
		b, err := json.Marshal(args)
		if err != nil {
			return argErrorf("arguments cannot be encoded as JSON: %v", err)
		}
		raw = b
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
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
