package server

import (
	"reflect"
	"strings"
	"testing"

	"github.com/pushback/pushback/internal/check"
	"github.com/pushback/pushback/internal/guide"
)

func TestLazyChecker(t *testing.T) {
	in := check.Input{Draft: "No, that won't work. We need to do it the way I said.", Audience: guide.AudienceClient}
	want, err := check.Default().Check(in)
	if err != nil {
		t.Fatal(err)
	}

	// Another guide (a copy of the embedded one) builds its own checker on first use.
	g := *guide.Default()
	got, err := newLazyChecker(&g).Check(in)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("lazy checker on a copy of the guide disagrees with check.Default():\n got %+v\nwant %+v", got, want)
	}

	// A guide the checker cannot compile fails the call, not the start-up.
	broken := *guide.Default()
	broken.AntiPatterns = append([]guide.AntiPattern(nil), broken.AntiPatterns...)
	broken.AntiPatterns[0].Cues = []guide.Cue{{Pattern: "(unclosed"}}
	lc := newLazyChecker(&broken)
	if _, err := lc.Check(in); err == nil || !strings.Contains(err.Error(), "build checker") {
		t.Fatalf("broken guide: err = %v, want a build checker error", err)
	}
}
