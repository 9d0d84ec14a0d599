package eval

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"sync"
)

// CassetteMode says what a Cassette does with a request.
type CassetteMode int

const (
	// Replay answers every request from the recorded cassettes and fails
	// when one is missing; nothing goes to the network.
	Replay CassetteMode = iota
	// Record sends requests on and stores every response, replacing what the
	// case had recorded before.
	Record
)

// ErrNotRecorded is wrapped by the error a replay returns for a request no
// cassette holds.
var ErrNotRecorded = errors.New("no recorded response")

type ctxKey int

const (
	caseKey ctxKey = iota
	repKey
)

// WithCase tags ctx with the case and repetition its model requests belong
// to; the cassette files requests by case and keys them by repetition.
func WithCase(ctx context.Context, id string, rep int) context.Context {
	return context.WithValue(context.WithValue(ctx, caseKey, id), repKey, rep)
}

func caseOf(ctx context.Context) (string, int) {
	id, _ := ctx.Value(caseKey).(string)
	rep, _ := ctx.Value(repKey).(int)
	return id, rep
}

// Interaction is one recorded request and its response.
type Interaction struct {
	Key        string          `json:"key"`
	Repetition int             `json:"repetition"`
	Request    json.RawMessage `json:"request"`
	Status     int             `json:"status"`
	Header     http.Header     `json:"header,omitempty"`
	Body       string          `json:"body"`
}

// cassetteFile is one case's recorded traffic: evals/cassettes/<case>.json.
type cassetteFile struct {
	Case         string        `json:"case"`
	Interactions []Interaction `json:"interactions"`
}

// Cassette is an http.RoundTripper that records model traffic per case and
// replays it, keyed by a hash of the request's model, messages and
// response_format (canonical JSON) and the repetition. Give it to go-openai
// through ClientConfig.HTTPClient so the real client code path runs.
type Cassette struct {
	Mode CassetteMode
	// Read is where replay looks for <case>.json files (e.g. the embedded
	// evals/cassettes); Dir, when set, is read first and is where Record
	// writes.
	Read fs.FS
	Dir  string
	// Next sends requests in Record mode; http.DefaultTransport when nil.
	Next http.RoundTripper

	mu     sync.Mutex
	files  map[string]*cassetteFile
	served map[string]int // key -> responses served, for repeated requests
}

// Client returns an *http.Client that goes through the cassette.
func (c *Cassette) Client() *http.Client { return &http.Client{Transport: c} }

var unsafeName = regexp.MustCompile(`[^A-Za-z0-9._-]+`)

func cassetteName(caseID string) string { return unsafeName.ReplaceAllString(caseID, "_") + ".json" }

// RoundTrip implements http.RoundTripper.
func (c *Cassette) RoundTrip(req *http.Request) (*http.Response, error) {
	id, rep := caseOf(req.Context())
	if id == "" {
		return nil, fmt.Errorf("cassette: request to %s is not tagged with a case (eval.WithCase)", req.URL.Path)
	}
	var body []byte
	if req.Body != nil {
		b, err := io.ReadAll(req.Body)
		req.Body.Close()
		if err != nil {
			return nil, fmt.Errorf("cassette: read request body: %w", err)
		}
		body = b
	}
	canon, key, err := requestKey(req.URL.Path, body, rep)
	if err != nil {
		return nil, fmt.Errorf("cassette: case %q: %w", id, err)
	}
	if c.Mode == Record {
		return c.record(req, body, id, rep, canon, key)
	}
	return c.replay(req, id, rep, key)
}

// requestKey hashes what decides a model's answer: the endpoint, model,
// messages and response format, plus the repetition.
func requestKey(path string, body []byte, rep int) (json.RawMessage, string, error) {
	fields := map[string]any{}
	if len(body) > 0 {
		dec := json.NewDecoder(bytes.NewReader(body))
		dec.UseNumber()
		if err := dec.Decode(&fields); err != nil {
			return nil, "", fmt.Errorf("request body is not JSON: %w", err)
		}
	}
	keep := map[string]any{"path": path, "repetition": rep}
	for _, k := range []string{"model", "messages", "response_format"} {
		if v, ok := fields[k]; ok {
			keep[k] = v
		}
	}
	canon, err := json.Marshal(keep) // map keys marshal sorted: canonical
	if err != nil {
		return nil, "", fmt.Errorf("canonical request: %w", err)
	}
	sum := sha256.Sum256(canon)
	return canon, hex.EncodeToString(sum[:12]), nil
}

func (c *Cassette) record(req *http.Request, body []byte, id string, rep int, canon json.RawMessage, key string) (*http.Response, error) {
	next := c.Next
	if next == nil {
		next = http.DefaultTransport
	}
	out := req.Clone(req.Context())
	out.Body = io.NopCloser(bytes.NewReader(body))
	out.ContentLength = int64(len(body))
	resp, err := next.RoundTrip(out)
	if err != nil {
		return nil, err
	}
	rb, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	if err != nil {
		return nil, fmt.Errorf("cassette: read response: %w", err)
	}
	hdr := http.Header{}
	for _, h := range []string{"Content-Type", "Retry-After"} {
		if v := resp.Header.Get(h); v != "" {
			hdr.Set(h, v)
		}
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.files == nil {
		c.files = map[string]*cassetteFile{}
	}
	f := c.files[id]
	if f == nil { // first request of this case in this run: start afresh
		f = &cassetteFile{Case: id}
		c.files[id] = f
	}
	f.Interactions = append(f.Interactions, Interaction{Key: key, Repetition: rep, Request: canon, Status: resp.StatusCode, Header: hdr, Body: string(rb)})
	if err := c.write(f); err != nil {
		return nil, err
	}
	resp.Body = io.NopCloser(bytes.NewReader(rb))
	return resp, nil
}

func (c *Cassette) write(f *cassetteFile) error {
	if c.Dir == "" {
		return errors.New("cassette: record mode needs a directory to write to")
	}
	sorted := *f
	sorted.Interactions = append([]Interaction(nil), f.Interactions...)
	sort.SliceStable(sorted.Interactions, func(i, j int) bool {
		a, b := sorted.Interactions[i], sorted.Interactions[j]
		if a.Repetition != b.Repetition {
			return a.Repetition < b.Repetition
		}
		return a.Key < b.Key
	})
	b, err := json.MarshalIndent(sorted, "", "  ")
	if err != nil {
		return fmt.Errorf("cassette: encode %s: %w", f.Case, err)
	}
	if err := os.MkdirAll(c.Dir, 0o755); err != nil {
		return fmt.Errorf("cassette: %w", err)
	}
	name := filepath.Join(c.Dir, cassetteName(f.Case))
	if err := os.WriteFile(name, append(b, '\n'), 0o644); err != nil {
		return fmt.Errorf("cassette: write %s: %w", name, err)
	}
	return nil
}

func (c *Cassette) replay(req *http.Request, id string, rep int, key string) (*http.Response, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	f, err := c.load(id)
	if err != nil {
		return nil, err
	}
	var matches []Interaction
	for _, in := range f.Interactions {
		if in.Key == key {
			matches = append(matches, in)
		}
	}
	if len(matches) == 0 {
		return nil, fmt.Errorf("cassette: case %q, repetition %d: %w for request %s (the prompt or model changed since it was recorded?); re-record with `pushback eval --record`", id, rep, ErrNotRecorded, key)
	}
	if c.served == nil {
		c.served = map[string]int{}
	}
	n := c.served[id+"/"+key]
	c.served[id+"/"+key] = n + 1
	if n >= len(matches) {
		n = len(matches) - 1
	}
	in := matches[n]
	hdr := in.Header.Clone()
	if hdr == nil {
		hdr = http.Header{}
	}
	hdr.Set("Content-Length", strconv.Itoa(len(in.Body)))
	return &http.Response{
		Status:        fmt.Sprintf("%d %s", in.Status, http.StatusText(in.Status)),
		StatusCode:    in.Status,
		Proto:         "HTTP/1.1",
		ProtoMajor:    1,
		ProtoMinor:    1,
		Header:        hdr,
		Body:          io.NopCloser(bytes.NewReader([]byte(in.Body))),
		ContentLength: int64(len(in.Body)),
		Request:       req,
	}, nil
}

// Missing returns the cases, of ids, that have no cassette to replay.
func (c *Cassette) Missing(ids []string) []string {
	c.mu.Lock()
	defer c.mu.Unlock()
	var out []string
	for _, id := range ids {
		if _, err := c.load(id); errors.Is(err, ErrNotRecorded) {
			out = append(out, id)
		}
	}
	return out
}

// load finds the case's cassette in Dir, then in Read. Called with mu held.
func (c *Cassette) load(id string) (*cassetteFile, error) {
	if f, ok := c.files[id]; ok {
		return f, nil
	}
	name := cassetteName(id)
	var b []byte
	var err error = fs.ErrNotExist
	if c.Dir != "" {
		b, err = os.ReadFile(filepath.Join(c.Dir, name))
	}
	if errors.Is(err, fs.ErrNotExist) && c.Read != nil {
		b, err = fs.ReadFile(c.Read, name)
	}
	if errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("cassette: case %q: %w: no cassette %s; record one with `pushback eval --record`", id, ErrNotRecorded, name)
	}
	if err != nil {
		return nil, fmt.Errorf("cassette: case %q: %w", id, err)
	}
	f := &cassetteFile{}
	if err := json.Unmarshal(b, f); err != nil {
		return nil, fmt.Errorf("cassette: case %q: parse %s: %w", id, name, err)
	}
	if c.files == nil {
		c.files = map[string]*cassetteFile{}
	}
	c.files[id] = f
	return f, nil
}
