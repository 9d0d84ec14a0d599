// Package corpus is the one type of labelled message the project learns from
// and measures with: the checker's training corpus and its first-sight test
// sets under evals/checker/, the labelled sets of tests, and the cases a team
// brings to `pushback eval`. A case is one JSON object per line (JSON Lines):
// a message, who it is to, what they asked, the stakes, and a person's label.
package corpus

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path"
	"slices"
	"strings"

	"github.com/pushback/pushback/internal/guide"
)

// Labels.
const (
	Good = "good"
	Bad  = "bad"
)

// Stances of a good message: why it is the right reply.
const (
	StancePushback    = "pushback"             // challenges with reasons and a way forward
	StanceLetGo       = "let_it_go"            // low stakes, nothing known at risk: going along is right
	StanceCommit      = "disagree_and_commit"  // the case was made, the decision taken: commit
	StanceEscalation  = "warranted_escalation" // critical stakes or gentler pushback failed: firm
	FamilyOther       = "general"
	maxLineBytes      = 1 << 20
	defaultWriterName = "unknown"
)

// Stances lists every stance in a stable order.
var Stances = []string{StancePushback, StanceLetGo, StanceCommit, StanceEscalation}

// Families are RUBRIC.md's hard cases, the groups a corpus is counted by;
// "everyday": messages in the register people write at work (short
// declines, favours, invitations, the curt no and the vague maybe); and
// "blunt": pairs that say the same facts and the same alternative twice,
// once with a jab (sarcasm, blame, contempt, an ultimatum) and once plainly;
// "drafts": people's first drafts of hard replies (the rewrite's blind
// rounds), labelled by the two blind readers who rated them, not by their
// writer.
var Families = []string{"stock_wrapped", "plain_good", "critical_firm", "letting_go", "situation_only", "generic", "everyday", "blunt", "drafts", FamilyOther}

// Channels a message can be sent through.
var Channels = []string{"chat", "email", "memo", "spoken", "sms", "comment"}

// Case is one labelled message.
type Case struct {
	ID          string         `json:"id" jsonschema:"description=Unique id of the case."`
	Writer      string         `json:"writer,omitempty" jsonschema:"description=Who wrote it (cross-validation holds writers out)."`
	Family      string         `json:"family,omitempty" jsonschema:"description=Which hard case it is: stock_wrapped\\, plain_good\\, critical_firm\\, letting_go\\, situation_only\\, generic\\, everyday\\, blunt\\, drafts or general."`
	Label       string         `json:"label" jsonschema:"enum=good,enum=bad,description=good: a skilled professional would send it as is; bad: they would not."`
	AntiPattern string         `json:"anti_pattern,omitempty" jsonschema:"description=For a bad message: the anti-pattern id it mainly shows."`
	Stance      string         `json:"stance,omitempty" jsonschema:"description=For a good message: pushback\\, let_it_go\\, disagree_and_commit or warranted_escalation."`
	Level       guide.Level    `json:"level,omitempty" jsonschema:"description=The directness it reads at."`
	Audience    guide.Audience `json:"audience,omitempty"`
	Stakes      guide.Stakes   `json:"stakes,omitempty"`
	Channel     string         `json:"channel,omitempty"`
	Situation   string         `json:"situation,omitempty" jsonschema:"description=What the other person said or asked\\, and what the message may leave unsaid."`
	Text        string         `json:"text" jsonschema:"minLength=1,description=The message."`
	Reason      string         `json:"reason,omitempty" jsonschema:"description=One line: why it would or would not be sent."`
	// Jabs are the phrases a reader would cut from the text for how they
	// treat its reader (blame, contempt, sarcasm, a threat, venting, a
	// curt no), each quoted exactly: what the judge's sentence head
	// learns from (evals/checker/jabs).
	Jabs []string `json:"jabs,omitempty" jsonschema:"description=Phrases a reader would cut for how they treat the reader (blame\\, contempt\\, sarcasm\\, a threat\\, venting\\, a curt no)\\, each quoted exactly from text."`
}

// IsGood reports whether the case is labelled good.
func (c Case) IsGood() bool { return c.Label == Good }

// ErrInvalid is wrapped by every validation error.
var ErrInvalid = errors.New("invalid case")

// Validate checks one case against the guide's enums. Only id, label and
// text are required; the rest is checked when present.
func Validate(c Case, g *guide.Guide) error {
	bad := func(format string, a ...any) error {
		return fmt.Errorf("%w %q: %s", ErrInvalid, c.ID, fmt.Sprintf(format, a...))
	}
	if strings.TrimSpace(c.ID) == "" {
		return fmt.Errorf("%w: no id", ErrInvalid)
	}
	if strings.TrimSpace(c.Text) == "" {
		return bad("empty text")
	}
	switch c.Label {
	case Good:
		if c.AntiPattern != "" {
			return bad("a good message has no anti_pattern (got %q)", c.AntiPattern)
		}
		if c.Stance != "" && !slices.Contains(Stances, c.Stance) {
			return bad("stance %q is not one of %s", c.Stance, strings.Join(Stances, ", "))
		}
	case Bad:
		if c.Stance != "" {
			return bad("a bad message has no stance (got %q)", c.Stance)
		}
		if c.AntiPattern != "" {
			if _, ok := g.AntiPattern(c.AntiPattern); !ok {
				return bad("unknown anti_pattern %q", c.AntiPattern)
			}
		}
	default:
		return bad("label %q is neither good nor bad", c.Label)
	}
	if c.Family != "" && !slices.Contains(Families, c.Family) {
		return bad("family %q is not one of %s", c.Family, strings.Join(Families, ", "))
	}
	if c.Channel != "" && !slices.Contains(Channels, c.Channel) {
		return bad("channel %q is not one of %s", c.Channel, strings.Join(Channels, ", "))
	}
	for _, j := range c.Jabs {
		if strings.TrimSpace(j) == "" || !strings.Contains(c.Text, j) {
			return bad("jab %q is not quoted from the text", j)
		}
	}
	if _, err := guide.ParseLevel(string(c.Level)); err != nil {
		return bad("%v", err)
	}
	if _, err := guide.ParseAudience(string(c.Audience)); err != nil {
		return bad("%v", err)
	}
	if _, err := guide.ParseStakes(string(c.Stakes)); err != nil {
		return bad("%v", err)
	}
	return nil
}

// Scan decodes JSON Lines of cases from r and calls fn with each one and its
// line number (from 1), without validating it: Read validates a labelled
// case; `pushback check` reads the same lines needing only a text. Blank
// lines and lines starting with // are skipped. A line that does not decode
// (bad JSON, an unknown field) reaches fn as err; an error fn returns stops
// the scan and is returned as is.
func Scan(r io.Reader, fn func(line int, c Case, err error) error) error {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64*1024), maxLineBytes)
	n := 0
	for sc.Scan() {
		n++
		line := bytes.TrimSpace(sc.Bytes())
		if len(line) == 0 || bytes.HasPrefix(line, []byte("//")) {
			continue
		}
		var c Case
		dec := json.NewDecoder(bytes.NewReader(line))
		dec.DisallowUnknownFields()
		err := dec.Decode(&c)
		if err == nil && dec.More() {
			err = errors.New("more than one JSON value on the line")
		}
		if err := fn(n, c, err); err != nil {
			return err
		}
	}
	if err := sc.Err(); err != nil {
		if errors.Is(err, bufio.ErrTooLong) {
			return fmt.Errorf("line %d: longer than %d bytes", n+1, maxLineBytes)
		}
		return err
	}
	return nil
}

// Read parses JSON Lines of cases from r (blank lines and lines starting with
// // are skipped) and validates each; name is used in errors. Cases without a
// writer get defaultWriter.
func Read(r io.Reader, name, defaultWriter string, g *guide.Guide) ([]Case, error) {
	if defaultWriter == "" {
		defaultWriter = defaultWriterName
	}
	var out []Case
	var caseErr error
	err := Scan(r, func(n int, c Case, err error) error {
		if err == nil {
			if c.Writer == "" {
				c.Writer = defaultWriter
			}
			err = Validate(c, g)
		}
		if err != nil {
			caseErr = fmt.Errorf("%s:%d: %w", name, n, err)
			return caseErr
		}
		out = append(out, c)
		return nil
	})
	switch {
	case err == nil:
		return out, nil
	case err == caseErr:
		return nil, err
	}
	return nil, fmt.Errorf("%s: %w", name, err)
}

// ReadDir reads every *.jsonl file directly under dir in fsys, in name
// order; a file's cases without a writer are credited to its base name.
// Ids must be unique across the directory.
func ReadDir(fsys fs.FS, dir string, g *guide.Guide) ([]Case, error) {
	names, err := fs.Glob(fsys, path.Join(dir, "*.jsonl"))
	if err != nil {
		return nil, fmt.Errorf("read corpus %s: %w", dir, err)
	}
	if len(names) == 0 {
		return nil, fmt.Errorf("read corpus %s: no *.jsonl files", dir)
	}
	slices.Sort(names)
	var all []Case
	seen := map[string]string{}
	for _, name := range names {
		f, err := fsys.Open(name)
		if err != nil {
			return nil, fmt.Errorf("read corpus: %w", err)
		}
		cs, err := Read(f, name, strings.TrimSuffix(path.Base(name), ".jsonl"), g)
		f.Close()
		if err != nil {
			return nil, fmt.Errorf("read corpus: %w", err)
		}
		for _, c := range cs {
			if prev, dup := seen[c.ID]; dup {
				return nil, fmt.Errorf("read corpus: %w %q: in both %s and %s", ErrInvalid, c.ID, prev, name)
			}
			seen[c.ID] = name
		}
		all = append(all, cs...)
	}
	return all, nil
}

// Write writes cases as JSON Lines, one object per line, in the given order.
func Write(w io.Writer, cases []Case) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	for _, c := range cases {
		if err := enc.Encode(c); err != nil {
			return fmt.Errorf("write case %q: %w", c.ID, err)
		}
	}
	return nil
}
