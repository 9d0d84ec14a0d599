package decide

import (
	"testing"

	"github.com/pushback/pushback/internal/guide"
)

func BenchmarkDecide(b *testing.B) {
	g := guide.Default()
	in := Input{At: []string{"capacity"}, Evidence: yes(), Alternative: yes(), Right: yes(), Stakes: guide.StakesHigh}
	for b.Loop() {
		if _, err := Decide(g, in); err != nil {
			b.Fatal(err)
		}
	}
}
