package rewrite

import "testing"

// TestTerse: a clipped clause of a chat message is said whole; an item of
// a list, or an order, is left as written.
func TestTerse(t *testing.T) {
	tests := []struct {
		in   string
		we   bool
		want string
	}{
		{"can do 15% for the first 500 today", true, "We can do 15% for the first 500 today"},
		{"Won't list at 1.25", false, "I won't list at 1.25"},
		{"Not approving as is", false, "I'm not approving it as is"},
		{"8 kegs left", false, "There are only 8 kegs left."},
		{"10 working days as quoted", false, "It's 10 working days, as quoted."},
		// Without an amount or an article "It's" cannot open it (round 140:
		// "It's Full report on 6 March, as planned.").
		{"Full report on 6 March as planned.", false, "Full report on 6 March as planned."},
		{"the same rate as agreed", false, "It's the same rate, as agreed."},
		{"Tuesday earliest if Wen gets the dims back", false, "Tuesday is the earliest, if Wen gets the dims back"},
		// An item of a list is clipped on purpose (round 85: "It's - Start
		// October 1, as planned.").
		{"- Start October 1 as planned", false, "- Start October 1 as planned"},
		{"- 10 working days as quoted", false, "- 10 working days as quoted"},
	}
	for _, tt := range tests {
		if got := terse(tt.in, tt.we); got != tt.want {
			t.Errorf("terse(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestFiniteVerb: a sentence with a verb the small verb list can see,
// typed contractions without their apostrophe among them ("Janice Im no
// coming the morra." had been read as a fragment, so the trim fell to the
// rebuild; round 71).
func TestFiniteVerb(t *testing.T) {
	tests := []struct {
		in   string
		want bool
	}{
		{"Janice Im no coming the morra.", true},
		{"Im not signing it.", true},
		{"youve known about this for 3 weeks", true},
		{"we pour on Tuesday", true},
		{"The insurance", false},
		{"Third system this year", false},
		{"Nine services. Kubernetes.", false},
	}
	for _, tt := range tests {
		if got := finiteVerb(tt.in); got != tt.want {
			t.Errorf("finiteVerb(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}
