package server

import (
	"context"
	"encoding/json"
	"log/slog"
	"slices"
	"testing"

	"github.com/pushback/pushback/internal/guide"
)

// TestStartHoldsRequests: start answers the handshake at once and fills
// the server in the background; a request that arrives before the server
// is full waits for it instead of seeing part of it (without the gate,
// tools/list sent straight after start comes back empty).
func TestStartHoldsRequests(t *testing.T) {
	ctx := context.Background()
	lists := []struct {
		method, key string
		want        int
	}{
		{"tools/list", "tools", len(ToolNames())},
		{"prompts/list", "prompts", 3},
		{"resources/list", "resources", 2 * len(docs)},
	}
	for i := range 20 {
		s, ready, err := start(Options{})
		if err != nil {
			t.Fatal(err)
		}
		for _, l := range lists {
			raw, err := json.Marshal(s.HandleMessage(ctx, []byte(`{"jsonrpc":"2.0","id":1,"method":"`+l.method+`"}`)))
			if err != nil {
				t.Fatal(err)
			}
			var resp struct {
				Result map[string]json.RawMessage `json:"result"`
			}
			if err := json.Unmarshal(raw, &resp); err != nil {
				t.Fatalf("%s: %v in %s", l.method, err, raw)
			}
			var items []json.RawMessage
			if err := json.Unmarshal(resp.Result[l.key], &items); err != nil || len(items) != l.want {
				t.Fatalf("round %d: %s gave %d %s (%v), want %d: %s", i, l.method, len(items), l.key, err, l.want, raw)
			}
		}
		if err := ready(); err != nil {
			t.Fatal(err)
		}
	}
}

// TestToolNames: the static list --tools is checked against before
// anything is built is the list of tools built, in order.
func TestToolNames(t *testing.T) {
	g := guide.Default()
	tools, err := allTools(Options{}, g, newLazyChecker(g), slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	var built []string
	for _, tl := range tools {
		built = append(built, tl.def.Name)
	}
	if !slices.Equal(built, ToolNames()) {
		t.Errorf("ToolNames() = %v, built %v", ToolNames(), built)
	}
}
