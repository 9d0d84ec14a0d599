package main

import (
	"testing"
	"time"

	"github.com/pushback/pushback/internal/e2e"
)

func durations(ms ...int) []time.Duration {
	d := make([]time.Duration, len(ms))
	for i, m := range ms {
		d[i] = time.Duration(m) * time.Millisecond
	}
	return d
}

func TestPercentiles(t *testing.T) {
	hundred := make([]int, 100)
	for i := range hundred {
		hundred[i] = 100 - i // 100..1, unsorted on purpose
	}
	for _, tc := range []struct {
		name    string
		lat     []time.Duration
		p       float64
		want    time.Duration
		wantMed time.Duration
		withMed bool
	}{
		{"p50 of 1..100", durations(hundred...), 0.50, 51 * time.Millisecond, 51 * time.Millisecond, true},
		{"p99 of 1..100", durations(hundred...), 0.99, 100 * time.Millisecond, 0, false},
		{"single", durations(7), 0.99, 7 * time.Millisecond, 7 * time.Millisecond, true},
		{"empty", nil, 0.5, 0, 0, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			l := load{lat: tc.lat}
			if got := l.pct(tc.p); got != tc.want {
				t.Errorf("pct(%v) = %v, want %v", tc.p, got, tc.want)
			}
			if tc.withMed {
				if got := median(tc.lat); got != tc.wantMed {
					t.Errorf("median = %v, want %v", got, tc.wantMed)
				}
			}
		})
	}
}

func TestMergeKeepsBestRound(t *testing.T) {
	r := &result{loads: map[string]load{}}
	r.merge(&result{loads: map[string]load{"http 1": {calls: 100, elapsed: time.Second}},
		httpLoaded: e2e.Memory{RSS: 10, HWM: 30}})
	r.merge(&result{loads: map[string]load{"http 1": {calls: 50, elapsed: time.Second}, "http 16": {calls: 9, elapsed: time.Second}},
		httpLoaded: e2e.Memory{RSS: 12, HWM: 20}})
	if got := r.loads["http 1"].calls; got != 100 {
		t.Errorf("http 1: kept the round with %d calls, want the best (100)", got)
	}
	if got := r.loads["http 16"].calls; got != 9 {
		t.Errorf("http 16: %d calls, want 9", got)
	}
	if r.httpLoaded.RSS != 12 || r.httpLoaded.HWM != 30 {
		t.Errorf("memory %+v: want the latest RSS (12) and the highest peak (30)", r.httpLoaded)
	}
}
