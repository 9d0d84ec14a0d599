package rewrite

import (
	"testing"

	"github.com/pushback/pushback/internal/guide"
)

// The shapes behind "no broken sentence" (issue 9, round 5), each with a
// case that holds and one that does not.
func TestSoundShapes(t *testing.T) {
	slots := []struct {
		s       string
		unsound bool
	}{
		{"leave not possible", true},
		{"refund not possible this month", true},
		{"redoing 24 slides bc brad has feelings", true},
		{"moving it because the client asked", true},
		{"run one more cycle on the March holdout", false},
		{"send the deck as soon as possible", false},
		{"give me 6, and then I'll shut the fitting rooms at 2pm", false},
	}
	for _, tt := range slots {
		if got := unsoundSlot(tt.s); got != tt.unsound {
			t.Errorf("unsoundSlot(%q) = %v, want %v", tt.s, got, tt.unsound)
		}
	}
	splices := []struct {
		s       string
		ok, own bool
		head    string
	}{
		{"doing a double Sat, did 3 last wk", true, false, "doing a double Sat"},
		{"revert before 6pm, pickup is tomorrow 14th", true, true, "revert before 6pm"},
		{"pull the report, reorder for the 14 stores, and send it to me by Thursday", false, false, ""},
		{"move the meeting to Friday, if that suits", false, false, ""},
	}
	for _, tt := range splices {
		head, _, own, ok := splicedClause(tt.s)
		if ok != tt.ok || own != tt.own || head != tt.head {
			t.Errorf("splicedClause(%q) = %q, own %v, ok %v; want %q, %v, %v", tt.s, head, own, ok, tt.head, tt.own, tt.ok)
		}
	}
	offers := []struct{ s, want string }{
		{"Free Thursday", "Thursday"},
		{"Wednesday", "Wednesday"},
		{"1.09", "1.09"},
		{"one email on the 1st", "one email on the 1st"},
		{"next sprint", "next sprint"},
		{"18mm forecast", ""},
		{"2 runs", ""},
		{"40 covers max", ""},
	}
	for _, tt := range offers {
		if got := bareOffer(tt.s); got != tt.want {
			t.Errorf("bareOffer(%q) = %q, want %q", tt.s, got, tt.want)
		}
	}
}

// A brief's later sentence about a third person is no request: the
// acknowledgement never gives the writer's plan, or a fact, to the
// person written to.
func TestBriefThirdPersonNoRequest(t *testing.T) {
	verbs := classes().verbs
	tests := []struct{ situation, request string }{
		{"A client asks a print shop to rush 500 brochures by Friday, which is why the shop manager is writing. The shop manager wants two extra days.", ""},
		{"A nurse manager tells a ward sister to cover two extra night shifts. The sister already works 48 hours this week. The agency charges £60 an hour.", ""},
		{"The COO wants the new payroll system live on the 1st; parallel run showed 3% of payslips wrong.", "getting the new payroll system live on the 1st"},
		{"Call centre. The ops director wants every agent on the phones during the training day.", "getting every agent on the phones during the training day"},
	}
	for _, tt := range tests {
		if got := readAsk(verbs, tt.situation).request(); got != tt.request {
			t.Errorf("readAsk(%q) = %q, want %q", tt.situation, got, tt.request)
		}
	}
}

// Drafts of the kinds four rounds of readers called broken, by other
// writers: the engine keeps the writer's words rather than rebuild what
// it cannot stand behind.
func TestNoBrokenRebuild(t *testing.T) {
	chk := newChecker(t)
	eng := rebuilder(guide.Default(), chk)
	tests := []struct {
		name        string
		req         Request
		want, never []string
	}{
		{
			name:  "a reason said as a fragment is no offer",
			req:   Request{Audience: guide.AudienceClient, Stakes: guide.StakesMedium, Draft: "Not painting Saturday. 90% humidity forecast. Tuesday 8am earliest."},
			want:  []string{"Tuesday 8am"},
			never: []string{"How about 90%", "How about humidity"},
		},
		{
			name:  "a day said with its state is offered as the day",
			req:   Request{Audience: guide.AudiencePeer, Stakes: guide.StakesLow, Draft: "No. Crane's on the Leeds job Monday. Free Wednesday."},
			want:  []string{"Wednesday"},
			never: []string{"Free Wednesday?"},
		},
		{
			name:  "a verbless no is no order",
			req:   Request{Audience: guide.AudienceReport, Stakes: guide.StakesLow, Draft: "Refund not possible. Offer store credit instead."},
			want:  []string{"Refund not possible."},
			never: []string{"Could you refund not possible", "refund not possible?", "[what you can offer instead]"},
		},
		{
			name:  "a no with its reason spliced on stays as written",
			req:   Request{Audience: guide.AudienceLeadership, Stakes: guide.StakesLow, Draft: "Not doing another late close, did 4 this week. Ask Tom, he wants shifts. I'll do the early on Sunday."},
			want:  []string{"did 4 this week", "Sunday"},
			never: []string{"hold off on doing another late close, did 4", "this week?"},
		},
		{
			name:  "a noun phrase joined by \"or\" is never cut",
			req:   Request{Audience: guide.AudienceClient, Stakes: guide.StakesHigh, Draft: "No. We're not putting our logo or our agency name on that ad, and frankly you'll be on your own with the regulator. We can run the compliant version Friday."},
			want:  []string{"our logo or our agency name"},
			never: []string{"our logo. Our agency", "Our agency name on"},
		},
		{
			name:  "a purpose stays with its clause",
			req:   Request{Audience: guide.AudienceLeadership, Stakes: guide.StakesCritical, Draft: "No. I am not warning the landlord first, so he can clear the flat before the inspectors get there. I'm calling environmental health today."},
			never: []string{". He can clear the flat"},
		},
		{
			name:  "\"Can't,\" is no greeting, and a person the situation names is kept",
			req:   Request{Audience: guide.AudienceReport, Stakes: guide.StakesLow, Situation: "A buyer asks her manager to approve a £9,000 order; anything above £8,000 needs the finance director, Omar Haddad.", Draft: "Can't, it's over my limit. Omar."},
			want:  []string{"Omar"},
			never: []string{"Can't, It's", "[what you can offer instead]"},
		},
		{
			name:  "a reply asked for is theirs to send",
			req:   Request{Audience: guide.AudiencePeer, Stakes: guide.StakesMedium, Draft: "The road route is 40 hours, nothing I can do. Either the client takes 40 hours or pays for air. Please revert by 4pm, loading is at 6."},
			never: []string{"Let's revert"},
		},
		{
			name:  "thanks stay a courtesy, good wishes stay with the greeting",
			req:   Request{Audience: guide.AudienceClient, Stakes: guide.StakesMedium, Draft: "Dear Madam,\n\nHope you are doing well. Kindly note this is the 5th revision on the logo when the contract allows 2. If we do not get sign-off by Monday, the print slot moves to the 20th.\n\nThank you for your understanding.\n\nAda"},
			want:  []string{"Dear Madam,\n\nHope you are doing well.", "Thank you for your understanding."},
			never: []string{"we thank you", "suggest we thank"},
		},
		{
			name:  "an emoji that ended a sentence still ends it; bringing it in is theirs",
			req:   Request{Audience: guide.AudienceClient, Stakes: guide.StakesLow, Draft: "No slots today sorry 😬 Friday ok? Bring it in before 10"},
			want:  []string{"sorry. Friday"},
			never: []string{"sorry Friday", "What if we bring", "Could we bring"},
		},
		{
			name:  "the sender's own \"who\" is no request; a price with an ultimatum is no offer to ask about",
			req:   Request{Audience: guide.AudienceLeadership, Stakes: guide.StakesHigh, Situation: "Email from the IT manager, who wants to keep offsite backups, to the finance director, who has asked her to cancel the backup contract to save £12,000.", Draft: "Absolutely not. Cancelling backups is insane, ransomware kills companies like ours. Cheaper provider at £7,000, done."},
			want:  []string{"cancel the backup contract", "cancelling backups"},
			never: []string{"keep offsite backups, to the finance director", "How about Cheaper", "about Cancelling"},
		},
		{
			name:  "a no said as an interjection keeps what it refuses",
			req:   Request{Audience: guide.AudienceClient, Stakes: guide.StakesMedium, Draft: "No way Saturday, parts aren't in. Monday 8am."},
			want:  []string{"Saturday won't work, parts aren't in."},
			never: []string{"Saturday, parts"},
		},
		{
			name:  "a sentence that points back at the proposal goes after it",
			req:   Request{Audience: guide.AudiencePeer, Stakes: guide.StakesLow, Draft: "nope, away that weekend. try Sue? she asked for extra shifts"},
			want:  []string{"Sue", "She asked for extra shifts"},
			never: []string{"She asked for extra shifts. Could"},
		},
		{
			name:  "a condition run on without its comma gets it back",
			req:   Request{Audience: guide.AudienceClient, Stakes: guide.StakesCritical, Draft: "Nobody goes up that tower until it's certified. If a rigger falls off an untagged platform it's me in court, not you. The inspector comes Friday."},
			want:  []string{"If a rigger falls off an untagged platform, it's me in court"},
			never: []string{"There's a real risk that a rigger falls off an untagged platform it's"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rewriteHas(t, eng, chk, tt.req, tt.want, tt.never)
		})
	}
}

// An acknowledgement that names what the draft itself offers is the
// writer's want, not theirs; one that names what it refuses, asks back
// or grants on a condition is theirs.
func TestOwnWant(t *testing.T) {
	tests := []struct {
		ack, draft string
		own        bool
	}{
		{"I know delaying the slab pour to Thursday matters to you.", "We're not pouring Monday. Engineer hasn't signed off the steel. Thursday 7am, once he has.", true},
		{"I can see why getting 6 staff matters.", "With 4 we've got one on the register. Give me 6 and I'll shut the fitting rooms at 2pm.", true},
		{"I know you want us to pour the house slab on Monday 14 April.", "We are NOT pouring Monday. Sharma's out Wednesday 16th, we pour Thursday 17th.", false},
		{"I know you want us to waive Rs 4.2 lakh in detention charges.", "And now you are expecting us to absorb Rs 4.2 lakh detention? Maximum we can do is waive 50%.", false},
		{"I understand wanting to bring the drop forward from 12 September to 29 August.", "If marketing is desperate for the 29th, launch knitwear and bags that day and coats on the 12th.", false},
		{"I understand you'd like the assay report by Friday.", "The plate run gave CV of 23%. We will repeat the run on Monday 3rd.", false},
	}
	for _, tt := range tests {
		if got := ownWant(tt.ack, readDraft(tt.draft)); got != tt.own {
			t.Errorf("ownWant(%q, %q) = %v, want %v", tt.ack, tt.draft, got, tt.own)
		}
	}
}
