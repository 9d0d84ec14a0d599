package rewrite

import "fmt"

// injectionIn says what in a candidate reads as a prompt injection that
// took hold: prompt markup (a tag look-alike such as </draft> or
// <|im_start|>), or an instruction to a model (tone.json's injection cues)
// that the draft and the situation do not already hold, since a candidate
// may keep the user's own words. "" when the candidate is clean. Such a
// candidate is never returned as the rewrite.
func injectionIn(candidate string, req Request) string {
	// What is found is described, not quoted: quoting it would pass the
	// injection on to whoever reads the report (a host model). Markup is
	// shown neutralised.
	if m := delimiterRE.FindString(candidate); m != "" {
		return fmt.Sprintf("prompt markup %q", clip(Neutralise(m), 40))
	}
	t := toneData()
	// (Each text is sketched once for all the patterns: most hold none.)
	cand, drafted, situation := sketched{s: candidate}, sketched{s: req.Draft}, sketched{s: req.Situation}
	for i, re := range t.injection {
		in := func(x *sketched) bool { return x.may(t.injectMay[i]) && re.MatchString(x.s) }
		if in(&cand) && !in(&drafted) && !in(&situation) {
			return "an instruction aimed at a model that the draft does not hold"
		}
	}
	return ""
}
