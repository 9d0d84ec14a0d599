package check

import (
	"runtime"
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
