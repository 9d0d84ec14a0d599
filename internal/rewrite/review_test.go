package rewrite

import (
	"slices"
	"testing"

	"github.com/pushback/pushback/internal/guide"
)

// What two blind readers caught in the first round's rewrites of fresh
// drafts (development data now: /work/blind): the independent checks
// must catch it too, and pass the rewrite the engine gives now.
func TestInspectCatchesReaders(t *testing.T) {
	tests := []struct {
		name  string
		in    InspectInput
		bad   string   // the first round's rewrite
		fails []string // checks it must fail
		good  string   // this round's rewrite: passes every check
	}{
		{
			name: "d01: a slot after the draft's own alternative, and an open question where the no should stand",
			in: InspectInput{Stakes: guide.Stakes("high"), Situation: "Residential construction, Brisbane. Text message to the client, developer Greg Pattison, who has rung the site foreman twice asking to pour the house slab on Monday 14 April. The writer (site manager) knows the structural engineer (Sharma Consulting) has not yet signed off the reinforcement inspection, 40mm of rain is forecast for Sunday night, and Sharma can inspect Wednesday 16th, so the earliest pour is Thursday 17 April.",
				Draft: "Greg mate I don't know how many times I have to say this. We are NOT pouring Monday. Sharma hasn't signed off the reo, there's 40mm of rain forecast Sunday night, and if you'd bothered reading my email from Thursday you'd know all that already. Pour on a wet subgrade and you get a cracked slab and a warranty claim that'll cost you 60 grand, not me. Sharma's out Wednesday 16th, we pour Thursday 17th. And stop ringing my blokes on site trying to push them around, they answer to me."},
			bad:   "Greg mate I don't know how many times I have to say this. I can't recommend pouring Monday. Sharma hasn't signed off the reo, there's 40mm of rain forecast Sunday night, and if you'd bothered reading my email from Thursday you'd know all that already. Pour on a wet subgrade. Sharma's out Wednesday 16th, we pour Thursday 17th. We shouldn't ring my blokes on site trying to push them around, they answer to me. Instead, I'd strongly recommend [what you can offer instead]. Can we talk it through?",
			fails: []string{"alternative", "firmness"},
			good:  "Greg,\n\nI know you want us to pour the house slab on Monday 14 April. We can't pour Monday. Sharma hasn't signed off the reo, and there's 40mm of rain forecast Sunday night. If we pour on a wet subgrade, you get a cracked slab and a warranty claim that'll cost you 60 grand. Sharma's out Wednesday 16th, we pour Thursday 17th.",
		},
		{
			name: "d08: the situation's channel said back as their goal",
			in: InspectInput{Stakes: guide.Stakes("medium"), Situation: "Home and garden retailer, Ohio head office. Email reply (no greeting) from a merchandising manager to junior merchandiser Tyler, who has submitted a purchase order for 2,400 more units of the spring patio set because it 'sold well'. Sell-through is 38% chain-wide with 600 units still in the distribution centre; 14 stores are above 60% sell-through. Last year an over-order on fire pits led to a $180k markdown.",
				Draft: "Tyler did you even look at the numbers before you sent this? 38% sell-through, 600 units sitting in the DC, and you want another 2,400? That's how we ended up eating a $180k markdown on the fire pits last year. No. Pull the store-level report, reorder only for the 14 stores above 60%, max 300 units total, and send it to me by Thursday. And please check the data before it gets to me next time."},
			bad:   "I hear that you need me to email reply. I have some reservations about it, though. 38% sell-through, 600 units sitting in the DC, and you want another 2,400? That's how we ended up eating a $180k markdown on the fire pits last year. I'd suggest we pull the store-level report, reorder only for the 14 stores above 60%, max 300 units total, and send it to me by Thursday. I'd suggest we check the data before it gets to me next time. Would that work for you?",
			fails: []string{"splice"},
			good:  "Tyler,\n\nI can't approve the purchase order for 2,400 more units of the spring patio set. We have 38% sell-through and 600 units sitting in the DC. That's how we ended up eating a $180k markdown on the fire pits last year. Please pull the store-level report, reorder only for the 14 stores above 60%, max 300 units total, and send it to me by Thursday. Please check the data before it gets to me next time. Would that work for you?",
		},
		{
			name: "d16: a must-not-do at critical stakes ending on a question",
			in: InspectInput{Stakes: guide.Stakes("critical"), Situation: "Healthcare software vendor, US. Email reply (no greeting) from the implementation lead to Dr. Okafor, medical director at a client clinic, who asks for an export of all 8,400 patient records (names, DOB, diagnoses) to be emailed to his personal Gmail so he can do a quality review from home this weekend. The clinic's IT can set him up on VPN with the reporting module by Friday.",
				Draft: "Dr. Okafor, we are not emailing 8,400 patient records to a gmail account. That is a HIPAA breach, full stop, and frankly someone in your position should know better than to ask. If you want to work from home, your IT team can get you on the VPN with the reporting module by Friday. Until then the data stays where it is."},
			bad:   "Dr. Okafor,\n\nI hear that you need me to email reply. I can't support emailing 8,400 patient records to a gmail account. That is a HIPAA breach, and frankly someone in your position should know better than to ask. If you want to work from home, your IT team can get you on the VPN with the reporting module by Friday. Until then the data stays where it is. Instead, I'd strongly recommend [what you can offer instead]. Can we talk it through?",
			fails: []string{"firmness", "alternative"},
			good:  "Dr. Okafor,\n\nI understand wanting to do a quality review from home this weekend. We can't email 8,400 patient records to a gmail account. That is a HIPAA breach. If you want to work from home, your IT team can get you on the VPN with the reporting module by Friday. Until then the data stays where it is.",
		},
		{
			name: "d13: an ultimatum left as a verbless scrap",
			in: InspectInput{Stakes: guide.Stakes("medium"), Situation: "Real estate agency, Sydney suburbs. SMS to a seller client who insists on listing their three-bedroom house at $1.25M. Recent comparable sales on the street and nearby are $1.05M-$1.1M. The agent's recommended guide is $1.09M.",
				Draft: "Won't list at 1.25. Comps don't support it. 1.09 or find another agent."},
			bad:   "Won't list at 1.25. Comps don't support it. 1.09 or find another agent. What I'd suggest instead is [what you can offer instead]. Would that work for you?",
			fails: []string{"splice"},
			good:  "I'd rather we didn't list at 1.25. Recent comparable sales on the street and nearby are $1.05M-$1.1M. Comps don't support it. How about 1.09?",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := tt.in
			in.Text = tt.bad
			var failed []string
			for _, r := range Inspect(in) {
				if !r.Pass {
					failed = append(failed, r.Name)
				}
			}
			for _, f := range tt.fails {
				if !slices.Contains(failed, f) {
					t.Errorf("check %s passes the first round's rewrite; failed: %v\n%s", f, failed, tt.bad)
				}
			}
			in.Text = tt.good
			for _, r := range Inspect(in) {
				if !r.Pass {
					t.Errorf("check %s fails this round's rewrite: %s\n%s", r.Name, r.Detail, tt.good)
				}
			}
		})
	}
}

// The firmness check on its own: a refusal at critical stakes made a
// preference fails; said as one it passes; at low stakes an alarm fails.
func TestInspectFirmness(t *testing.T) {
	draft := "No, we are not discharging Mr. Alvarez today. His potassium was 6.1 this morning."
	tests := []struct {
		stakes guide.Stakes
		draft  string
		text   string
		pass   bool
	}{
		{guide.StakesCritical, draft, "I'd rather we held off on discharging Mr. Alvarez today. His potassium was 6.1 this morning.", false},
		{guide.StakesCritical, draft, "I can't support discharging Mr. Alvarez today. His potassium was 6.1 this morning. Can we talk it through?", false},
		{guide.StakesCritical, draft, "We can't discharge Mr. Alvarez today. His potassium was 6.1 this morning.", true},
		{guide.StakesMedium, draft, "I'd rather we held off on discharging Mr. Alvarez today. His potassium was 6.1 this morning.", true},
		{guide.StakesLow, "Fine by me, go with Georgia.", "I need to flag a serious risk with Georgia.", false},
		{guide.StakesLow, "Georgia's fine, but I'd keep the current font.", "I'd keep the current font, but Georgia is fine too.", true},
	}
	for _, tt := range tests {
		for _, r := range Inspect(InspectInput{Draft: tt.draft, Text: tt.text, Stakes: tt.stakes}) {
			if r.Name == CheckFirm && r.Pass != tt.pass {
				t.Errorf("%s stakes, %q: pass %v, want %v (%s)", tt.stakes, tt.text, r.Pass, tt.pass, r.Detail)
			}
		}
	}
}
