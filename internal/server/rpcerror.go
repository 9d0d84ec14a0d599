package server

import (
	"bytes"
	"io"
	"net/http"
)

// invalidParams marks an error that is the caller's mistake in a request's
// parameters (a prompt's missing or unknown argument, audience=boss).
//
// mcp-go v1.2.1 answers any error a prompt handler returns with JSON-RPC
// -32603, internal error, and offers no way to choose the code. So the
// message of such an error starts with invalidParamsPrefix, and the
// transports' writers (fixCodes, fixCodesHTTP) send it with -32602, invalid
// params: the code tells a client the request must change, not be retried.
type invalidParams struct{ msg string }

const invalidParamsPrefix = "invalid params: "

func (e *invalidParams) Error() string { return invalidParamsPrefix + e.msg }

var (
	internalInvalid = []byte(`{"code":-32603,"message":"` + invalidParamsPrefix)
	fixedInvalid    = []byte(`{"code":-32602,"message":"` + invalidParamsPrefix)
)

// fixCode rewrites the code of an invalidParams error in an encoded
// JSON-RPC message; anything else is returned as it is.
func fixCode(p []byte) []byte {
	if !bytes.Contains(p, internalInvalid) {
		return p
	}
	return bytes.ReplaceAll(p, internalInvalid, fixedInvalid)
}

// codeWriter applies fixCode to each write: the stdio transport writes a
// whole message per write, the HTTP one a whole body or SSE event.
type codeWriter struct{ w io.Writer }

func (c codeWriter) Write(p []byte) (int, error) {
	q := fixCode(p)
	if _, err := c.w.Write(q); err != nil {
		return 0, err
	}
	return len(p), nil
}

// fixCodesHTTP applies fixCode to the MCP endpoint's responses.
func fixCodesHTTP(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		next.ServeHTTP(&codeResponseWriter{ResponseWriter: w}, r)
	})
}

type codeResponseWriter struct{ http.ResponseWriter }

func (c *codeResponseWriter) Write(p []byte) (int, error) {
	// The fix keeps the length: a Content-Length already set stays right.
	if _, err := c.ResponseWriter.Write(fixCode(p)); err != nil {
		return 0, err
	}
	return len(p), nil
}

// Flush keeps SSE streaming.
func (c *codeResponseWriter) Flush() {
	if f, ok := c.ResponseWriter.(http.Flusher); ok {
		f.Flush()
	}
}

// Unwrap lets http.ResponseController reach the connection.
func (c *codeResponseWriter) Unwrap() http.ResponseWriter { return c.ResponseWriter }
