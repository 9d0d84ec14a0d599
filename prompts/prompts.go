// Package prompts embeds the LLM and MCP prompt templates kept as files in
// this folder (Go text/template), so prompts are reviewed as text and ship
// inside the binary: rewrite_*.tmpl feed the LLM rewrite engine,
// eval_judge.tmpl the eval suite's judge, and mcp_*.tmpl are the MCP prompts.
package prompts

import "embed"

// FS holds every *.tmpl file in this folder.
//
//go:embed *.tmpl
var FS embed.FS
