package rewrite

import (
	"testing"

	"github.com/pushback/pushback/internal/check"
	"github.com/pushback/pushback/internal/guide"
)

// TestRulesWithJudge: the offline engine with the embedded judge, as users
// run it. In a draft the judge fails, the sentence it reads the draft
// better without goes, whatever its words, while the no, the facts and the
// offer stay; and what the rules do with the judge's verdict on the draft.
// Drafts of the blind rounds (development data).
func TestRulesWithJudge(t *testing.T) {
	chk := check.Default()
	eng := NewRules(guide.Default(), chk)
	tests := []struct {
		name        string
		req         Request
		want, never []string
	}{
		{
			name: "g05: Are you having a laugh? 40 covers of bru",
			req:  Request{Audience: "leadership", Stakes: "medium", Situation: "The owner of a 60-cover gastropub in Galway wants to start a Sunday brunch from 11am next month, expecting 40 covers, using the existing Sunday kitchen crew (head chef, one commis called Darragh, one kitchen porter) who also have Sunday lunch service from 1pm. The head chef is willing if brunch is a set menu of 6 dishes capped at 30 covers and he gets one extra KP from 9am (about \u20ac110 per Sunday).", Draft: "Are you having a laugh? 40 covers of brunch at 11 and then straight into Sunday lunch at 1 with me, Darragh and one KP? We're in the weeds most Sundays as it is. You've never stood on the pass at half twelve on a Sunday so you wouldn't know. I'm not doing a full \u00e0 la carte brunch, end of. If you want it, it's 6 dishes, max 30 covers, and I get another KP from 9. That's about \u20ac110 a week. Otherwise forget it."},
			want: []string{"6 dishes, max 30 covers"}, never: []string{"Are you having a laugh"},
		},
		{
			name: "g14: Are you actually serious? Nobody is sett",
			req:  Request{Audience: "client", Stakes: "critical", Situation: "The developer's project manager tells the site manager on a 4-storey block of flats in Croydon to let the roofers start work from the scaffold at 7am tomorrow. The scaffold was extended to the 4th lift yesterday and has not been inspected or tagged; the scaffolding contractor's inspector can't come until Thursday 10am. The roofing firm charges \u00a31,200 a day standing time. The site manager can put the roofers on ground-level dormer frame assembly and loading out materials on Tuesday and Wednesday.", Draft: "Are you actually serious? Nobody is setting foot on that scaffold until it's inspected and tagged, I don't care what the programme says. If a roofer goes through a lift that's not been signed off it's me in front of the HSE, not you. Inspector's here Thursday 10am. I'll put the roofers on the dormer frames on the ground Tue and Wed so you're not paying \u00a31,200 a day for them to drink tea. Don't ask me again."},
			want: []string{"Thursday 10am", "dormer frames"}, never: []string{"Are you actually serious"},
		},
		{
			name: "g02: Yeah sure, 4 staff on Boxing Day, what c",
			req:  Request{Audience: "leadership", Stakes: "medium", Situation: "Area manager emails the store manager of a surf-and-apparel store in a Brisbane Westfield: roster Boxing Day with 4 staff instead of last year's 7 to hit the new wage target. Last Boxing Day the store took $38,000 with 7 on the floor and the register queue still hit 40 minutes at 11am. The store manager wants 6 staff, and would close the fitting rooms from 2pm so the afternoon can run on 4.", Draft: "Yeah sure, 4 staff on Boxing Day, what could possibly go wrong. Did anyone at head office actually look at last year? We did $38k with 7 on and the queue was still 40 minutes at 11. With 4 we've got one on the register, one on fitting rooms and two trying to fold the whole store back together while people walk out with stuff. It's a joke. Whoever built that wage target has never worked a Boxing Day in their life. Give me 6 and I'll shut the fitting rooms at 2pm so we can run the arvo on 4. That's the best I can do."},
			want: []string{"$38k", "fitting rooms"}, never: []string{"Did anyone at head office"},
		},
		{
			name: "e15: Absolutely not, are you mad? Those meals",
			req:  Request{Audience: "client", Stakes: "critical", Situation: "Message from the unit manager of an airline catering kitchen at O.R. Tambo airport, Johannesburg, to the airline's catering procurement manager, who asked to load 2,400 chicken meals onto tomorrow morning's flights because replacement stock can't be made in time. A chiller failed overnight and the meals sat at 9\u00b0C for about four hours; the kitchen's HACCP plan requires chilled meals held above 5\u00b0C for more than two hours to be discarded. The kitchen can produce 1,800 cold vegetarian pasta meals by 05:00 and cover the remaining 600 with sandwich and snack boxes.", Draft: "Absolutely not, are you mad? Those meals sat at 9 degrees for four hours. If a planeload of passengers gets salmonella at 35,000 feet that's on you, not me, and I'm not losing my licence for your on-time stats. They're going in the bin, end of story. I can do 1,800 cold veg pasta by 05:00 and the other 600 as sandwich/snack boxes. That's what you're getting."},
			want: []string{"They're going in the bin", "1,800 cold veg pasta"}, never: []string{"are you mad", "on you, not me"},
		},
		{
			name: "a manager's no to a report ends on what they can do",
			req: Request{Audience: guide.AudienceReport, Stakes: guide.StakesLow, Channel: "chat",
				Situation: "Veterinary clinic. Text reply from the practice manager to vet nurse Kayla, who asks to leave at 3pm today. Two spays are scheduled at 3:30 and she is the only nurse on for surgery; she could leave at 5.",
				Draft:     "no, we've got the 2 spays at 3:30. you can go at 5"},
			want:  []string{"2 spays at 3:30", "go at 5"},
			never: []string{"Would that work for you?", "Does that work for you?"},
		},
		{
			name: "a request for an answer by a day is no offer of the day",
			req: Request{Audience: guide.AudienceClient, Stakes: guide.StakesMedium,
				Situation: "A residential client, Dave, emailed asking the architect to 'just nudge the stair over 3 feet' to fit a walk-in closet. Dave and his wife Karen approved and signed the stair layout on March 14; permit drawings went to the city on the 2nd. Moving the stair is a structural revision: $4,800 in additional fees and 3-4 weeks of city re-review, which would miss the framing contractor Hendricks' start on June 10. The writer wants to build the closet under the stair landing instead (about 5x7 ft, no permit revision, no delay).",
				Draft:     "Dave, we have been over this. Twice. The stair location was approved by you and Karen on March 14 and you signed the drawings. They went to the city on the 2nd. Moving the stair now isn't 'just nudging it over,' it's a structural revision, it's $4,800 in additional fees, and the city will take another 3-4 weeks to re-review, which blows your framing date with Hendricks on June 10. Honestly I don't know how many more ways I can explain that walls hold things up. If you want the closet we can build it under the landing, roughly 5x7, no permit revision, no delay. That's the one I'd do. Let me know by Friday."},
			want:  []string{"under the landing", "Let me know by Friday"},
			never: []string{"How about Let", "How about let"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rewriteHas(t, eng, chk, tt.req, tt.want, tt.never)
		})
	}
}

// TestKeeps: the clauses the judge's reading leaves to the rules: a no,
// and a day or a time unless it is asked of them about their past.
func TestKeeps(t *testing.T) {
	tests := []struct {
		s    string
		want bool
	}{
		{"Sorry but this is not possible.", true},
		{"next monday fine", true},
		{"Friday ok?", true},
		{"I don't think we can do it this weekend.", true},
		{"were you in the shop last Saturday at all?", false},
		{"Did anyone look at the roster for Friday?", false},
		{"Are you having a laugh?", false},
		{"We're a recharge center, not a charity.", false},
	}
	for _, tt := range tests {
		if got := keeps(tt.s); got != tt.want {
			t.Errorf("keeps(%q) = %v, want %v", tt.s, got, tt.want)
		}
	}
}
