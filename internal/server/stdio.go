package server

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"sync"
)

// lineLimiter hands stdin to the MCP server a line (one JSON-RPC message)
// at a time, holding at most max bytes of it: a longer line is read past
// and dropped, and answered with a JSON-RPC error (for the request's id
// when its start says which), so a 200 MB line costs max bytes of memory,
// not gigabytes, and the client hears why it got no answer.
type lineLimiter struct {
	r       *bufio.Reader
	max     int
	out     io.Writer // shared with the server's responses (lockedWriter)
	log     *slog.Logger
	pending []byte
}

func newLineLimiter(r io.Reader, max int, out io.Writer, log *slog.Logger) *lineLimiter {
	return &lineLimiter{r: bufio.NewReaderSize(r, 64<<10), max: max, out: out, log: log}
}

func (l *lineLimiter) Read(p []byte) (int, error) {
	for len(l.pending) == 0 {
		line, err := l.next()
		if len(line) == 0 && err != nil {
			return 0, err
		}
		l.pending = line
	}
	n := copy(p, l.pending)
	l.pending = l.pending[n:]
	return n, nil
}

// next returns the next line of at most max bytes, newline included,
// answering and skipping longer ones.
func (l *lineLimiter) next() ([]byte, error) {
	var line []byte
	for {
		chunk, err := l.r.ReadSlice('\n')
		if len(line)+len(chunk) > l.max {
			head := append(line, chunk[:min(len(chunk), 4<<10)]...)
			size := len(line) + len(chunk)
			for errors.Is(err, bufio.ErrBufferFull) {
				chunk, err = l.r.ReadSlice('\n')
				size += len(chunk)
			}
			l.refuse(head, size)
			if err != nil {
				return nil, err
			}
			line = line[:0]
			continue
		}
		line = append(line, chunk...)
		if !errors.Is(err, bufio.ErrBufferFull) {
			return line, err
		}
	}
}

// refuse answers an over-long message.
func (l *lineLimiter) refuse(head []byte, size int) {
	id := topLevelID(head)
	l.log.Warn("stdio message refused: too large", "bytes", size, "limit", l.max, "id", id)
	b, _ := json.Marshal(map[string]any{
		"jsonrpc": "2.0", "id": id,
		"error": map[string]any{"code": -32600, "message": fmt.Sprintf(
			"request too large: a message may be at most %d bytes (this one was %d); send a shorter draft or fewer arguments", l.max, size)},
	})
	l.out.Write(append(b, '\n')) //nolint:errcheck // stdout gone: the server stops anyway
}

// topLevelID returns the "id" of a JSON-RPC message from its first bytes,
// or nil when they do not show it.
func topLevelID(head []byte) any {
	dec := json.NewDecoder(bytes.NewReader(head))
	dec.UseNumber()
	if t, err := dec.Token(); err != nil || t != json.Delim('{') {
		return nil
	}
	for dec.More() {
		k, err := dec.Token()
		if err != nil {
			return nil
		}
		var v any
		if err := dec.Decode(&v); err != nil {
			return nil
		}
		if k == "id" {
			return v
		}
	}
	return nil
}

// lockedWriter serialises writes to stdout: the server's responses and
// the limiter's refusals each go out as one whole line.
type lockedWriter struct {
	mu sync.Mutex
	w  io.Writer
}

func (w *lockedWriter) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.w.Write(p)
}
