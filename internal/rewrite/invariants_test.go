package rewrite

import (
	"testing"

	"github.com/pushback/pushback/internal/guide"
)

func TestJabShapes(t *testing.T) {
	tests := []struct {
		s            string
		sentence     bool
		clause       bool
		timed, nverb bool
	}{
		{s: "Every time Derek gets excited at a conference the team eats it on weekends.", sentence: true},
		{s: "Every time Marco promises a client a feature, my team loses a weekend.", sentence: true},
		{s: "That's a wish list from someone who hasn't done a late shift in ten years.", sentence: true},
		{s: "Nobody who made this call has taught a ninth-grade class in January.", sentence: true},
		{s: "Honestly who thought adding co-op 6 weeks out from cert was a good idea??", sentence: true},
		{s: "Who decided we could ship this without QA?", sentence: true},
		// A rule said with "nobody" is no jab; nor is our own habit, nor a real question.
		{s: "Nobody who isn't a trained carnivore keeper goes into that enclosure, ever."},
		{s: "Every time we deploy on a Friday something breaks.", timed: true}, // (a time it does not refuse: read as an offer)
		{s: "Who can cover the Saturday shift?"},
		{s: "That's as far as I'll go.", sentence: true},
		{s: "Ringing me four times a day won't dry it.", sentence: true},
		{s: "Chasing my team every hour won't make the lab any faster.", sentence: true},
		{s: "Skipping the tests won't save time."},
		{s: "Kindly do not escalate to our director again for this, it is not helping anybody.", sentence: true},
		{s: "Please don't ask me about this again.", sentence: true},
		{s: "I'm not losing my job so you can work from your sofa.", sentence: true},
		{s: "Your 'savings' plan just dumps the cost on my team.", sentence: true},
		{s: "Please don't email the donor list again until legal signs off."},
		{s: "That's the plan we agreed in March.", timed: false},
		{s: "and your team knows it very well", clause: true},
		{s: "If we send this data they will reject it and then again we will be blamed", clause: true},
		{s: "and I'm a bit surprised you'd expect it", clause: true},
		{s: "but they clearly haven't looked at our rota", clause: true},
		{s: "frankly I don't know who came up with it", clause: true},
		{s: "Mate I don't know what you've been promised but the wheat's at 14.5%", clause: true},
		{s: "I'll let you know by Friday.", timed: true},
		{s: "As you know, the freeze is on the 3rd.", timed: true}, // (a fact read as an offer: it only spares a slot)
		{s: "Thursday 6pm earliest.", timed: true, nverb: true},
		{s: "We lift tomorrow 6am, forecast is 15-20.", timed: true},
		{s: "One email on the 1st.", timed: true},
		{s: "Can do half by Friday.", timed: true},
		{s: "Ep 14 can't go out tomorrow.", timed: false},
		{s: "Last year the checkout was down for 40 minutes.", timed: false},
		{s: "Anything over £500 goes to committee.", timed: false},
		{s: "Mrs. Haddad asked to stay anonymous, in writing, on 2 June.", timed: false},
		{s: "We can't cut QA from 10 days to 2 days; that's exactly how the June outage happened.", timed: false},
		{s: "It'll be ready Wednesday 3pm like we agreed.", timed: true},
		{s: "Can't do Friday, Monday works.", timed: true},
		{s: "Budgeting, frankly.", nverb: true},
		{s: "MFA stays on."},
		{s: "That way nothing breaks during the gala."},
	}
	for _, tt := range tests {
		if got := jabSentence(tt.s); got != tt.sentence {
			t.Errorf("jabSentence(%q) = %v, want %v", tt.s, got, tt.sentence)
		}
		if got := jabClause(tt.s); got != tt.clause {
			t.Errorf("jabClause(%q) = %v, want %v", tt.s, got, tt.clause)
		}
		if got := timedOffer(tt.s); got != tt.timed {
			t.Errorf("timedOffer(%q) = %v, want %v", tt.s, got, tt.timed)
		}
		if got := noVerbAtAll(tt.s); got != tt.nverb {
			t.Errorf("noVerbAtAll(%q) = %v, want %v", tt.s, got, tt.nverb)
		}
	}
}

// The invariants on whole rewrites, in words no cue was written for: a
// terse offer is the alternative (no slot), a jab goes whole, no
// sentence without a verb, no refusal said twice, and no request read
// from what the writer wants.
func TestRewriteInvariants(t *testing.T) {
	chk := newChecker(t)
	eng := rebuilder(guide.Default(), chk)
	tests := []struct {
		name  string
		req   Request
		want  []string
		never []string
	}{
		{
			name: "a terse earliest time is the offer",
			req: Request{Audience: guide.AudienceLeadership, Stakes: guide.StakesHigh,
				Situation: "Retail chain. The ops director wants the warehouse stock count done tonight; the scanners are being reflashed until Saturday.",
				Draft:     "No count tonight, the scanners are down. Saturday 10am earliest."},
			want:  []string{"The earliest is Saturday 10am."},
			never: []string{"[what you can offer instead]", "earliest."},
		},
		{
			name: "a terse day at the end is the offer",
			req: Request{Audience: guide.AudiencePeer, Stakes: guide.StakesMedium,
				Situation: "A colleague asks for the pricing page copy by tomorrow.",
				Draft:     "can't tomorrow, legal still has it. we ship it friday"},
			want:  []string{"riday"},
			never: []string{"[what you can offer instead]"},
		},
		{
			name: "a generalisation about a named person goes whole",
			req: Request{Audience: guide.AudienceLeadership, Stakes: guide.StakesHigh,
				Situation: "Agency. The account director, Marco, promised the client a chatbot by the 30th.",
				Draft:     "Every time Marco promises a client a feature, my team loses a weekend. We have 2 developers and 19 open tickets. We can scope the chatbot for the March release."},
			want:  []string{"2 developers and 19 open tickets", "March release"},
			never: []string{"Every time", "loses a weekend"},
		},
		{
			name: "a who-did-it question and a dig at someone's experience go",
			req: Request{Audience: guide.AudienceLeadership, Stakes: guide.StakesMedium,
				Situation: "Hospital ward. The operations manager wants the night shift cut from 4 nurses to 3.",
				Draft:     "Who decided 3 nurses was enough for 28 beds? That's a rota from someone who has never worked a night on this ward. We had 2 falls last month with 4 on. Keep 4 until the March review."},
			want:  []string{"2 falls last month", "March review"}, // (the question's 28 beds go with it)
			never: []string{"Who decided", "someone who"},
		},
		{
			name: "the writer's want is not their request",
			req: Request{Audience: guide.AudienceLeadership, Stakes: guide.StakesHigh,
				Situation: "Video game studio. The creative director came back from a conference wanting a co-op mode added before launch. The writer wants co-op in the first post-launch patch in May.",
				Draft:     "Not before cert, we have 412 open bugs. If you want co-op it goes in the May patch."},
			want:  []string{"412 open bugs", "May patch"},
			never: []string{"can't have co-op in the first post-launch patch"},
		},
		{
			name: "a kept refusal is not said again from the situation",
			req: Request{Audience: guide.AudienceClient, Stakes: guide.StakesHigh,
				Situation: "Audit firm. A client CFO wants the audit opinion on the 30 June accounts signed this Friday.",
				Draft:     "We won't be signing the 30 June accounts this week. Not happening."},
			want:  []string{"We won't be signing the 30 June accounts this week."},
			never: []string{"We can't sign the audit opinion"},
		},
		{
			name: "an oath, a threat after a request and a no that says again go; the question, the request and the time stay",
			req: Request{Audience: guide.AudiencePeer, Stakes: guide.StakesMedium,
				Situation: "IT operations. A colleague asks why the nightly backup still runs on the old server.",
				Draft:     "Why on earth is the backup job still on the old server? Kindly do not ping my engineers again about this. The migration ships Thursday 9am. Tell me which night suits you by Friday or nothing moves this month."},
			want:  []string{"Why is the backup job still on the old server?", "Thursday 9am", "by Friday"},
			never: []string{"on earth", "again", "nothing moves"},
		},
		{
			name: "a rhetorical lead-in keeps what it was about",
			req: Request{Audience: guide.AudienceReport, Stakes: guide.StakesMedium,
				Situation: "Vet clinic. The reception lead built a roster with no nurse monitoring anaesthesia after 11am.",
				Draft:     "How many times do I have to say it, a nurse on the monitor for every GA, no exceptions. Move the Kowalski dental to Friday 10:30."},
			want:  []string{"a nurse on the monitor for every GA", "Friday 10:30"},
			never: []string{"How many times"},
		},
		{
			name: "a reproach about next time and a sneer in quotes go; a verbless order by a time is asked",
			req: Request{Audience: guide.AudienceReport, Stakes: guide.StakesMedium,
				Situation: "Print shop. A junior sent the client proofs with last year's prices.",
				Draft:     "Nobody 'checked' anything, clearly. The proofs went out at 14:10 with the 2023 price list. Corrected proofs to me by 4 today please, not tomorrow. And read the job sheet next time."},
			want:  []string{"14:10", "2023 price list", "Could you send me the corrected proofs by 4 today?"},
			never: []string{"'checked'", "next time", "not tomorrow"},
		},
		{
			name: "a clipped 'no way we' at critical stakes is said as a no, and not asked about",
			req: Request{Audience: guide.AudienceLeadership, Stakes: guide.StakesCritical,
				Situation: "Offshore wind farm. The project manager wants the crew transfer to turbine 14 this afternoon.",
				Draft:     "No way we transfer in this. Waves are 2.8m and the limit is 1.5m. We go at first light tomorrow, forecast is 1.1m."},
			want:  []string{"We can't transfer in this.", "first light tomorrow"},
			never: []string{"No way", "Does that work for you?", "Would that work for you?", "[what you can offer instead]"},
		},
		{
			name: "a question with a statement spliced on is asked, then said; a name alone on the last line signs off",
			req: Request{Audience: guide.AudienceLeadership, Stakes: guide.StakesHigh,
				Situation: "Hospital records. A consultant wants patient lists emailed to a personal address.",
				Draft:     "Hi Sam,\n\nAbsolutely not, are you mad? That's 900 patients going to a personal inbox. Get a VPN laptop from the IT desk, I can have one ready by 4.\n\nAnna"},
			want:  []string{"? I can have one ready by 4.", "\n\nAnna"},
			never: []string{"desk, I can"},
		},
		{
			name: "a past that could have gone otherwise is blame; a gerund before a number is no name; an earliest date with its condition",
			req: Request{Audience: guide.AudienceClient, Stakes: guide.StakesHigh,
				Situation: "Law firm. The client wants the contract signed today without the indemnity review.",
				Draft:     "Honestly, if your team had sent the draft when we asked, we wouldn't be here. Signing 40 pages unreviewed is reckless. Tuesday earliest, after the indemnity review."},
			want:  []string{"signing 40 pages unreviewed", "Tuesday is the earliest, after the indemnity review."},
			never: []string{"if your team had", "Signing 40", "Tuesday earliest", "[what you can offer instead]"},
		},
		{
			name: "a greeting to two names stays a greeting; a verdict on a group and disbelief at them go",
			req: Request{Audience: guide.AudienceClient, Stakes: guide.StakesMedium,
				Situation: "Wedding venue. The couple want to add 40 guests two weeks before the day; the hall is licensed for 150.",
				Draft:     "Hi Priya and Tom,\n\nYou can't be serious. Typical wedding planners, always last minute. 190 in that hall isn't legal, the licence is 150. We could put 40 in the garden marquee, about £900 extra.\n\nBest,\nClaire"},
			want:  []string{"Hi Priya and Tom,\n\n", "the licence is 150", "garden marquee", "\n\nBest,\nClaire"},
			never: []string{"serious", "Typical", "How about hi"},
		},
		{
			name: "a bare thing refused is not had by us but given",
			req: Request{Audience: guide.AudienceClient, Stakes: guide.StakesHigh,
				Situation: "Cloud hosting company. The client wants root access to a shared production server.",
				Draft:     "Not going to happen, it's a shared box with 60 other customers on it. You can have a dedicated instance with full root, £240 a month, live by tomorrow morning."},
			want:  []string{"60 other customers", "£240 a month"},
			never: []string{"Not going to happen", "We can't have root access"},
		},
		{
			name: "a two-word setting line is no request",
			req: Request{Audience: guide.AudienceReport, Stakes: guide.StakesMedium,
				Situation: "Call centre. A team leader wants to cancel all agent training this month to hit call targets.",
				Draft:     "No. Every time we cut training, complaints go up the month after. Move two sessions to Friday afternoons instead."},
			want:  []string{"cancel all agent training this month", "Friday afternoons"},
			never: []string{"can't call centre"},
		},
		{
			name: "a verbless question echoing the request in disbelief goes when its numbers are said elsewhere",
			req: Request{Audience: guide.AudienceClient, Stakes: guide.StakesMedium,
				Situation: "Catering company. The client wants the menu changed to all-vegan three days before a 200-guest dinner.",
				Draft:     "Three days before a 200-cover dinner? You must be joking. Our supplier orders went in on Monday. We can do a vegan main for up to 60 guests at no extra cost."},
			want:  []string{"200-guest dinner", "went in on Monday", "up to 60 guests"},
			never: []string{"200-cover dinner?", "joking"},
		},
		{
			name: "an order to stop is no going along, whatever the judge's stance",
			req: Request{Audience: guide.AudienceReport, Stakes: guide.StakesLow,
				Situation: "Dental practice. The receptionist has been booking three hygiene patients an hour for Sarah, who is running late all week.",
				Draft:     "stop booking 3 hygiene pts an hour for Sarah, she's drowning. 2 max from monday pls"},
			want:  []string{"3 hygiene pts an hour for Sarah", "2 max from monday"},
			never: []string{"stop booking"},
		},
		{
			name: "a default after a request is said as one, and a message that asks which is not asked again",
			req: Request{Audience: guide.AudienceClient, Stakes: guide.StakesMedium,
				Situation: "Radio station. The client's ad file arrived after the deadline for the breakfast slots.",
				Draft:     "Your file landed at 23:07 and the deadline is 17:00. I can give you the 08:20 today at no charge or start the full rotation Tuesday. Tell me which by 2pm or it's Tuesday."},
			want:  []string{"23:07", "which by 2pm", "Otherwise it's Tuesday."},
			never: []string{"? It's Tuesday", "Would that work for you?", "Does that work for you?", "Which would you prefer?"},
		},
		{
			name: "contempt in a condition goes, the offer after it stays",
			req: Request{Audience: guide.AudienceClient, Stakes: guide.StakesCritical,
				Situation: "Managed IT. The client wants MFA off for their finance director.",
				Draft:     "MFA stays on. If your finance director can't manage an app, fine, give him a hardware key, we'll courier one by Monday."},
			want:  []string{"hardware key", "by Monday"},
			never: []string{"fine,", "can't manage"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { rewriteHas(t, eng, chk, tt.req, tt.want, tt.never) })
	}
}

func TestGarbledOpening(t *testing.T) {
	tests := []struct {
		s    string
		want bool
	}{
		{"I understand you'd like us to escalate the bioanalytical assay report by Friday and has to the lab director.", true},
		{"I know you want us to move the the launch.", true},
		{"I understand you'd like me to shift lead Kyle asked his production supervisor.", true},
		{"I know the client asked the team for a demo on Friday.", true},
		{"I know you'd like the report by Friday.", false},
		{"I know getting the release out matters to.", true},
		{"I know getting the release out by Friday matters to you.", false},
		{"We can't have the new payroll system live on the 1st.", false},
		{"I understand the board has to sign it off.", false},
	}
	for _, tt := range tests {
		if got := garbledOpening(tt.s); got != tt.want {
			t.Errorf("garbledOpening(%q) = %v, want %v", tt.s, got, tt.want)
		}
	}
}
