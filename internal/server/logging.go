package server

import (
	"context"
	"log/slog"
	"time"

	"github.com/mark3labs/mcp-go/mcp"
	mcpserver "github.com/mark3labs/mcp-go/server"
)

// withLogging logs every tool call to slog (stderr, never stdout): at
// debug level when it succeeds, at info when it ends in a tool error (so
// --log-level debug shows every call, and the default level does not write
// a line per call at thousands of calls a second); and, for clients that
// asked with logging/setLevel, as an MCP log notification.
func withLogging(log *slog.Logger, name string, h mcpserver.ToolHandlerFunc) mcpserver.ToolHandlerFunc {
	return func(ctx context.Context, req mcp.CallToolRequest) (*mcp.CallToolResult, error) {
		start := time.Now()
		res, err := h(ctx, req)
		failed := err != nil || (res != nil && res.IsError)
		ms := time.Since(start).Milliseconds()
		level := slog.LevelDebug
		if failed {
			level = slog.LevelInfo
		}
		log.Log(ctx, level, "tool call", "tool", name, "ms", ms, "tool_error", failed)
		if srv := mcpserver.ServerFromContext(ctx); srv != nil {
			level := mcp.LoggingLevelInfo
			if failed {
				level = mcp.LoggingLevelWarning
			}
			data := map[string]any{"tool": name, "ms": ms, "tool_error": failed}
			// A client that has not initialised logging is not an error.
			_ = srv.SendLogMessageToClient(ctx, mcp.NewLoggingMessageNotification(level, Name, data))
		}
		return res, err
	}
}
