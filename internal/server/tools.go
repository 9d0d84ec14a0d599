package server

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"

	"github.com/invopop/jsonschema"
	"github.com/mark3labs/mcp-go/mcp"
	mcpserver "github.com/mark3labs/mcp-go/server"

	"github.com/pushback/pushback/internal/draft"
	"github.com/pushback/pushback/internal/formula"
	"github.com/pushback/pushback/internal/guide"
)

// tool is one MCP tool with its handler.
type tool struct {
	def     mcp.Tool
	handler mcpserver.ToolHandlerFunc
	// llm is true for tools that may call a language model; --offline
	// changes or leaves them out.
	llm bool
}

// spec describes a tool whose arguments bind to In.
type spec[In any] struct {
	name, title, description string
	// closedWorld, idempotent: the annotations that differ between tools;
	// every tool here is read-only and non-destructive.
	closedWorld, idempotent bool
	llm                     bool
	// out is a value of the compact result type; its schema, made lean
	// (leanSchema), is the outputSchema.
	out    any
	editIn func(*jsonschema.Schema)
	run    func(ctx context.Context, req mcp.CallToolRequest, in *In) (structured any, text string, err error)
}

// build turns a spec into a tool: schemas reflected from the Go types, the
// annotations set explicitly, and a handler that answers every mistake in a
// call as a tool error the calling model can act on.
func build[In any](log *slog.Logger, s spec[In]) (tool, error) {
	in, err := inputSchemaFor(new(In), s.editIn)
	if err != nil {
		return tool{}, fmt.Errorf("tool %s: input schema: %w", s.name, err)
	}
	out, err := schemaFor(s.out, leanSchema)
	if err != nil {
		return tool{}, fmt.Errorf("tool %s: output schema: %w", s.name, err)
	}
	info, err := parseSchemaInfo(in)
	if err != nil {
		return tool{}, fmt.Errorf("tool %s: %w", s.name, err)
	}
	var outSchema map[string]any
	if err := json.Unmarshal(out, &outSchema); err != nil {
		return tool{}, fmt.Errorf("tool %s: read output schema: %w", s.name, err)
	}
	def := mcp.NewToolWithRawSchema(s.name, s.description, in)
	mcp.WithRawOutputSchema(out)(&def)
	def.Title = s.title
	def.Annotations = mcp.ToolAnnotation{
		Title:           s.title,
		ReadOnlyHint:    mcp.ToBoolPtr(true),
		DestructiveHint: mcp.ToBoolPtr(false),
		IdempotentHint:  mcp.ToBoolPtr(s.idempotent),
		OpenWorldHint:   mcp.ToBoolPtr(!s.closedWorld),
	}
	handler := func(ctx context.Context, req mcp.CallToolRequest) (*mcp.CallToolResult, error) {
		var args In
		if err := decodeArgs(req, info, &args); err != nil {
			return mcp.NewToolResultError(err.Error()), nil
		}
		v, text, err := s.run(ctx, req, &args)
		if err != nil {
			return toolError(ctx, log, s.name, err), nil
		}
		structured, err := structure(v, outSchema)
		if err != nil {
			return toolError(ctx, log, s.name, err), nil
		}
		return mcp.NewToolResultStructured(structured, text), nil
	}
	return tool{def: def, handler: handler, llm: s.llm}, nil
}

// toolError turns a failure into a tool error. Input mistakes keep their own
// message, which says how to fix the call; anything else is logged and
// reported as a fault of this server, so the model does not retry blindly.
func toolError(ctx context.Context, log *slog.Logger, name string, err error) *mcp.CallToolResult {
	var rf *rewriteFailure
	switch {
	case isInputError(err):
		return mcp.NewToolResultError(err.Error())
	case errors.As(err, &rf):
		log.WarnContext(ctx, "rewrite did not finish", "tool", name, "reason", rf.Reason, "err", err)
		return rf.result()
	case errors.Is(err, context.Canceled), errors.Is(err, context.DeadlineExceeded):
		return mcp.NewToolResultError(fmt.Sprintf("%s was cancelled or timed out: %v", name, err))
	}
	log.ErrorContext(ctx, "tool failed", "tool", name, "err", err)
	return mcp.NewToolResultError(fmt.Sprintf("%s failed inside pushback (not a problem with your arguments): %v", name, err))
}

// isInputError reports whether err is a mistake in the caller's arguments,
// which the caller can fix.
func isInputError(err error) bool {
	var ae *argError
	return errors.As(err, &ae) ||
		errors.Is(err, guide.ErrUnknownValue) ||
		errors.Is(err, draft.ErrEmpty) ||
		errors.Is(err, draft.ErrTooLong) ||
		errors.Is(err, draft.ErrTooMany) ||
		errors.Is(err, draft.ErrInvalidUTF8) ||
		errors.Is(err, formula.ErrMissingField) ||
		errors.Is(err, formula.ErrInvalidField) ||
		errors.Is(err, formula.ErrPhrase) ||
		errors.Is(err, formula.ErrAudience) ||
		errors.Is(err, formula.ErrUnknownScenario)
}

// object is a JSON object whose values stay encoded: results are encoded
// once, and only what compaction or null-filling touches is decoded again
// (decoding whole results into maps was a fifth of a check_draft call).
type object = map[string]json.RawMessage

// structure turns a result into the JSON sent as structuredContent,
// encoded once. Arrays the schema declares are never null, so a result
// always validates against its own outputSchema: only a result that holds a
// null is decoded (shallowly) to fill them.
func structure(v any, schema map[string]any) (any, error) {
	b, err := json.Marshal(v)
	if err != nil {
		return nil, fmt.Errorf("encode result: %w", err)
	}
	if !bytes.Contains(b, nullJSON) {
		return json.RawMessage(b), nil
	}
	var m object
	if err := json.Unmarshal(b, &m); err != nil {
		return nil, fmt.Errorf("encode result as an object: %w", err)
	}
	fillArrays(schema, m)
	return m, nil
}

var nullJSON = []byte("null")

// fillArrays replaces null where schema says array with an empty array,
// through objects and arrays of objects; values with no null in them are
// left encoded as they are.
func fillArrays(schema map[string]any, m object) {
	props, _ := schema["properties"].(map[string]any)
	for name, ps := range props {
		p, _ := ps.(map[string]any)
		if raw, ok := m[name]; ok && p != nil && bytes.Contains(raw, nullJSON) {
			m[name] = fillRaw(p, raw)
		}
	}
}

func fillRaw(p map[string]any, raw json.RawMessage) json.RawMessage {
	if !bytes.Contains(raw, nullJSON) {
		return raw
	}
	if p["type"] == "array" {
		if bytes.Equal(bytes.TrimSpace(raw), nullJSON) {
			return json.RawMessage("[]")
		}
		items, _ := p["items"].(map[string]any)
		var arr []json.RawMessage
		if items == nil || json.Unmarshal(raw, &arr) != nil {
			return raw
		}
		for i := range arr {
			arr[i] = fillRaw(items, arr[i])
		}
		if b, err := json.Marshal(arr); err == nil {
			return b
		}
		return raw
	}
	if _, ok := p["properties"].(map[string]any); !ok {
		return raw
	}
	var obj object
	if json.Unmarshal(raw, &obj) != nil || obj == nil { // not an object, or null
		return raw
	}
	fillArrays(p, obj)
	if b, err := json.Marshal(obj); err == nil {
		return b
	}
	return raw
}
