package check

import (
	"fmt"
	"runtime"
	"sync"
	"testing"

	"github.com/pushback/pushback/internal/guide"
)

// BenchmarkNew measures building a checker from the (already parsed)
// embedded guide: what every CLI call and server start pays once.
func BenchmarkNew(b *testing.B) {
	g := guide.Default()
	b.ReportAllocs()
	cpu0 := cpuTime() // see BenchmarkCheck
	for b.Loop() {
		if _, err := New(g); err != nil {
			b.Fatal(err)
		}
	}
	if b.N > 0 {
		b.ReportMetric(float64(cpuTime()-cpu0)/float64(b.N), "cpu-ns/op")
	}
}

// BenchmarkNewLive reports the live heap a built checker holds (heap-B),
// measured after GC with the checker still reachable.
func BenchmarkNewLive(b *testing.B) {
	g := guide.Default()
	var total uint64
	for b.Loop() {
		b.StopTimer()
		var before, after runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&before)
		b.StartTimer()
		c, err := New(g)
		b.StopTimer()
		if err != nil {
			b.Fatal(err)
		}
		runtime.GC()
		runtime.ReadMemStats(&after)
		runtime.KeepAlive(c)
		total += after.HeapAlloc - before.HeapAlloc
		b.StartTimer()
	}
	b.ReportMetric(float64(total)/float64(b.N), "heap-B")
}

// TestConcurrentFirstUse checks a fresh checker from several goroutines at
// once, so that regexps compiled on first use are compiled concurrently
// (run with -race), and that every report equals the serial one.
func TestConcurrentFirstUse(t *testing.T) {
	g := guide.Default()
	var ins []Input
	for _, e := range g.Examples {
		ins = append(ins, Input{Draft: e.Text})
	}
	if len(ins) == 0 {
		t.Fatal("no examples")
	}
	serial, err := New(g)
	if err != nil {
		t.Fatal(err)
	}
	want := make([]string, len(ins))
	for i, in := range ins {
		r, err := serial.Check(in)
		if err != nil {
			t.Fatal(err)
		}
		want[i] = fmt.Sprintf("%+v", r)
	}
	c, err := New(g)
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	for w := range 4 {
		wg.Go(func() {
			for k := range ins {
				i := (k + w*len(ins)/4) % len(ins)
				r, err := c.Check(ins[i])
				if err != nil {
					t.Error(err)
					return
				}
				if got := fmt.Sprintf("%+v", r); got != want[i] {
					t.Errorf("example %d: concurrent report differs:\n%s\nserial:\n%s", i, got, want[i])
				}
			}
		})
	}
	wg.Wait()
}
