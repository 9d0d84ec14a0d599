package rewrite

import (
	"fmt"
	"io/fs"
	"strings"

	"github.com/pushback/pushback/internal/corpus"
	"github.com/pushback/pushback/internal/cut"
	"github.com/pushback/pushback/internal/guide"
)

// The trim cuts with a model of its own (package cut): trained on the
// phrases blind readers quoted as blunt in people's drafts, clause by
// clause as the rewrite reads them, it ranks the clauses readers cut above
// the rest far better than the judge's sentence head, which learns from
// the judge's corpus and serves its verdict (on the clauses of rounds
// 115-130, trained on the marks before them: AUC 0.83 against the head's
// 0.68). The rebuild keeps the head.

// cutScorer is the cut model as the trim's jabScorer.
type cutScorer struct{ m *cut.Model }

// JabScore is the cut model's log-odds that text is a phrase a reader
// would cut.
func (c cutScorer) JabScore(text string) (float64, bool) { return c.m.Score(text) }

// CutShift is how much higher the cut model's log-odds run than the
// judge's head on the trim's bars: the trim reads a clause at the higher of
// the head's score and the cut model's less CutShift. Chosen on the marks
// of rounds 115-130 with the model trained on the marks before them: at 0.5
// the trim kept 57.7% of the words readers had quoted as blunt (the head
// alone: 61.6%) and lost 2.2% of the words they had not (1.8%); at 1,
// 58.8% and 2.1%; at 0, 55.7% and 2.4%.
const CutShift = 0.5

// PassedCutScore: in a draft the judge passes, a clause with nothing the
// rules keep goes when the cut model scores it at least this (log-odds).
// Chosen on the marks of rounds 131-150 (the model was trained on the
// marks before them): of the clauses such drafts kept, 4 readers had
// quoted scored 1.5 or more ("Sure we'll just bend time so.", "here we
// don't play with documentation."), and none they had not; at 1, 2 more
// they had not ("I dont want to be a pain.").
const PassedCutScore = 1.5

// trimCutModel is the embedded cut model as a jabScorer, or nil when it
// cannot be read (the trim then cuts with the judge's head alone).
func trimCutModel() jabScorer {
	m, err := cut.Default()
	if err != nil {
		return nil
	}
	return cutScorer{m}
}

// shifted is m's score less shift.
type shifted struct {
	m     jabScorer
	shift float64
}

func (s shifted) JabScore(text string) (float64, bool) {
	z, ok := s.m.JabScore(text)
	return z - s.shift, ok
}

// eitherScorer reads a clause at the higher of a's score and b's.
type eitherScorer struct{ a, b jabScorer }

func (e eitherScorer) JabScore(text string) (float64, bool) {
	za, oka := e.a.JabScore(text)
	zb, okb := e.b.JabScore(text)
	switch {
	case oka && okb:
		return max(za, zb), true
	case okb:
		return zb, true
	}
	return za, oka
}

// CutMarkDirs are the folders of evals/checker whose drafts carry readers'
// marks (Jabs) the cut model trains on: the marks the judge's head trains
// on, the head's first-sight marks (rounds 56-62 and 69-130; the cut model
// is scored at first sight on later rounds) and the 4,800 corpus messages
// marked by blind readers.
var CutMarkDirs = []string{"jabs", "jabs-firstsight", "jabs-waiting"}

// CutCorpus reads the cut model's training rows from fsys (evals/checker).
func CutCorpus(fsys fs.FS, g *guide.Guide) ([]cut.Row, error) {
	var rows []cut.Row
	for _, dir := range CutMarkDirs {
		cs, err := corpus.ReadDir(fsys, dir, g)
		if err != nil {
			return nil, fmt.Errorf("cut model marks: %w", err)
		}
		rows = append(rows, CutRows(cs)...)
	}
	return rows, nil
}

// CutRows turns drafts whose blunt phrases readers quoted (corpus cases
// with Jabs) into the cut model's training rows: each clause of the draft
// as the rewrite reads it, as written, labelled by the quotes in it (see
// pieceRows).
func CutRows(cases []corpus.Case) []cut.Row {
	var rows []cut.Row
	for _, k := range cases {
		if strings.TrimSpace(k.Text) == "" {
			continue
		}
		text := readText(k.Text)
		var quoted []quote
		for _, q := range k.Jabs {
			q = strings.TrimSpace(q)
			if q == "" {
				continue
			}
			for i := 0; ; {
				j := strings.Index(text[i:], q)
				if j < 0 {
					break
				}
				quoted = append(quoted, quote{i + j, i + j + len(q)})
				i += j + 1
			}
		}
		for _, p := range classes().read(text, toneData()).pieces {
			rows = append(rows, pieceRows(text, p.start, p.end, quoted)...)
		}
	}
	return rows
}

// quote is where a reader's quote sits in a draft.
type quote struct{ from, to int }

// pieceRows labels the clause text[from:to] by the quotes in it: cut when
// they cover four fifths of it or more, plain when none touches it; otherwise
// its quoted parts are cut and the rest (when it has two words) is plain,
// so that the model learns the tail or the aside readers cut from a
// clause, not the clause it hangs on ("Is there a plan for moderating
// across the five classes, or are we just assuming the rubric will sort
// that out on its own?").
func pieceRows(text string, from, to int, quoted []quote) []cut.Row {
	in := make([]bool, to-from)
	covered := 0
	for _, q := range quoted {
		for i := max(q.from, from); i < min(q.to, to); i++ {
			if !in[i-from] {
				in[i-from] = true
				covered++
			}
		}
	}
	clause := text[from:to]
	switch {
	case covered == 0:
		return []cut.Row{{Text: clause}}
	case 5*covered >= 4*len(clause):
		return []cut.Row{{Text: clause, Cut: true}}
	}
	var rows []cut.Row
	var rest strings.Builder
	for i := 0; i < len(in); {
		j := i
		for j < len(in) && in[j] == in[i] {
			j++
		}
		if in[i] {
			rows = append(rows, cut.Row{Text: clause[i:j], Cut: true})
			rest.WriteString(" ")
		} else {
			rest.WriteString(clause[i:j])
		}
		i = j
	}
	if r := strings.Join(strings.Fields(rest.String()), " "); len(strings.Fields(r)) >= 2 {
		rows = append(rows, cut.Row{Text: r})
	}
	return rows
}
