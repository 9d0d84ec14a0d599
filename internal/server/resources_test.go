package server

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"

	"github.com/mark3labs/mcp-go/mcp"

	"github.com/pushback/pushback/internal/guide"
)

func TestResourcesGolden(t *testing.T) {
	c := newClient(t, Options{})
	res, err := c.ListResources(testCtx(t), mcp.ListResourcesRequest{})
	if err != nil {
		t.Fatalf("resources/list: %v", err)
	}
	golden(t, "resources.golden.json", indentJSON(t, res.Resources))
	if want := 2 * len(docs); len(res.Resources) != want {
		t.Errorf("%d resources, want %d (Markdown and JSON for each)", len(res.Resources), want)
	}
}

func readResource(t *testing.T, uri string) (mcp.TextResourceContents, error) {
	t.Helper()
	c := newClient(t, Options{})
	req := mcp.ReadResourceRequest{}
	req.Params.URI = uri
	res, err := c.ReadResource(testCtx(t), req)
	if err != nil {
		return mcp.TextResourceContents{}, err
	}
	if len(res.Contents) != 1 {
		t.Fatalf("%s: %d contents, want 1", uri, len(res.Contents))
	}
	tc, ok := mcp.AsTextResourceContents(res.Contents[0])
	if !ok {
		t.Fatalf("%s: not text contents: %T", uri, res.Contents[0])
	}
	return *tc, nil
}

func TestReadResources(t *testing.T) {
	g := guide.Default()
	// Each resource must carry the guide's own words: one probe per doc,
	// read from the data, so a renderer that drops a section fails.
	probes := map[string][]string{
		"framework":     {g.Framework.Questions[0].Question, g.Framework.Questions[4].IfNo, g.Framework.Recommendations[0].ID},
		"formula":       {g.Formula.Steps[0].Template, g.Formula.Steps[4].Purpose},
		"levels":        {g.Levels[3].Phrases[0], g.Levels[0].When},
		"phrases":       {g.Phrases.Softening.Items[0], g.Phrases.Escalation.Why},
		"battles":       {g.Battles.Question, g.Battles.LetGo.Examples[0], g.Battles.Capital},
		"examples":      {},
		"anti-patterns": {},
		"scenarios":     {},
	}
	for _, a := range g.AntiPatterns {
		probes["anti-patterns"] = append(probes["anti-patterns"], a.ID, a.Why)
	}
	for _, e := range g.Examples {
		probes["examples"] = append(probes["examples"], e.ID)
	}
	for _, s := range g.Scenarios {
		probes["scenarios"] = append(probes["scenarios"], s.ID, s.Description)
	}
	for _, d := range docs {
		t.Run(d.id, func(t *testing.T) {
			md, err := readResource(t, resourceScheme+d.id)
			if err != nil {
				t.Fatal(err)
			}
			if md.MIMEType != mimeMarkdown || !strings.HasPrefix(md.Text, "# "+d.title+"\n") {
				t.Errorf("Markdown resource: mime %q, starts %q", md.MIMEType, md.Text[:min(40, len(md.Text))])
			}
			for _, p := range probes[d.id] {
				if !strings.Contains(md.Text, p) {
					t.Errorf("Markdown lacks %q", p)
				}
			}
			golden(t, "resources/"+d.id+".md", []byte(md.Text))

			js, err := readResource(t, resourceScheme+d.id+jsonSuffix)
			if err != nil {
				t.Fatal(err)
			}
			if js.MIMEType != mimeJSON {
				t.Errorf("JSON resource mime %q", js.MIMEType)
			}
			var v any
			if err := json.Unmarshal([]byte(js.Text), &v); err != nil {
				t.Fatalf("JSON resource does not parse: %v", err)
			}
			b, _ := json.Marshal(d.data(g))
			var want any
			if err := json.Unmarshal(b, &want); err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(v, want) {
				t.Errorf("JSON resource is not the guide data")
			}
		})
	}
	if _, err := readResource(t, "pushback://nope"); err == nil {
		t.Error("reading an unknown resource succeeded")
	}
}
