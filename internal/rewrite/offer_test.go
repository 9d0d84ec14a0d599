package rewrite

import "testing"

// TestNarrativeOffer: what a situation told as a story says the writer
// could offer, said as the writer would, or nothing. The situations are
// writers' briefs of development rounds.
func TestNarrativeOffer(t *testing.T) {
	tests := []struct {
		name, situation, want string
	}{
		{
			name:      "the writer's own could, the asker's office said as yours (round 183)",
			situation: "Tricia Nowak is the office manager at Kowalski Floors, a carpet installer in Jefferson Park, Chicago. Linda Kowalczyk, a property manager who has booked nine jobs with them this year, had three units re-carpeted in a Portage Park building. The contract has a $175 trip fee for missed access. Linda emails asking for the fee to be waived because she is a repeat customer. Tricia could waive half, give it as credit on the next job, or arrange to pick up keys from Linda's office in future.",
			want:      "I could waive half, give it as credit on the next job, or arrange to pick up keys from your office in future.",
		},
		{
			name:      "'is willing to', ending where the writer's next verb starts (round 180)",
			situation: "Cal Brenner is cutting boss for a logging contractor delivering Douglas-fir sawlogs to a mill in Columbia Falls, Montana. The mill's log scaler, Darrell, texts that loads are coming in at 16'6\" when the mill now needs 16'8\" trim, and asks Cal's crew to re-buck the roughly 40 loads already decked at the landing. Cal is willing to switch to 16'8\" from today and wants the mill to take the decked logs at 16-foot scale.",
			want:      "I'm willing to switch to 16'8\" from today.",
		},
		{
			name:      "the writer is the one asked ('asks head keeper Mary'), the offer a thing that could be done",
			situation: "Heather teaches at a riding school near Ballyclare. Her colleague Sharon has messaged asking to have the outdoor arena from 9 to 11 this Saturday for a pony club rally practice (12 children). Heather already has two group lessons booked in the outdoor arena at 9 and 10. The indoor school is free on Saturday from 9 to 11, so either group could move there.",
			want:      "The indoor school is free on Saturday from 9 to 11, so either group could move there.",
		},
		{
			name:      "a risk said with 'could' is no offer; the sentence that offers comes after it (round 181)",
			situation: "Tatenda Mupfumira is Compliance Manager at Borrowdale Gardens Hotel & Casino in Harare. The General Manager, Mr Makoni, has emailed asking to open the new 12-table gaming floor extension this Saturday. The licence endorsement has not been issued; running unlicensed tables could bring fines or suspension of the whole casino licence. The extension could be used for the gala as a non-gaming cocktail area, and the Board has done expedited inspections for a fee before.",
			want:      "The extension could be used for the gala as a non-gaming cocktail area, and the Board has done expedited inspections for a fee before.",
		},
		{
			name:      "a sentence about the message itself is no offer (round 120)",
			situation: "Distribution centre in Hornby, Christchurch. GM Operations Phil has announced 24/7 picking from 3 March. Night shift manager Sione replies. A staffing agency has already quoted a shared shuttle van at NZ$420 a week, and the reach truck servicing could move to two weeknight 4-hour windows, but the draft mentions neither.",
			want:      "",
		},
		{
			name:      "'but she could offer': the writer's could after a but (round 181)",
			situation: "Janet Hamill owns a livery yard near Ballymena. Client Colin Gault keeps his horse Murphy on full livery at £460 a month and owes £1,840 (four months). He has emailed asking, for the third time, to defer payment to the end of next month. Janet can't carry the debt any longer, but she could offer a payment plan (£300 a month on top of the current month's fee) or move Murphy to grass livery at £180 a month.",
			want:      "I could offer a payment plan (£300 a month on top of the current month's fee) or move Murphy to grass livery at £180 a month.",
		},
		{
			name:      "a 'she' that may be the horse is not guessed (round 181)",
			situation: "Darla Beasley manages a 38-horse boarding barn outside Opelika, Alabama. On Wednesday Kayla messages asking to turn the mare out with the main mare herd on Thursday. Darla could offer hand-grazing twice a day, turnout in the isolation paddock that backs onto the mare pasture so she can see the others, and a vet nasal swab on day 7 that could clear her early.",
			want:      "",
		},
		{
			name:      "the asker's name in what the writer knows is not guessed at (round 184)",
			situation: "Sachin Kale is production manager at a gerbera polyhouse farm in Talegaon. Supervisor Pooja Jadhav sends a WhatsApp asking for leave on Saturday 8 Feb. Sachin knows two packers can be borrowed from the Chakan unit for the day, and Pooja has already trained Rohit to run the grading line.",
			want:      "",
		},
		{
			name:      "what the writer knows, said as a fact",
			situation: "Kwame Mensah runs a borehole crew in Tamale. The client, Mr Issah, texts asking for the pump to be fitted today. Kwame knows three labourers could dig the pit by hand by about 2pm.",
			want:      "Three labourers could dig the pit by hand by about 2pm.",
		},
		{
			name:      "a situation in the writer's own words is said as written",
			situation: "My client wants the launch moved up to Friday. QA needs until Wednesday. I could ship the landing page Friday and the checkout the Wednesday after.",
			want:      "I could ship the landing page Friday and the checkout the Wednesday after.",
		},
		{
			name:      "the asker's could is not the writer's",
			situation: "Gary Ling is yard foreman at the Norwich depot. Colin Baldry messages asking to borrow minibus VX19 again this weekend. Colin could hire one from the Dereham depot instead.",
			want:      "",
		},
		{
			name:      "a sentence cut at an abbreviation ('Rs.') is no offer; the brief's 'Or' is not said (round 200)",
			situation: "Nadeesha Wijeratne is a QA executive at a packaging converter in the Katunayake export processing zone. Lahiru, the shipping executive, comes to her desk. He wants her to sign the Certificate of Conformity for 240,000 food-contact cartons now. Nadeesha could pay SGS Rs. 38,000 for express 48-hour reporting, so the results would come on Monday evening. Or the 90,000 outer shipping cases, which don't touch food and are already cleared, could go on Tuesday's vessel and the food cartons on Friday's sailing. She says neither.",
			want:      "The 90,000 outer shipping cases, which don't touch food and are already cleared, could go on Tuesday's vessel and the food cartons on Friday's sailing.",
		},
		{
			name:      "'could offer two things.' announces offers and names none (round 200)",
			situation: "Chaminda Jayasuriya is operations manager at a secure mailing house in Biyagama. The director, Mr Roshan Wickramasinghe, asked him to switch off the camera-based matching for the month-end run. Chaminda could offer two things. Shift lead Nuwan has confirmed that 8 operators will work an overnight shift on Thursday.",
			want:      "",
		},
		{
			name:      "the brief's hedge is dropped, the space after the modal kept ('I couldoffer' had been said; development data)",
			situation: "Dave Ackroyd is managing director of Northlight VFX. The client's producer, Sam, emails asking for the director's cut to start now although the last invoice is 60 days overdue. Dave could reasonably offer to start the director's cut once the invoice is paid, with 50% upfront on the new shots.",
			want:      "I could offer to start the director's cut once the invoice is paid, with 50% upfront on the new shots.",
		},
		{
			name:      "a situation in the other person's words offers nothing",
			situation: "Can we ship the release on Friday?",
			want:      "",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := narrativeOffer(draftSentences(tt.situation)); got != tt.want {
				t.Errorf("narrativeOffer:\n got %q\nwant %q", got, tt.want)
			}
		})
	}
}

// TestWithSceneOffer: the offer goes after the last paragraph or line
// that says something, before the closing lines.
func TestWithSceneOffer(t *testing.T) {
	tests := []struct{ name, text, want, offer string }{
		{"a letter: its own paragraph before the pleasantries and the name",
			"Hi Linda,\n\nThe $175 fee does apply.\n\nPlease let me know if you have any other questions!\n\nHave a great day,\n\nTricia Nowak\nOffice Manager, Kowalski Floors",
			"Hi Linda,\n\nThe $175 fee does apply.\n\nI could waive half.\n\nPlease let me know if you have any other questions!\n\nHave a great day,\n\nTricia Nowak\nOffice Manager, Kowalski Floors", ""},
		{"a chat line: after it", "Can't do Saturday, the van's booked", "Can't do Saturday, the van's booked. I could waive half.", ""},
		{"a text with a name on its own line", "Can't do Saturday.\nDan", "Can't do Saturday. I could waive half.\nDan", ""},
		{"said already: nothing added", "Fee applies. I could waive half.", "Fee applies. I could waive half.", ""},
		{"a line that ends on its sign-off: before it (round 186)", "We'll take it out of the spec and I'll send a revised quote Monday. Cheers, Mark", "We'll take it out of the spec and I'll send a revised quote Monday. I could waive half. Cheers, Mark", ""},
		{"a pleasantry closing the line: before it", "Can't swap, I'm on the Helston run. Enjoy Falmouth", "Can't swap, I'm on the Helston run. I could waive half. Enjoy Falmouth", ""},
		{"the offer's facts said already: nothing added (round 89)", "Could you send me the three names by Friday? Dr Byrne is free Wednesday 2 October at 1pm or Thursday 3rd at 4pm, on Teams.", "Could you send me the three names by Friday? Dr Byrne is free Wednesday 2 October at 1pm or Thursday 3rd at 4pm, on Teams.", "Dr Byrne is free Wednesday 2 October at 1pm or Thursday 3 October at 4pm."},
		{"the day the draft refuses is no offer said (round 196)", "Can't do Saturday, the lift is booked solid.", "Can't do Saturday, the lift is booked solid. I could offer Saturday only with overtime at time and a half.", "I could offer Saturday only with overtime at time and a half."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			offer := tt.offer
			if offer == "" {
				offer = "I could waive half."
			}
			got, _ := withSceneOffer(tt.text, offer)
			if got != tt.want {
				t.Errorf("withSceneOffer:\n got %q\nwant %q", got, tt.want)
			}
		})
	}
}
