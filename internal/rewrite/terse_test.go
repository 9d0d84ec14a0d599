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
