package guide

import (
	"errors"
	"fmt"
	"strings"

	"github.com/invopop/jsonschema"
)

// ErrUnknownValue is wrapped by every enum parse error, so callers can tell a
// bad enum value (a usage error) from other failures.
var ErrUnknownValue = errors.New("unknown value")

// Audience is who the pushback is addressed to.
type Audience string

// The audiences the documents speak to.
const (
	AudienceClient     Audience = "client"
	AudienceLeadership Audience = "leadership"
	AudiencePeer       Audience = "peer"
	AudienceReport     Audience = "report"
)

// Audiences lists every audience in a stable order.
var Audiences = []Audience{AudienceClient, AudienceLeadership, AudiencePeer, AudienceReport}

// Stakes is how much rides on the decision being pushed back on.
type Stakes string

// The stakes scale, from a trivial change to a safety or integrity issue.
const (
	StakesLow      Stakes = "low"
	StakesMedium   Stakes = "medium"
	StakesHigh     Stakes = "high"
	StakesCritical Stakes = "critical"
)

// AllStakes lists every stakes value in ascending order.
var AllStakes = []Stakes{StakesLow, StakesMedium, StakesHigh, StakesCritical}

// Level is how direct a pushback is, from the documents' calibration scale.
type Level string

// The calibration levels, in ascending directness.
const (
	LevelMild      Level = "mild"
	LevelModerate  Level = "moderate"
	LevelStrong    Level = "strong"
	LevelEscalated Level = "escalated"
)

// Levels lists every level in ascending directness.
var Levels = []Level{LevelMild, LevelModerate, LevelStrong, LevelEscalated}

// Rank orders levels: mild=1 ... escalated=4; the empty level is 0.
func (l Level) Rank() int {
	for i, v := range Levels {
		if v == l {
			return i + 1
		}
	}
	return 0
}

// Rank orders stakes: low=1 ... critical=4; the empty value is 0.
func (s Stakes) Rank() int {
	for i, v := range AllStakes {
		if v == s {
			return i + 1
		}
	}
	return 0
}

// Matter is what kind of question a pushback is about.
type Matter string

// The kinds of matter: a trade-off the other person may decide, a rule the
// writer must hold to (a policy, a law, a safety ratio), and integrity
// (honesty, ethics).
const (
	MatterTradeOff  Matter = "trade_off"
	MatterRule      Matter = "rule"
	MatterIntegrity Matter = "integrity"
)

// Matters lists every matter.
var Matters = []Matter{MatterTradeOff, MatterRule, MatterIntegrity}

// ParseMatter parses a matter; the empty string means "not given" (a trade-off).
func ParseMatter(s string) (Matter, error) { return parseEnum("matter", s, Matters) }

// UnmarshalText validates the matter while decoding JSON or flags.
func (m *Matter) UnmarshalText(b []byte) error {
	v, err := ParseMatter(string(b))
	*m = v
	return err
}

// JSONSchema describes the matter enum.
func (Matter) JSONSchema() *jsonschema.Schema {
	return enumSchema("Not theirs to decide: rule (policy, law, grade) or integrity.", Matters)
}

// ParseAudience parses an audience; the empty string is allowed and means "not given".
func ParseAudience(s string) (Audience, error) { return parseEnum("audience", s, Audiences) }

// ParseStakes parses a stakes value; the empty string means "not given".
func ParseStakes(s string) (Stakes, error) { return parseEnum("stakes", s, AllStakes) }

// ParseLevel parses a level; the empty string means "not given".
func ParseLevel(s string) (Level, error) { return parseEnum("level", s, Levels) }

// NormaliseID is how every enum value and id a caller gives is read, so
// that all of them are forgiving in the same way: surrounding spaces and
// case do not matter, and a space or hyphen stands for an underscore
// (" Deal-Outcome " is deal_outcome).
func NormaliseID(s string) string {
	return idReplacer.Replace(strings.ToLower(strings.TrimSpace(s)))
}

var idReplacer = strings.NewReplacer(" ", "_", "-", "_")

func parseEnum[T ~string](what, s string, valid []T) (T, error) {
	v := T(NormaliseID(s))
	if v == "" {
		return v, nil
	}
	for _, ok := range valid {
		if v == ok {
			return v, nil
		}
	}
	return "", fmt.Errorf("%w for %s: %q (use one of %s)", ErrUnknownValue, what, s, join(valid))
}

func join[T ~string](vs []T) string {
	parts := make([]string, len(vs))
	for i, v := range vs {
		parts[i] = string(v)
	}
	return strings.Join(parts, ", ")
}

// UnmarshalText validates the audience while decoding JSON or flags.
func (a *Audience) UnmarshalText(b []byte) error {
	v, err := ParseAudience(string(b))
	*a = v
	return err
}

// UnmarshalText validates the stakes while decoding JSON or flags.
func (s *Stakes) UnmarshalText(b []byte) error {
	v, err := ParseStakes(string(b))
	*s = v
	return err
}

// UnmarshalText validates the level while decoding JSON or flags.
func (l *Level) UnmarshalText(b []byte) error {
	v, err := ParseLevel(string(b))
	*l = v
	return err
}

func enumSchema[T ~string](desc string, vs []T) *jsonschema.Schema {
	s := &jsonschema.Schema{Type: "string", Description: desc}
	for _, v := range vs {
		s.Enum = append(s.Enum, string(v))
	}
	return s
}

// JSONSchema gives invopop/jsonschema the enum, so every schema built from a
// struct holding an Audience lists the same values the parser accepts.
func (Audience) JSONSchema() *jsonschema.Schema {
	return enumSchema("report: someone who reports to you.", Audiences)
}

// JSONSchema describes the stakes enum.
func (Stakes) JSONSchema() *jsonschema.Schema {
	return enumSchema("critical: safety, security, legal or integrity.", AllStakes)
}

// JSONSchema describes the level enum.
func (Level) JSONSchema() *jsonschema.Schema {
	return enumSchema("escalated: critical, after gentler pushback failed.", Levels)
}
