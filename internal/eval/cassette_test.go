package eval

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
)

// Identical requests within a case (a retry after 429) replay in the order
// they were recorded; secrets in headers are never written.
func TestCassetteReplaysRetriesInOrder(t *testing.T) {
	var n atomic.Int64
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		if n.Add(1) == 1 {
			w.Header().Set("Retry-After", "1")
			w.WriteHeader(http.StatusTooManyRequests)
			io.WriteString(w, `{"error":{"message":"slow down","type":"rate_limit"}}`)
			return
		}
		io.WriteString(w, `{"ok":true}`)
	}))
	dir := t.TempDir()
	body := `{"model":"m","messages":[{"role":"user","content":"hi"}]}`
	do := func(c *Cassette) (int, string, string) {
		t.Helper()
		req, _ := http.NewRequestWithContext(WithCase(context.Background(), "case/1", 0), http.MethodPost, srv.URL+"/v1/chat/completions", strings.NewReader(body))
		req.Header.Set("Authorization", "Bearer sk-secret")
		resp, err := c.Client().Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, resp.Header.Get("Retry-After"), string(b)
	}
	rec := &Cassette{Mode: Record, Dir: dir}
	s1, ra1, _ := do(rec)
	s2, _, b2 := do(rec)
	srv.Close()
	if s1 != 429 || ra1 != "1" || s2 != 200 || b2 != `{"ok":true}` {
		t.Fatalf("recording saw %d (Retry-After %q), %d %s", s1, ra1, s2, b2)
	}
	file := filepath.Join(dir, "case_1.json")
	raw, err := os.ReadFile(file)
	if err != nil {
		t.Fatalf("cassette file for case/1: %v", err)
	}
	if strings.Contains(string(raw), "sk-secret") || strings.Contains(string(raw), "Authorization") {
		t.Fatal("the cassette holds the API key")
	}
	rep := &Cassette{Mode: Replay, Read: os.DirFS(dir)}
	for i, want := range []int{429, 200, 200} { // past the end, the last answer repeats
		if got, _, _ := do(rep); got != want {
			t.Fatalf("replay %d: status %d, want %d", i, got, want)
		}
	}
	if got := rep.Missing([]string{"case/1", "case/2"}); len(got) != 1 || got[0] != "case/2" {
		t.Errorf("Missing = %v, want [case/2]", got)
	}
}

func TestCassetteRecordNeedsADirectory(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { io.WriteString(w, `{}`) }))
	defer srv.Close()
	req, _ := http.NewRequestWithContext(WithCase(context.Background(), "c", 0), http.MethodPost, srv.URL, strings.NewReader(`{}`))
	if _, err := (&Cassette{Mode: Record}).Client().Do(req); err == nil || !strings.Contains(err.Error(), "directory") {
		t.Fatalf("err = %v", err)
	}
}
