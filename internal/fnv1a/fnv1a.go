// Package fnv1a is the 32-bit FNV-1a hash written out, so that a feature's
// hash is chained from its parts (a prefix, a word, a separator) without
// building the string: the judge's model and the trim's cut model hash
// their features with it. hash/fnv computes the same values.
package fnv1a

// Offset is the hash of nothing; Prime is FNV's 32-bit prime.
const (
	Offset = 2166136261
	Prime  = 16777619
)

// String is h extended by the bytes of s.
func String(h uint32, s string) uint32 {
	for i := 0; i < len(s); i++ {
		h ^= uint32(s[i])
		h *= Prime
	}
	return h
}

// Bytes is h extended by b.
func Bytes(h uint32, b []byte) uint32 {
	for _, c := range b {
		h ^= uint32(c)
		h *= Prime
	}
	return h
}

// Byte is h extended by one byte.
func Byte(h uint32, b byte) uint32 {
	h ^= uint32(b)
	return h * Prime
}
