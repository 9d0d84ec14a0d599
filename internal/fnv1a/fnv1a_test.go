package fnv1a

import (
	"hash/fnv"
	"testing"
)

// The written-out hash is the standard library's FNV-1a, chained or not.
func TestMatchesHashFNV(t *testing.T) {
	for _, s := range []string{"", "a", "w:", "w:that's", "b:<s>_no", "héllo wörld", "\xff\x00"} {
		std := fnv.New32a()
		std.Write([]byte(s))
		want := std.Sum32()
		if got := String(Offset, s); got != want {
			t.Errorf("String(%q) = %d, want %d", s, got, want)
		}
		if got := Bytes(Offset, []byte(s)); got != want {
			t.Errorf("Bytes(%q) = %d, want %d", s, got, want)
		}
		h := uint32(Offset)
		for i := 0; i < len(s); i++ {
			h = Byte(h, s[i])
		}
		if h != want {
			t.Errorf("Byte by byte %q = %d, want %d", s, h, want)
		}
		if len(s) > 1 {
			if got := String(String(Offset, s[:1]), s[1:]); got != want {
				t.Errorf("chained %q = %d, want %d", s, got, want)
			}
		}
	}
}
