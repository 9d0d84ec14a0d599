package model

import (
	"fmt"
	"strings"
)

// Readable turns a feature's internal name into words a user can follow:
// `w|sure` is the word "sure", `b|<s>|no` is "no" opening a sentence,
// `c|anti:dismissive_no` a cue for the dismissive no.
func Readable(name string) string {
	parts := strings.Split(name, "|")
	kind, rest := parts[0], parts[1:]
	q := func(s string) string { return fmt.Sprintf("%q", s) }
	switch kind {
	case "w":
		return "the word " + q(rest[0])
	case "b":
		if rest[0] == "<s>" {
			return q(rest[1]) + " opening a sentence"
		}
		return "the words " + q(rest[0]+" "+rest[1])
	case "t":
		return "the words " + q(strings.Join(rest, " "))
	case "s":
		return "a sentence starting " + q(rest[0])
	case "g":
		return "the letters " + q(strings.Trim(rest[0], "^$"))
	case "c":
		return "cue " + rest[0]
	case "ck":
		return fmt.Sprintf("cue %s at %s stakes", rest[1], orNone(rest[0]))
	case "ca":
		return fmt.Sprintf("cue %s to %s", rest[1], orNone(rest[0]))
	case "k":
		return "stakes " + orNone(rest[0])
	case "a":
		return "audience " + orNone(rest[0])
	case "ka":
		return fmt.Sprintf("stakes %s to %s", orNone(rest[0]), orNone(rest[1]))
	case "o":
		if rest[1] == "y" {
			return fmt.Sprintf("the situation's %q, echoed in the draft", rest[0])
		}
		return fmt.Sprintf("the situation's %q, not in the draft", rest[0])
	case "o:share":
		return fmt.Sprintf("share of the situation's words in the draft: %s/4", rest[0])
	case "o:sharek":
		return fmt.Sprintf("share of the situation's words in the draft at %s stakes: %s/4", orNone(rest[0]), rest[1])
	case "sg":
		return fmt.Sprintf("a sentence of the situation naming a %s, %s/4 of it echoed in the draft", rest[0], rest[1])
	case "sgk":
		return fmt.Sprintf("a sentence of the situation naming a %s at %s stakes, %s/4 of it echoed in the draft", rest[0], orNone(rest[1]), rest[2])
	case "z:words", "z:sents", "z:q", "z:!", "z:...", "z:sigh", "z:nums", "z:names":
		what := map[string]string{"z:words": "words", "z:sents": "sentences", "z:q": "question marks", "z:!": "exclamation marks",
			"z:...": "ellipses", "z:sigh": "sighs", "z:nums": "numbers", "z:names": "names"}[kind]
		return fmt.Sprintf("%s %s", rest[0], what)
	case "zk:words":
		return fmt.Sprintf("%s words at %s stakes", rest[1], orNone(rest[0]))
	case "zk:q":
		return fmt.Sprintf("%s question marks at %s stakes", rest[1], orNone(rest[0]))
	case "jab":
		return "the sentence most like a jab scores " + rest[0]
	case "jabk":
		return fmt.Sprintf("the sentence most like a jab scores %s at %s stakes", rest[1], orNone(rest[0]))
	case "z:last":
		return "ending on " + q(rest[0])
	}
	return name
}
