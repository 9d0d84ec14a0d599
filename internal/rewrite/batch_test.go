package rewrite

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"testing"

	"github.com/pushback/pushback/internal/check"
	"github.com/pushback/pushback/internal/guide"
)

// batchItem is one line of a blind-reading batch: what a writer produced
// for readers to judge the engine's rewrite of.
type batchItem struct {
	ID        string         `json:"id"`
	Audience  guide.Audience `json:"audience"`
	Stakes    guide.Stakes   `json:"stakes"`
	Situation string         `json:"situation"`
	Draft     string         `json:"draft"`
	Level     string         `json:"level,omitempty"`
	Channel   string         `json:"channel,omitempty"`
	MaxChars  int            `json:"max_chars,omitempty"`
}

// batchOut is one rewrite with everything a reviewer may want beside it.
type batchOut struct {
	batchItem
	Rewrite string      `json:"rewrite"`
	Target  guide.Level `json:"target_level"`
	Pass    bool        `json:"pass"`
	Score   int         `json:"checker_score"`
	Review  []Review    `json:"review"`
	Limit   string      `json:"limit,omitempty"`
	Notes   []string    `json:"notes"`
	Error   string      `json:"error,omitempty"`
}

// rewriteBatch rewrites every JSON Lines item of r with the offline engine
// and writes one JSON line per item to w.
func rewriteBatch(r io.Reader, w io.Writer, chk Checker) (int, error) {
	eng := NewRules(guide.Default(), chk)
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	n := 0
	for line := 1; sc.Scan(); line++ {
		if len(bytes.TrimSpace(sc.Bytes())) == 0 {
			continue
		}
		var it batchItem
		if err := json.Unmarshal(sc.Bytes(), &it); err != nil {
			return n, fmt.Errorf("line %d: %w", line, err)
		}
		out := batchOut{batchItem: it, Review: []Review{}, Notes: []string{}}
		res, err := Run(context.Background(), eng, chk, Request{Draft: it.Draft, Situation: it.Situation, Audience: it.Audience,
			Stakes: it.Stakes, Level: it.Level, Channel: it.Channel, MaxChars: it.MaxChars}, Options{})
		if err != nil {
			out.Error = err.Error()
		} else {
			out.Rewrite, out.Target, out.Pass, out.Score = res.Text, res.Level, res.Pass, res.Check.Score
			out.Review, out.Limit, out.Notes = res.Review, res.Limit, res.Notes
		}
		if err := enc.Encode(out); err != nil {
			return n, err
		}
		n++
	}
	return n, sc.Err()
}

// TestRewriteJSONL is the blind-reading harness: given a JSON Lines file of
// {"id","audience","stakes","situation","draft"} (optionally "level",
// "channel", "max_chars"), it writes the offline engine's rewrites with
// their checks, one JSON line each:
//
//	PUSHBACK_REWRITE_IN=drafts.jsonl PUSHBACK_REWRITE_OUT=rewrites.jsonl \
//	  go test ./internal/rewrite -run TestRewriteJSONL -count=1
//
// (absolute paths: go test runs in the package directory). Without the
// variables it runs on testdata/batch_sample.jsonl and checks
// the output's shape.
func TestRewriteJSONL(t *testing.T) {
	in, out := os.Getenv("PUSHBACK_REWRITE_IN"), os.Getenv("PUSHBACK_REWRITE_OUT")
	chk, err := check.New(guide.Default())
	if err != nil {
		t.Fatal(err)
	}
	if in != "" {
		f, err := os.Open(in)
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		w := io.Writer(os.Stdout)
		if out != "" {
			o, err := os.Create(out)
			if err != nil {
				t.Fatal(err)
			}
			defer o.Close()
			w = o
		}
		n, err := rewriteBatch(f, w, chk)
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("%d rewrites written to %s", n, out)
		return
	}
	sample, err := os.ReadFile("testdata/batch_sample.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	n, err := rewriteBatch(bytes.NewReader(sample), &b, chk)
	if err != nil || n != 3 {
		t.Fatalf("rewrote %d items: %v", n, err)
	}
	dec := json.NewDecoder(&b)
	for i := 0; i < n; i++ {
		var o batchOut
		if err := dec.Decode(&o); err != nil {
			t.Fatal(err)
		}
		if o.ID == "" || o.Rewrite == "" || len(o.Review) != len(ReviewChecks) || o.Error != "" || o.Target == "" {
			t.Errorf("line %d: %+v", i+1, o)
		}
	}
	if _, err := rewriteBatch(bytes.NewReader([]byte("{not json}\n")), io.Discard, chk); err == nil {
		t.Error("a malformed line was accepted")
	}
}
