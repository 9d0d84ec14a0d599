package corpus

import (
	"hash/fnv"
	"sort"
	"strings"
	"unicode"
)

// Pair is two cases, by index, and how alike their texts are.
type Pair struct {
	A, B    int
	Jaccard float64
}

// NearDuplicates returns the pairs of cases whose texts share at least
// threshold (Jaccard) of their word-trigram shingles, most alike first. A
// text of fewer than eight words is compared with its situation, since the
// same "No way." answers different requests.
// Shingles common to many texts are skipped when finding candidates, so it
// runs in about linear time on a corpus of thousands.
func NearDuplicates(cs []Case, threshold float64) []Pair {
	sh := make([]map[uint64]bool, len(cs))
	post := map[uint64][]int{}
	for i, c := range cs {
		text := c.Text
		if len(strings.Fields(text)) < 8 {
			text = c.Situation + " || " + text
		}
		sh[i] = shingles(text)
		for s := range sh[i] {
			post[s] = append(post[s], i)
		}
	}
	maxDF := max(20, len(cs)/50)
	shared := map[[2]int]int{}
	for _, ids := range post {
		if len(ids) > maxDF {
			continue
		}
		for x := 0; x < len(ids); x++ {
			for y := x + 1; y < len(ids); y++ {
				shared[[2]int{ids[x], ids[y]}]++
			}
		}
	}
	var out []Pair
	for p := range shared {
		a, b := sh[p[0]], sh[p[1]]
		inter := 0
		for s := range a {
			if b[s] {
				inter++
			}
		}
		union := len(a) + len(b) - inter
		if union == 0 {
			continue
		}
		if j := float64(inter) / float64(union); j >= threshold {
			out = append(out, Pair{p[0], p[1], j})
		}
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Jaccard != out[j].Jaccard {
			return out[i].Jaccard > out[j].Jaccard
		}
		if out[i].A != out[j].A {
			return out[i].A < out[j].A
		}
		return out[i].B < out[j].B
	})
	return out
}

// shingles are a text's lower-cased word trigrams (the words themselves
// when it has fewer than three), hashed.
func shingles(text string) map[uint64]bool {
	ws := strings.FieldsFunc(strings.ToLower(text), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '\'' })
	out := map[uint64]bool{}
	hash := func(parts ...string) uint64 {
		h := fnv.New64a()
		h.Write([]byte(strings.Join(parts, " ")))
		return h.Sum64()
	}
	if len(ws) < 3 {
		out[hash(ws...)] = true
		return out
	}
	for i := 0; i+3 <= len(ws); i++ {
		out[hash(ws[i:i+3]...)] = true
	}
	return out
}
