package server

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"slices"
	"sync"

	"github.com/mark3labs/mcp-go/mcp"

	"github.com/pushback/pushback/internal/rewrite"
)

// toolsJSON is what tools/list answers with the embedded guide and the
// offline rewrite engine: every tool's name, description, schemas and
// annotations, as built from the code. It lets a cold server list its tools
// before the guide is loaded and the schemas reflected (most of a cold
// start). TestToolsGolden builds the tools from the code and fails when
// this file differs; go test ./internal/server -update rewrites it.
//
//go:embed tools.json
var toolsJSON []byte

// toolDef is one tool as tools.json holds it.
type toolDef struct {
	Name         string             `json:"name"`
	Title        string             `json:"title"`
	Description  string             `json:"description"`
	InputSchema  json.RawMessage    `json:"inputSchema"`
	OutputSchema json.RawMessage    `json:"outputSchema"`
	Annotations  mcp.ToolAnnotation `json:"annotations"`
}

var embeddedTools = sync.OnceValues(func() ([]mcp.Tool, error) {
	var defs []toolDef
	if err := json.Unmarshal(toolsJSON, &defs); err != nil {
		return nil, fmt.Errorf("read tools.json: %w", err)
	}
	tools := make([]mcp.Tool, len(defs))
	for i, d := range defs {
		t := mcp.NewToolWithRawSchema(d.Name, d.Description, d.InputSchema)
		mcp.WithRawOutputSchema(d.OutputSchema)(&t)
		t.Title, t.Annotations = d.Title, d.Annotations
		tools[i] = t
	}
	return tools, nil
})

// earlyTools returns the tools to list before the server is built, when
// tools.json describes them: the embedded guide and the offline engine
// (the default, or --offline), filtered by opts.Tools. Otherwise nil: the
// descriptions depend on a guide or an engine only known once built.
func earlyTools(opts Options) ([]mcp.Tool, error) {
	if opts.Guide != nil || opts.RewriteEngine != nil {
		return nil, nil
	}
	if name, _, err := rewriteConfig(opts).Resolve(); err != nil || name != rewrite.EngineRules {
		return nil, nil
	}
	all, err := embeddedTools()
	if err != nil {
		return nil, err
	}
	var out []mcp.Tool
	for _, t := range all {
		if len(opts.Tools) == 0 || slices.Contains(opts.Tools, t.Name) {
			out = append(out, t)
		}
	}
	return out, nil
}
