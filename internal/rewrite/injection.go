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
	if m := delimiterRE.get().FindString(candidate); m != "" {
		return fmt.Sprintf("prompt markup %q", clip(Neutralise(m), 40))
	}
	for _, re := range toneData().injection {
		if re.MatchString(candidate) && !re.MatchString(req.Draft) && !re.MatchString(req.Situation) {
			return "an instruction aimed at a model that the draft does not hold"
		}
	}
	return ""
}
