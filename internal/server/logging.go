package server

import (
	"context"
	"log/slog"
	"time"

	"github.com/mark3labs/mcp-go/mcp"
	mcpserver "github.com/mark3labs/mcp-go/server"
)

// withLogging logs every tool call to slog (stderr, never stdout) and, for
// clients that asked with logging/setLevel, as an MCP log notification.
func withLogging(log *slog.Logger, name string, h mcpserver.ToolHandlerFunc) mcpserver.ToolHandlerFunc {
	return func(ctx context.Context, req mcp.CallToolRequest) (*mcp.CallToolResult, error) {
		start := time.Now()
		res, err := h(ctx, req)
		failed := err != nil || (res != nil && res.IsError)
		ms := time.Since(start).Milliseconds()
		log.InfoContext(ctx, "tool call", "tool", name, "ms", ms, "tool_error", failed)
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
