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

// What the fourth round's readers called broken (development data now:
// /work/blind/drafts4.jsonl), by kind: the splice check fails the round's
// rewrite and passes this round's.
func TestSpliceCatchesRound4(t *testing.T) {
	tests := []struct{ id, draft, bad, good string }{
		{"g03", "Who asked you to commit 24 hours to Guwahati?? Same thing happened with Medisys in August and ops got blamed for it. Road via Kolkata is 48-52 hours, that is the reality, nothing I can do about it. Every time sales people promise the moon and then simply forward the mail to us. Either you call Zenith today itself and tell them 48 hours, or they pay approx Rs 18,000 extra for air and we book it tonight. Please revert before 6pm, pickup is tomorrow 14th. And kindly check with ops BEFORE promising next time.",
			"Same thing happened with Medisys in August and ops got blamed for it. Road via Kolkata is 48-52 hours; that is the reality, nothing I can do about it. Every time sales people promise the moon and then simply forward the mail to us. Either you call Zenith today itself and tell them 48 hours, or they pay approx Rs 18,000 extra for air and we book it tonight. Let's revert before 6pm, pickup is tomorrow 14th. Which would you prefer?",
			"Same thing happened with Medisys in August and ops got blamed for it. Road via Kolkata is 48-52 hours; that is the reality, nothing I can do about it. Every time sales people promise the moon and then simply forward the mail to us. Either you call Zenith today itself and tell them 48 hours, or they pay approx Rs 18,000 extra for air and we book it tonight. Could you revert before 6pm? Pickup is tomorrow 14th. Which would you prefer?"},
		{"g04", "Good afternoon Sir,\n\nTrust this meets you well. Kindly note that this is now the 7th round of changes on the KV, whereas the contract clearly states 3 rounds. With all due respect, we cannot continue like this. My team has been working till 11pm every night because your side keeps changing mind.\n\nPlease be informed that if we do not receive final approval by Wednesday 12 noon, we will not be held responsible for missing the Friday launch, and any rebooking cost of the billboard (N450,000) will be borne by your company. Launch will then move to Tuesday 2nd.\n\nThank you for your understanding.\n\nTunde",
			"Good afternoon Sir,\n\nI know getting copy and visual locked by Wednesday 12 noon matters to you. Trust this meets you well. Kindly note that this is now the 7th round of changes on the KV, whereas the contract clearly states 3 rounds. We cannot continue like this. My team has been working till 11pm every night because your side keeps changing mind. Please be informed that if we do not receive final approval by Wednesday 12 noon, we will not be held responsible for missing the Friday launch, and any rebooking cost of the billboard (N450,000) will be borne by your company. The launch will then move to Tuesday 2nd. I'd suggest we thank you for the understanding. Would that work for you?\n\nTunde",
			"Good afternoon Sir,\n\nTrust this meets you well. Kindly note that this is now the 7th round of changes on the KV, whereas the contract clearly states 3 rounds. We cannot continue like this. My team has been working till 11pm every night because your side keeps changing mind. Please be informed that if we do not receive final approval by Wednesday 12 noon, we will not be held responsible for missing the Friday launch, and any rebooking cost of the billboard (N450,000) will be borne by your company. The launch will then move to Tuesday 2nd.\n\nWould that work for you? Thank you for your understanding.\n\nTunde"},
		{"g10", "Not pouring Friday. 18mm forecast. Monday 7am earliest.",
			"I'm afraid I can't pour Friday. The earliest is Monday 7am. How about 18mm forecast?",
			"I'm afraid I can't pour Friday. 18mm forecast. The earliest is Monday 7am. Would that work for you?"},
		{"g12", "Leave not possible. Apply for some other dates.",
			"Apply for some other dates. Could you leave not possible?",
			"Leave not possible. Could you apply for some other dates?"},
		{"g14", "Are you actually serious? Nobody is setting foot on that scaffold until it's inspected and tagged, I don't care what the programme says. If a roofer goes through a lift that's not been signed off it's me in front of the HSE, not you. Inspector's here Thursday 10am. I'll put the roofers on the dormer frames on the ground Tue and Wed so you're not paying £1,200 a day for them to drink tea. Don't ask me again.",
			"I understand wanting the roofing firm to charge £1,200 a day standing time. Are you actually serious? Nobody is setting foot on that scaffold until it's inspected and tagged. There's a real risk that a roofer goes through a lift that's not been signed off it's me in front of the HSE. The inspector's here Thursday 10am. I'll put the roofers on the dormer frames on the ground Tue and Wed so you're not paying £1,200 a day for them to drink tea. Does that work for you?",
			"Are you actually serious? Nobody is setting foot on that scaffold until it's inspected and tagged. If a roofer goes through a lift that's not been signed off, it's me in front of the HSE. The inspector's here Thursday 10am. I'll put the roofers on the dormer frames on the ground Tue and Wed so you're not paying £1,200 a day for them to drink tea. Does that work for you?"},
		{"g24", "Can't, it's over my limit. Janet.",
			"Can't, It's over my limit. Would [what you can offer instead] work for you?",
			"Can't; it's over my limit. Janet. Would that work for you?"},
		{"s15", "Dear Mr. Agarwal ji,\n\nFrankly speaking it is very difficult for us to do anything when data is not coming on time. 15th is not possible.\n\nThanks and Regards,\nCA Meera Kulkarni\nKulkarni & Associates",
			"Speaking it is very difficult for us to do anything when data is not coming on time. 15th is not possible. Does that work for you? Thanks and Regards, CA Meera Kulkarni Kulkarni & Associates",
			"Dear Mr. Agarwal ji,\n\nIt is very difficult for us to do anything when data is not coming on time. 15th is not possible.\n\nThanks and Regards,\nCA Meera Kulkarni\nKulkarni & Associates"},
		{"g26", "Not doing a double Sat, did 3 last wk. Ask Ciara, she wants hours. I'll do 5 til close.",
			"Could we hold off on doing a double Sat, did 3 last wk? I'll do 5 til close. Could we ask Ciara instead? She wants hours.",
			"I'm not doing a double Sat, did 3 last wk. I'll do 5 til close. Could we ask Ciara instead? She wants hours."},
	}
	for _, tt := range tests {
		splice := func(text string) Review {
			for _, r := range Inspect(InspectInput{Draft: tt.draft, Text: text}) {
				if r.Name == CheckSplice {
					return r
				}
			}
			t.Fatal("no splice check")
			return Review{}
		}
		if r := splice(tt.bad); r.Pass {
			t.Errorf("%s: the splice check passes the round's rewrite:\n%s", tt.id, tt.bad)
		}
		if r := splice(tt.good); !r.Pass {
			t.Errorf("%s: the splice check fails this round's rewrite: %s\n%s", tt.id, r.Detail, tt.good)
		}
	}
}

// The splice check is of what the engine breaks: a sentence the writer
// wrote without a verb stays theirs ("1.09 or find another agent."), one
// the engine made is a fault.
func TestSpliceKeepsWritersSentences(t *testing.T) {
	d := "Won't list at 1.25. Comps don't support it. 1.09 or find another agent."
	tests := []struct {
		text string
		pass bool
	}{
		{"I won't list at 1.25. Comps don't support it. 1.09 or find another agent.", true},
		{"Won't list at 1.25. Comps don't support it. 1.09 or another agent today.", false},
		{"I won't list at 1.25. Maybe 1.09 or another agent.", false},
	}
	for _, tt := range tests {
		r := inspectSplice(newSpliceFinds(tt.text), false, &writersText{d: d})
		if r.Pass != tt.pass {
			t.Errorf("splice(%q) pass = %v (%s), want %v", tt.text, r.Pass, r.Detail, tt.pass)
		}
	}
}

// A sentence the trim kept as the head of the writer's own sentence is the
// writer's, whatever mark the writer cut it at.
func TestWritersSentence(t *testing.T) {
	d := "No Saturdays off Nov or Dec, you knew that. No Sundays either — ask Priya. Not the 14th; the 21st works. Tuesday is out-of-hours."
	tests := []struct {
		m    string
		want bool
	}{
		{"No Saturdays off Nov or Dec.", true},
		{"No Sundays either.", true}, // (an em dash: three bytes)
		{"Not the 14th.", true},
		{"Tuesday is out.", false}, // (a hyphen inside a word is no cut)
		{"No Saturdays off.", false},
		{"Ask Priya.", false},
	}
	for _, tt := range tests {
		if got := writersSentence(tt.m, d); got != tt.want {
			t.Errorf("writersSentence(%q) = %v, want %v", tt.m, got, tt.want)
		}
	}
}
