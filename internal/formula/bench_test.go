package formula

import (
	"testing"

	"github.com/pushback/pushback/internal/guide"
)

func BenchmarkRender(b *testing.B) {
	g := guide.Default()
	f := launch
	f.Level = guide.LevelStrong
	for b.Loop() {
		if _, err := Render(g, f); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkRenderScenario(b *testing.B) {
	g := guide.Default()
	sc, _ := g.Scenario("overcommitted_team")
	vals := examples(sc, false)
	for b.Loop() {
		if _, err := RenderScenario(g, ScenarioInput{ID: sc.ID, Values: vals}); err != nil {
			b.Fatal(err)
		}
	}
}
