// Package prompts embeds the LLM and MCP prompt templates kept as files in
// this folder, so prompts are reviewed as text and shipped inside the binary.
package prompts

import "embed"

// FS holds every *.tmpl file in this folder.
//
//go:embed *.tmpl
var FS embed.FS
