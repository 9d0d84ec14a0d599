package rewrite

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/pushback/pushback/internal/check"
	"github.com/pushback/pushback/internal/guide"
)

// The offline engine trims on auto level: the draft in its writer's words,
// less the jabs, greetings, paragraphs and sign-offs where they were. The
// drafts are from the blind rounds (28-31, development data since they were
// read) and the documents.
func TestTrim(t *testing.T) {
	chk := check.Default()
	eng := NewRules(guide.Default(), chk)
	tests := []struct {
		name string
		req  Request
		want string
		note string // a note the result must carry
	}{
		{
			name: "a flat no goes; the cut-off, the next cycle and the order stay (to a report)",
			req:  Request{Audience: "report", Stakes: "medium", Situation: "A payroll officer asks the payroll lead (the writer) to reopen this month's run for 3 late overtime claims from Ops; the cut-off was the 20th and the bank file has gone.", Draft: "No. Cut-off is 20th, bank file already gone. Late OT goes next cycle. Tell Ops."},
			want: "Cut-off is 20th, bank file already gone. Late OT goes next cycle. Tell Ops.",
			note: `left out "No.": a flat no; what follows says it`,
		},
		{
			name: "a clipped no with its reason is the message, and stays",
			req:  Request{Audience: "peer", Stakes: "low", Situation: "A builder asks the building control surveyor (the writer) to inspect the footings tomorrow.", Draft: "Not tomorrow, I've 9 on already. Thursday after 2. From the pics the footings aren't even dug out anyway."},
			want: "Not tomorrow, I've 9 on already. Thursday after 2. From the pics the footings aren't dug out anyway.",
		},
		{
			name: "rhetorical questions and blame go; the no and the offer stay",
			req:  Request{Audience: "peer", Stakes: "high", Situation: "A line manager asks HR (the writer) to email staff sick leave with diagnoses to her personal Gmail.", Draft: "Eh cannot lah. You want me to send sick leave with diagnosis to your gmail? You know PDPA or not? Later leak out is my head roll, not yours. I can put the number of MC days per person, no reasons, in the HR SharePoint by Monday 9am. That's all I can give."},
			want: "Eh cannot lah. I can put the number of MC days per person, no reasons, in the HR SharePoint by Monday 9am.",
			note: `left out "You know PDPA or not?": blame or a jab at the reader`,
		},
		{
			name: "an email keeps its greeting, paragraphs, apology and sign-off",
			req:  Request{Audience: "report", Stakes: "medium", Situation: "Jess, the GM, asks for every Saturday off from March to August for netball.", Draft: "Hi Jess,\n\nGot your message about having every Saturday off March to August for netball. Sorry but no, that's not going to work. Saturday is our busiest day by a mile, 11 of our 18 bookings last week were Saturdays.\n\nWhat I can do is every second Saturday off.\n\nCheers,\nBrad"},
			want: "Hi Jess,\n\nGot your message about having every Saturday off March to August for netball. Sorry but no, that's not going to work. Saturday is our busiest day by a mile, 11 of our 18 bookings last week were Saturdays.\n\nWhat I can do is every second Saturday off.\n\nCheers,\nBrad",
		},
		{
			name: "a sentence pointing back at one that went goes with it",
			req:  Request{Audience: "client", Stakes: "medium", Situation: "A Perth homeowner wants the re-roof to start Monday; she changed the colour twice and the steel order went back in the queue each time. Supplier quotes 10 working days; earliest start 13 Jan.", Draft: "Mate you've changed the colour twice now, Surfmist then Monument then back to Surfmist, and every time you do it the steel order goes back to the end of the queue. That's not on us. Supplier's quoting 10 working days so no, we're not starting Monday. Earliest is 13 Jan."},
			want: "Supplier's quoting 10 working days so no, we're not starting Monday. Earliest is 13 Jan.",
		},
		{
			name: "a no inside venting stays; the venting and the insult go",
			req:  Request{Audience: "leadership", Stakes: "critical", Situation: "Quarry crusher stopped for a blockage; the fitter Tommo is in the chute with his personal lock on. The shift boss asks over the radio to pull the lock and restart because they are 4,000 t behind.", Draft: "Gav are you fkn serious. Tommo is still IN the chute with his lock on. Nobody's pulling a lock and nobody's restarting anything, I don't care if we're 4,000 t behind or 40,000. He reckons 40 mins, permit gets closed out, then we start, 2:30 latest."},
			want: "Tommo is still in the chute with his lock on. Nobody's pulling a lock and nobody's restarting anything. He reckons 40 mins, permit gets closed out, then we start, 2:30 latest.",
			note: `left out "I don't care if we're 4,000 t behind or 40,000.": venting`,
		},
		{
			name: "not caring what others say, 'read your emails for once' and 'I'm telling you now' go; the threat of a report and the plan stay",
			req:  Request{Audience: "peer", Stakes: "high", Situation: "A ward clerk asks the charge nurse (the writer) to move a patient with an unknown MRSA screen into the four-bed bay; the side room frees up at 3pm.", Draft: "Not in the bay. The screen isn't back and the bay has two post-op patients. I couldn't care less what bed management says. Read your bloody emails for once, the policy went round on Monday. If you move him I'll put in an incident report, I'm telling you now. Side room frees at 3, he goes there."},
			want: "Not in the bay. The screen isn't back and the bay has two post-op patients. The policy went round on Monday. If you move him I'll put in an incident report. Side room frees at 3, he goes there.",
			note: `left out "I'm telling you now": how it treats the reader`,
		},
		{
			name: "a jab's head is not cut from the 'so' that follows from it: 'We'll skip it.' alone says the opposite (round 38)",
			req:  Request{Audience: "peer", Stakes: "critical", Situation: "NHS children's speech and language therapy team in Leeds. During a session a 6-year-old told the colleague (a band 6 SLT) that 'dad hit me with his belt' and she saw marks on his arm. The colleague told the writer she'd rather not report it yet because 'mum's lovely' and it would ruin the therapy relationship she has built. Safeguarding policy requires a same-day referral to the children's social care duty line and a record on the clinical system. The writer will make the referral herself if the colleague doesn't by 3pm, and offers to sit with her while she makes the call.", Draft: "No chance. You don't get to decide mum's lovely so we'll skip it. Kid told you dad hit him wi' a belt and you SAW the marks. That goes to the duty line today, not 'once I've built a bit more rapport'. Honestly can't believe I'm having to explain this to a band 6. If you've not rung by 3 I'll ring them meself and put it on SystmOne and I'll be telling our lead why. I'll sit in with you while you do it if you want but stop faffing, it's not optional."},
			want: "Kid told you dad hit him wi' a belt and you SAW the marks. That goes to the duty line today, not 'once I've built a bit more rapport'. Can't believe I'm having to explain this to a band 6. If you've not rung by 3 I'll ring them meself and put it on SystmOne and I'll be telling our lead why. I'll sit in with you while you do it if you want but stop faffing.",
		},
		{
			name: "what a kept pronoun points back to is not cut: 'You've had it two year.' keeps the portal login (round 39)",
			req:  Request{Audience: "client", Stakes: "high", Situation: "Graeme, managing director of a Grangemouth engineering firm with 63 employees, asks the payroll bureau to email him the full payroll export (names, National Insurance numbers, bank sort codes and account numbers, salaries) to his personal Gmail, because he's at his holiday home and the company VPN won't connect. The bureau has a secure client portal and Graeme has had a login for two years (the bureau has reset his password before). Emailing the file to a personal account would breach the bureau's data processing agreement with the firm and UK GDPR. The writer can reset his portal password in five minutes by phone, or email a totals summary with no bank details or NI numbers if that's all he needs for his meeting.", Draft: "Graeme, am no sending 63 folk's bank details and NI numbers tae a gmail account. No happening. If that got hacked it's us and you in front of the ICO and I'm no losing my job for it. You've got a portal login, you've had it two year. If you've forgot the password again gie us a phone and I'll reset it, takes 5 minutes. Or I can send you the totals summary wi nae bank details or NI numbers in it if that's all you need for the meeting."},
			want: "Graeme, am no sending 63 folk's bank details and NI numbers tae a gmail account. No happening. If that got hacked it's us and you in front of the ICO and I'm no losing my job for it. You've got a portal login, you've had it two year. If you've forgot the password again gie us a phone and I'll reset it, takes 5 minutes. Or I can send you the totals summary wi nae bank details or NI numbers in it if that's all you need for the meeting.",
		},
		{
			name: "a question kept as written stays a question (round 40's 'You want us to be on the 9 o'clock news?')",
			req:  Request{Audience: "leadership", Stakes: "critical", Situation: "On the evening of 23 December the ferry shift manager phoned the deck officer at the Likoni crossing in Mombasa: the vehicle queue is 3 km long and the Governor's office is complaining, so load 80 vehicles on MV Tiwi 'just this once'. The deck officer knows MV Tiwi is rated for 60 vehicles, carries about 1,200 passengers a crossing, and the engineer said at 4pm that MV Nyali is ready to come out of the maintenance berth, which would allow two ferries every 15 minutes.", Draft: "Sir with all due respect hapana. I am not loading 80 vehicles on a vessel rated for 60, I don't care if it is the Governor or who. You want us to be on the 9 o'clock news? If she lists in that channel with 1,200 people on board it is me they will take to court not the Governor. Those who are complaining can complain. Bring Nyali out of the maintenance berth, the engineer told me at 4pm she is ready, we run 2 ferries every 15 minutes and the queue is cleared by midnight. That is my answer."},
			want: "I am not loading 80 vehicles on a vessel rated for 60. You want us to be on the 9 o'clock news? If she lists in that channel with 1,200 people on board it is me they will take to court not the Governor. Bring Nyali out of the maintenance berth, the engineer told me at 4pm she is ready, we run 2 ferries every 15 minutes and the queue is cleared by midnight. That is my answer.",
		},
		{
			name: "'Cos it weren't me.' goes with the sentence it answered (round 40)",
			req:  Request{Audience: "peer", Stakes: "high", Situation: "Sales manager Gary Pilling emailed the production supervisor at a Bolton brickworks: he has told Halliday Builders in Westhoughton they'll get 40,000 Accrington reds by Friday 21st and asked production to 'make it happen'. The supervisor knows kiln 3 has been down since Monday with a failed burner, only 18,000 bricks are graded in the yard, and kiln 3 won't be back up and cooled until Wednesday 26th.", Draft: "Gary who told Hallidays 40,000 by Friday?? Cos it weren't me. Kiln 3's been down since Monday, you were stood right there when the burner went. I've got 18,000 graded in the yard and that's yer lot. You want to stop promising stuff you've no clue about, it's me and the lads that get the earache off their site manager. 18k Friday 21st, other 22k Wednesday 26th once 3's back up and cooled. Ring 'em yerself and tell 'em cos I'm not doing it for you again."},
			want: "Kiln 3's been down since Monday, you were stood right there when the burner went. I've got 18,000 graded in the yard and that's yer lot. 18k Friday 21st, other 22k Wednesday 26th once 3's back up and cooled. Ring them yerself and tell them because I'm not doing it for you again.",
		},
		{
			name: "'No way are my lot ...' keeps its no: the verb put first is not an interjection's leftover (round 41)",
			req:  Request{Audience: "peer", Stakes: "medium", Situation: "Glasgow seafood processor. Davie, the night-shift supervisor, has asked the day shift to fillet 2 tonnes of mackerel on Friday because his crew is short. The writer runs the day line, which is full until 2pm with 14 tonnes of haddock for a supermarket order due out at 3pm Friday. This is the third Friday running Davie has asked. The writer would rather Davie's crew came in Saturday 6am and will leave the filleting machine set up for them.", Draft: "Aye very good Davie, dump yer mess on us again. We've got 14 tonne of haddock for Lidl going oot at 3 Friday, the line's full till 2. No way are my lot daein yer mackerel on top of that. Get yer boys in Saturday 6am and I'll leave the Baader set up for ye. Sort yer rota oot man, that's three Fridays in a row."},
			want: "Aye very good Davie, dump yer mess on us again. We've got 14 tonne of haddock for Lidl going oot at 3 Friday, the line's full till 2. No way are my lot daein yer mackerel on top of that. Get yer boys in Saturday 6am and I'll leave the Baader set up for ye. Sort yer rota oot man, that's three Fridays in a row.",
		},
		{
			name: "a short 'we do X' and what follows if we do are one conditional: the consequence is not cut as a jab (round 40's 'We run that.')",
			req:  Request{Audience: "peer", Stakes: "high", Situation: "Co-host Mike wants to publish episode 112 of a Chicago studio's podcast uncut on Wednesday. The producer knows the guest, Dana Ortiz, emailed on Tuesday withdrawing her remarks that her former employer Kessler Logistics was 'cooking the books'; the studio's guest release lets guests request cuts before publication. The segment runs 34:10 to 36:45 and a re-cut can be ready for Thursday.", Draft: "Are you outta your mind Mike? Dana emailed Tuesday asking us to pull the Kessler Logistics 'cooking the books' bit. In writing. Our release says she can request cuts before it goes live. We run that and it's us getting sued, not her. I'm not uploading it. Cut is 34:10-36:45, I'll bounce a new version tonight and it goes up Thursday instead of Wednesday. Deal with it."},
			want: "Dana emailed Tuesday asking us to pull the Kessler Logistics 'cooking the books' bit. In writing. Our release says she can request cuts before it goes live. We run that and it's us getting sued. I'm not uploading it. Cut is 34:10-36:45, I'll bounce a new version tonight and it goes up Thursday instead of Wednesday.",
		},
		{
			name: "the head of the writer's sentence, kept when the trim cut its tail, is the writer's words, no splice fault to hand over for (round 43)",
			req:  Request{Audience: "report", Stakes: "low", Situation: "Tayla, a junior stylist at a Townsville hair salon, asked for Saturday 30 November off for a mate's 21st. Salon policy, which she was told when she started, is no Saturdays off in November or December. She already has 7 clients booked that day. The writer is the salon owner.", Draft: "No. No Saturdays off Nov or Dec, you knew that when you started. You've got 7 booked."},
			want: "No Saturdays off Nov or Dec. You've got 7 booked.",
		},
		{
			name: "'5 pls' is no figure the trim loses when it says 'please' (round 45: the hand-over added a slot)",
			req:  Request{Audience: "peer", Stakes: "high", Situation: "Team chat at a Cairns piercing studio. The autoclave log for Saturday and Sunday was left blank and the monthly spore test, due Monday, hasn't been done. The writer, a senior piercer, has to sign the council health audit sheet on Friday.", Draft: "whoever did sat n sun left the autoclave log blank AGAIN. spore test was due monday too. not signing the council sheet friday till its done, sort it before 5 pls"},
			want: "Whoever did sat n sun left the autoclave log blank again. Spore test was due monday too. I'm not signing the council sheet friday till its done, sort it before 5 please.",
		},
		{
			name: "a greeting that ends on a full stop leaves the next sentence its capital (round 44: the hand-over garbled 'I'm not having that')",
			req:  Request{Audience: "client", Stakes: "medium", Situation: "Mrs Pritchard booked her cat Bobby into a Cardiff cattery for 14 nights at \u00a312 a night (\u00a3168 paid upfront), collected him after 9 nights and now wants the 5 unused nights (\u00a360) refunded; she also says Bobby 'looked thin'. The terms she signed at booking say no refunds for early collection; the cattery turned away 3 other cats for those August dates. Bobby weighed 5.1 kg in and 5.0 kg out, recorded on his card, and ate well all stay. The writer (owner) is willing to give \u00a330 credit against a future stay.", Draft: "Hiya Mrs Pritchard. No refund for the 5 nights I'm afraid, it's in the terms you signed by there on the form. I turned away 3 cats for them dates in August because Bobby had the pen. And thin mun? He went in 5.1kg and come out 5.0kg, it's wrote on his card, he was eating like a horse the last 4 days. Honestly I'm not having that. What I'll do is put \u00a330 credit on his account for next time, half the 5 nights. That's the best you're getting off me love."},
			want: "Hiya Mrs Pritchard. No refund for the 5 nights I'm afraid, it's in the terms you signed by there on the form. I turned away 3 cats for them dates in August because Bobby had the pen. He went in 5.1kg and come out 5.0kg, it's wrote on his card, he was eating like a horse the last 4 days. I'm not having that. What I'll do is put £30 credit on his account for next time, half the 5 nights.",
		},
		{
			name: "a question mark that went with the cut tail does not come back on the head (round 44's 'I'm not emailing ... to a Gmail?')",
			req:  Request{Audience: "client", Stakes: "critical", Situation: "Donna, office manager at a client company of a Boston payroll outsourcing firm, asks the writer to email the full payroll register (212 employees, with Social Security numbers and bank routing and account numbers) to her personal Gmail so she can work on it from home this weekend. The service contract and Massachusetts data security rules (201 CMR 17.00) forbid sending unencrypted personal information like this to personal accounts. The secure client portal works from home, or the writer could send a version with SSNs and bank details removed.", Draft: "Donna no. Absolutely not. I'm not emailing 212 people's SSNs and bank account numbers to a Gmail, are you out of your mind? That's a breach under Mass law, end of story, and it'd be my job on the line and your company's problem. You want to work from home, log into the portal, it works from your kitchen table same as the office. Or I strip the SSNs and bank info out and send you the rest. Those are your options."},
			want: "Donna no. I'm not emailing 212 people's SSNs and bank account numbers to a Gmail. Log into the portal, it works from your kitchen table same as the office. Or I strip the SSNs and bank info out and send you the rest.",
		},
		{
			name: "a doubled word the writer wrote ('now now') is no splice fault to hand over for (round 44)",
			req:  Request{Audience: "peer", Stakes: "critical", Situation: "The bed manager at a Zimbabwean district hospital asks the midwife in charge to transfer a woman in established labour (Mai Tendai, 7cm, grade 2 meconium-stained liquor) to the midwife-led unit across the corridor, because labour ward beds are needed for two referrals coming in from a rural clinic. Protocol requires continuous CTG monitoring on labour ward with a doctor available for meconium; the midwife-led unit has no CTG and no doctor. Two postnatal women in beds 3 and 6 are stable and could go to the postnatal ward to free two beds.", Draft: "No ways. Mai Tendai is 7cm with grade 2 mec, she stays on labour ward on the CTG, full stop. I am not taking her to MLU where there is no monitor and no doctor, if that baby comes out flat who is answering? Not you. You want beds, bed 3 and bed 6 are postnatal and stable, move them to the ward now now and you have your 2 beds for the referrals. But don't come and tell me to move her again."},
			want: "No ways. Mai Tendai is 7cm with grade 2 mec, she stays on labour ward on the CTG. I am not taking her to MLU where there is no monitor and no doctor, if that baby comes out flat who is answering? Bed 3 and bed 6 are postnatal and stable, move them to the ward now now and you have your 2 beds for the referrals.",
		},
		{
			name: "what a splice test finds in the writer's own words ('[inaudible]') is no reason to hand the draft to the rebuild (round 40)",
			req:  Request{Audience: "client", Stakes: "high", Situation: "Ms Achieng, an advocate at a Nairobi law firm, emailed a transcription agency asking for 14 hours of court audio transcribed within 48 hours at the standard rate, adding that the last batch was 'full of mistakes'. The agency manager knows the 'mistakes' were [inaudible] tags where the recorder sat next to an air conditioner, one transcriber does about 60 audio minutes a day properly, standard rate is KES 120 per minute (about a week) and rush is KES 180 per minute with 4 transcribers (done Friday 5pm). Last time no speaker list was sent.", Draft: "Madam with due respect, the so called mistakes in the last batch were the places where your recorder was sitting next to the AC, we marked them [inaudible] which is exactly what we are supposed to do, we cannot invent what the witness said. Now you people want 14 hours in 48 hours at the normal rate? That one is not possible, kindly understand. 14 hours is 840 minutes, one person does maybe 60 minutes a day properly. I can put 4 transcribers and give you by Friday 5pm at rush rate KES 180 per minute, or normal rate KES 120 and you get it next Wednesday. And kindly send the speaker list this time, last time we were guessing who is counsel and who is witness."},
			want: "Madam, the so called mistakes in the last batch were the places where your recorder was sitting next to the AC, we marked them [inaudible] which is exactly what we are supposed to do, we cannot invent what the witness said. 14 hours is 840 minutes, one person does maybe 60 minutes a day properly. I can put 4 transcribers and give you by Friday 5pm at rush rate KES 180 per minute, or normal rate KES 120 and you get it next Wednesday. And kindly send the speaker list this time, last time we were guessing who is counsel and who is witness.",
		},
		{
			name: "'your call' inside a clause is no tail to cut ('it's not your call anyway' had become 'it's notanyway'; round 46); the clause goes whole; 'Greg with respect' is said 'Greg,'",
			req:  Request{Audience: "leadership", Stakes: "critical", Situation: "Greg, CEO of a Central Australian regional council, asks the council's Environmental Health Officer to hold off the boil-water notice for a remote community until a resample comes back Monday, because the community's football carnival runs Friday to Sunday with about 600 visitors and he doesn't want panic or a cancellation. Wednesday's sample from Bore 2 came back positive for E. coli at 14 per 100mL. The EHO knows NT public health guidance requires an immediate boil-water advisory and has already notified the Centre for Disease Control. The tank can be chlorinated tonight and a 5,000-litre water cart sent out from Alice Springs Friday morning, so the carnival can go ahead.", Draft: "Greg with respect that's a no from me and it's not your call anyway. E. coli 14 per 100 on Bore 2. You want 600 people drinking that over a footy weekend, half of them kids and old people, and wait till Monday? That's how you end up with a plane load of kids with gastro at Alice hospital and my name on the report. Notice goes up at the store, the clinic and the oval today, CDC already know. Carnival can still run, I'll get the 5,000L water cart out from town Friday morning and we dose the tank tonight. But I'm not sitting on a positive result for a footy carnival mate. Not happening."},
			want: "Greg, that's a no from me. E. Coli 14 per 100 on Bore 2. You want 600 people drinking that over a footy weekend, half of them kids and old people, and wait till Monday? That's how you end up with a plane load of kids with gastro at Alice hospital and my name on the report. Notice goes up at the store, the clinic and the oval today, CDC already know. Carnival can still run, I'll get the 5,000L water cart out from town Friday morning and we dose the tank tonight. But I'm not sitting on a positive result for a footy carnival.",
		},
		{
			name: "the writer's own no stays, and is not said twice",
			req:  Request{Audience: "client", Stakes: "critical", Situation: "Fire safety practitioner on the Gold Coast. The building manager of a Surfers Paradise high-rise asks him to sign the annual fire safety statement today (it is due to the fire service tomorrow). On Tuesday the hydrant booster pump failed its test.", Draft: "Mate I'm not signing it. Booster pump failed Tuesday and the two doors on level 14 still don't close on their own. You've got 300 people in that building over Christmas and you want my name on a bit of paper saying it's all sweet? Not a chance, it's my licence and it's someone's life. Get the pump bloke in Thursday like he offered."},
			want: "Mate I'm not signing it. Booster pump failed Tuesday and the two doors on level 14 still don't close on their own. You've got 300 people in that building over Christmas. It's my licence and it's someone's life. Get the pump bloke in Thursday like he offered.",
		},
		{
			name: "\"Or\" stays when what it joins stays",
			req:  Request{Audience: "leadership", Stakes: "high", Situation: "The hotel manager booked a 40-cover wedding dinner for Saturday without telling the head chef.", Draft: "Three courses aff our existing wedding menu, and Jamie in fae St Andrews for the night, £180. Or you can phone the bride yersel and explain."},
			want: "Three courses aff our existing wedding menu, and Jamie in fae St Andrews for the night, £180. Or you can phone the bride yersel and explain.",
		},
		{
			name: "a short instruction to a report stands as given",
			req:  Request{Audience: "report", Stakes: "low", Situation: "A volunteer presenter asks to swap his Saturday show for the Sunday news desk.", Draft: "Nah mate. Stick with your Saturday."},
			want: "Stick with your Saturday.",
			note: `left out "Nah mate.": a flat no; what follows says it`,
		},
		{
			name: "the word that was the meaning stays (\"Sure, try it.\")",
			req:  Request{Audience: "report", Stakes: "low", Situation: "Tee, a bookseller, proposes moving the Louisiana cookbooks from the back wall to the table by the front door.", Draft: "Sure, try it. I'd have kept them on the back wall since folks ask for them anyway, but it's your section. Give it through Mardi Gras and we'll look at how they sold."},
			want: "Sure, try it. I'd have kept them on the back wall since folks ask for them anyway, but it's your section. Give it through Mardi Gras and we'll look at how they sold.",
		},
		{
			name: "a contemptuous verdict is said plainly",
			req:  Request{Audience: "report", Stakes: "medium", Situation: "A developer estimated 2 days for the billing migration ticket.", Draft: "Your estimate of 2 days is a joke. The last similar ticket took 9 days. Redo it."},
			want: "Your estimate of 2 days isn't realistic. The last similar ticket took 9 days. Redo it.",
			note: `said plainly: "a joke"`,
		},
		{
			name: "a bare no is said again with what it refuses, from the situation",
			req:  Request{Audience: "leadership", Stakes: "medium", Situation: "Could you present the numbers to the board tomorrow?", Draft: "Nope, the Q4 numbers aren't final until Thursday. I can send the draft pack on Friday morning."},
			want: "I'm afraid I can't present the numbers to the board tomorrow. The Q4 numbers aren't final until Thursday. I can send the draft pack on Friday morning.",
		},
		{
			name: "'a mate' is a friend, not a vocative; 'Blessings,' is a sign-off (round 48, 49)",
			req:  Request{Audience: "peer", Stakes: "low", Situation: "A mill social-club organiser asks the glamping site owner (the writer) for fireworks and 38 guests at the end-of-year do on the 29th.", Draft: "Hi Tracey,\n\nFireworks aren't happening, sorry. We're under a total fire ban till further notice. You can bring gas BBQs or use our two for free, and I can get a mate in to do a lantern show on the dam for $450 if you want something after dark. Also 38 isn't going to fit, we sleep 24 max.\n\nBlessings,\nShane\nMill Creek Glamping"},
			want: "Hi Tracey,\n\nFireworks aren't happening, sorry. We're under a total fire ban till further notice. You can bring gas BBQs or use our two for free, and I can get a mate in to do a lantern show on the dam for $450 if you want something after dark. Also 38 isn't going to fit, we sleep 24 max.\n\nBlessings,\nShane\nMill Creek Glamping",
		},
		{
			name: "after a name's comma a weekday keeps its capital (round 48)",
			req:  Request{Audience: "leadership", Stakes: "high", Situation: "The unit's bed manager, Fiona, has promised a ninth patient a Tuesday twilight dialysis chair; the unit runs 8 chairs and 2 nurses.", Draft: "Fiona, who decided this? Because it wisnae anybody who's set foot in the unit. Tuesday twilight is 8 chairs, 8 patients, 2 nurses. Agnes Reid's Wednesday 1pm chair is free fae the 12th. Put him there."},
			want: "Fiona, Tuesday twilight is 8 chairs, 8 patients, 2 nurses. Agnes Reid's Wednesday 1pm chair is free fae the 12th. Put him there.",
		},
		{
			name: "'that's a load of squit' goes; a quotation keeps its quotes (round 49)",
			req:  Request{Audience: "peer", Stakes: "critical", Situation: "A social worker, Sarah, asks the school nurse (the writer) to hold off a referral about a 14-year-old's 22-year-old 'boyfriend' because the girl may stop coming to clinic.", Draft: "With respect Sarah that's a load of squit and you know it. She's 14, he's 22. That's a grown man grooming a child. I'm putting the referral in to children's services this afternoon. Hold yew hard on the 'she won't come back' line, that's how kids get hurt."},
			want: "She's 14, he's 22. That's a grown man grooming a child. I'm putting the referral in to children's services this afternoon. Hold yew hard on the 'she won't come back' line, that's how kids get hurt.",
			note: "left out \"With respect Sarah that's a load of squit\": an insult",
		},
		{
			name: "'and that somebody is not me' goes whole, not as 'that somebody is.' (round 48)",
			req:  Request{Audience: "leadership", Stakes: "high", Situation: "The bakery owner asks the production head (the writer) to pack 180 cream pastries from a cold room that was at 14 degrees overnight.", Draft: "Sir, those 180 cream pastries are going in the dustbin. Cold room was at 14 degree from 11 at night till 8 in the morning. Give me the two boys from packing and we will do 120 fresh by 4 pm. Remaining 60 orders somebody has to phone and tell, and that somebody is not me."},
			want: "Sir, those 180 cream pastries are going in the dustbin. Cold room was at 14 degree from 11 at night till 8 in the morning. Give me the two boys from packing and we will do 120 fresh by 4 pm. Remaining 60 orders somebody has to phone and tell.",
			note: "left out \"that somebody is not me.\": blame or a jab at the reader",
		},
		{
			name: "'did anyone actually read', 'no matter how you count it' go (round 48)",
			req:  Request{Audience: "client", Stakes: "medium", Situation: "A hen-party organiser, Jade, booked the bell tents (16 max) and now wants 22 guests.", Draft: "Alright Jade. I'm not being funny but did anyone actually read the booking? 16 max in the bell tents. 22 isn't 16 no matter how you count it. I can give you the shepherd's hut for 2 more at £95 a night. Need to know by Friday."},
			want: "Alright Jade. 16 max in the bell tents. 22 isn't 16. I can give you the shepherd's hut for 2 more at £95 a night. Need to know by Friday.",
			note: "left out \"no matter how you count it\": how it treats the reader",
		},
		{
			name: "'Simply you didn't look' goes; 'How many times I told you,' goes and the instruction after it stays (round 49)",
			req:  Request{Audience: "report", Stakes: "medium", Situation: "A print-room operator, Nuwan, ran 600 jars of labels with an old batch code K-12.", Draft: "600 jars with K-12 labels. Simply you didn't look. How many times I told you, check the batch sheet before you start the roll. All 600 must be relabelled K-14 before Saturday 12 noon. Dilani will come Friday to help you."},
			want: "600 jars with K-12 labels. Check the batch sheet before you start the roll. All 600 must be relabelled K-14 before Saturday 12 noon. Dilani will come Friday to help you.",
			note: "left out \"How many times I told you\": how it treats the reader",
		},
		{
			name: "'who told the Kellys ...??' stays when what follows points back at it ('paid for it', 'ring them'; round 51)",
			req:  Request{Audience: "peer", Stakes: "medium", Situation: "At a caravan park at Barwon Heads, a co-worker on reception told a regular family, the Kellys, they could have powered site 12 for Easter. Site 12 was booked and paid for in February by the Nguyens. The writer wants the co-worker to ring the Kellys today and offer site 27.", Draft: "who told the Kellys they could have 12 for Easter?? Nguyens paid for it in Feb. ring them today and give em 27"},
			want: "Who told the Kellys they could have 12 for Easter? Nguyens paid for it in Feb. ring them today and give them 27.",
		},
		{
			name: "a cut head goes back when the rest of its sentence points at it ('there's room for it'; round 51)",
			req:  Request{Audience: "client", Stakes: "medium", Situation: "Seasonal pitch holder Mr Dobson at a holiday park near Silloth, Cumbria, emailed the site warden: he has bought a 4 m x 3 m roofed deck and a second shed and will put both up on pitch 17 'this weekend, it's my pitch, I pay £2,950 a year'. The warden knows the site licence requires 6 m between units for fire separation; the deck would leave 3.5 m to the Hendersons' van on pitch 18. An open deck up to 1 m deep along the front, with no roof, is allowed, plus one shed per pitch. Corner pitch 41 is free and has room for the bigger deck; the £150 transfer fee can be waived if he moves before the park reopens on 1 March.", Draft: "Mr Dobson, aye it's your pitch, but it's my name on the site licence, not yours. You put a 4 metre deck with a roof on 17 and you're 3 and a half metre off the Hendersons' van. Licence says 6. If one of them goes up the other goes up with it, that's the whole point of it, it's nowt to do with me being awkward. You can have an open deck, 1 metre deep along the front, no roof, and one lile shed like everybody else. Or if you're that set on the big deck, 41 on the corner is empty and there's room for it, and I'll not charge you the £150 transfer if you're moved before we open on 1st March. But if that deck's up on Saturday it's coming down Monday and you'll be paying the lad who takes it down."},
			want: "Mr Dobson, aye it's your pitch. You put a 4 metre deck with a roof on 17 and you're 3 and a half metre off the Hendersons' van. Licence says 6. If one of them goes up the other goes up with it, that's the whole point of it, it's nowt to do with me being awkward. You can have an open deck, 1 metre deep along the front, no roof, and one lile shed like everybody else. Or if you're that set on the big deck, 41 on the corner is empty and there's room for it, and I'll not charge you the £150 transfer if you're moved before we open on 1st March. But if that deck's up on Saturday it's coming down Monday and you'll be paying the lad who takes it down.",
		},
		{
			name: "a clause that 'so that's' points back to stays (round 50)",
			req:  Request{Audience: "client", Stakes: "medium", Situation: "Bec is opening a cafe on Brisbane Street, Launceston on Saturday 12 October and wants the signwriter to do full gold-leaf lettering on the front and back windows in two days, and to drop the quote from $2,850 to $2,000. The signwriter knows gilding needs three days minimum (the size must tack overnight and is slow in the cold), needs access from Wednesday 9 October while Bec's fit-out crew is still there, and cannot cut the price on the same job. Dropping the back window saves $900 ($1,950 for the front), and a temporary vinyl version for the opening costs $380, with gilding the following week, 14-17 October.", Draft: "Hi Bec,\n\nThanks for your email, sorry it's taken me a couple of days to get back to you, it's been flat out with the Invermay job and the ute's been playing up again so I've been back and forth to the mechanic on Wellington St all week, anyway. So re the windows. I know you want it done for the opening and I get it, everyone wants the front looking schmick on day one, but honestly whoever told you two days for gold leaf was dreaming, not the way I do it anyway. The size has to go off overnight and with the weather we've been having (it was 4 degrees at my place this morning) it takes even longer, then there's the backing up and the outline, so it's three days minimum and that's if nobody's leaning on the glass. I'd need to be in from the Wednesday, that's the 9th, which I know is when your fit-out blokes are still in there, so that's a whole other thing. And on the price, I'd love to help but $2,000 doesn't cover it, the leaf alone has gone up heaps this year, 23 carat isn't cheap and I'm not doing it in imitation. What I could do is take the back window off the job, that's $900 of it, so you'd be at $1,950 for the front. And for the opening I could stick up a vinyl version for $380 so it doesn't look empty and then do the real gilding the week after, 14th to 17th, when it's quieter. Anyway have a think and let me know, no rush but sort of a rush if you want the vinyl by Saturday haha.\n\nCheers,\nDave"},
			want: "Hi Bec,\n\nThanks for your email, sorry it's taken me a couple of days to get back to you, it's been flat out with the Invermay job and the ute's been playing up again so I've been back and forth to the mechanic on Wellington St all week, anyway. So re the windows. I know you want it done for the opening and I get it, everyone wants the front looking schmick on day one. The size has to go off overnight and with the weather we've been having (it was 4 degrees at my place this morning) it takes even longer, then there's the backing up and the outline, so it's three days minimum and that's if nobody's leaning on the glass. I'd need to be in from the Wednesday, that's the 9th, which I know is when your fit-out blokes are still in there, so that's a whole other thing. And on the price, I'd love to help but $2,000 doesn't cover it, the leaf alone has gone up heaps this year, 23 carat isn't cheap and I'm not doing it in imitation. What I could do is take the back window off the job, that's $900 of it, so you'd be at $1,950 for the front. And for the opening I could stick up a vinyl version for $380 so it doesn't look empty and then do the real gilding the week after, 14th to 17th, when it's quieter. Have a think and let me know, no rush but sort of a rush if you want the vinyl by Saturday haha.\n\nCheers,\nDave",
		},
		{
			name: "no full stop where a cut 'that's it' was inside a sentence (round 51: 'as of the 12th., so'), and 'Jul, jul' (a song) is no doubled word to hand over for",
			req:  Request{Audience: "leadership", Stakes: "low", Situation: "Worship committee chair Karen emailed the choir director of a Lutheran church in Minnesota on 26 November asking the choir to add four new anthems, one of them in Norwegian, for the Christmas Eve services at 4 and 10 pm. The director knows there are three Wednesday rehearsals left (Dec 3, 10, 17); the choir has 22 singers and six of them leave for Arizona on Dec 12, including two of the three tenors. The choir sang 'Jul, jul, strålande jul' in 2022 and could bring it back with one rehearsal; a congregational carol with a choir descant would also work.", Draft: "Oh for fun, four new anthems with three rehearsals. Sure Karen, and maybe we can do the whole service in Norwegian while we're at it, uff da. Did anybody on the committee think to ask the people who actually have to sing it? We've got Dec 3, 10 and 17, that's it, and six of my 22 are in Mesa as of the 12th, so by the last rehearsal I'm down to 16 and one tenor. We are not learning four pieces and I am not putting a half-learned anthem up at 10 pm on Christmas Eve. We can bring back Jul, jul, strålande jul from 2022, they know it, one rehearsal and it's there. And I'll write a descant for O Come All Ye Faithful with the congregation. That's what we've got."},
			want: "Oh for fun, four new anthems with three rehearsals. Sure Karen, and maybe we can do the whole service in Norwegian while we're at it, uff da. We've got Dec 3, 10 and 17, and six of my 22 are in Mesa as of the 12th, so by the last rehearsal I'm down to 16 and one tenor. We are not learning four pieces and I am not putting a half-learned anthem up at 10 pm on Christmas Eve. We can bring back Jul, jul, strålande jul from 2022, they know it, one rehearsal and it's there. I'll write a descant for O Come All Ye Faithful with the congregation. That's what we've got.",
		},
		{
			name: "'Sir with all due respect,' and 'Dat's it.' go (round 50)",
			req:  Request{Audience: "report", Stakes: "low", Situation: "Kezia, a traffic warden, asks her supervisor to move her to the quieter Arnos Vale route for two weeks; that route is training a recruit and Bay Street is two wardens short.", Draft: "Sir with all due respect, Arnos Vale is for the new recruit this fortnight and Bay Street is two short for carnival. You stay on Bay Street. Dat's it."},
			want: "Sir, Arnos Vale is for the new recruit this fortnight and Bay Street is two short for carnival. You stay on Bay Street.",
		},
		{
			name: "', not my dispatchers' goes with the jab it finished (round 53)",
			req:  Request{Audience: "leadership", Stakes: "high", Situation: "Deputy Chief Alvarez (operations) emailed that Medic 14 and Medic 22, both based on the east side of the county, will be posted at the county fair and rodeo grounds as dedicated standby Friday and Saturday 6pm-2am. The writer is the night dispatch supervisor. Last Saturday the east side ran 31 calls between 6pm and 2am, and with both units gone the nearest cover (Medic 9) is 18-25 minutes out. In 2022 the rodeo association paid a private service, Lone Star Medical Transport, $1,450 a night for standby. The writer could release Medic 22 from 7 to 11pm during the main arena events if Medic 14 stays east.", Draft: "Chief, whoever came up with pulling 14 AND 22 off the east side for rodeo standby has never sat a console on a Saturday night. East side ran 31 calls last Saturday 6p-2a. Y'all pull both units and anything east of the river is looking at 18-25 min from Medic 9, and when somebody codes out there waiting on a truck that's on y'all, not my dispatchers. The rodeo association paid Lone Star $1,450 a night for standby in 2022, they can dadgum pay it again. Best I can do is give you 22 from 7 to 11 for the main arena. 14 stays put. That's it."},
			want: "Chief, whoever came up with pulling 14 and 22 off the east side for rodeo standby has never sat a console on a Saturday night. East side ran 31 calls last Saturday 6p-2a. Y'all pull both units and anything east of the river is looking at 18-25 min from Medic 9. The rodeo association paid Lone Star $1,450 a night for standby in 2022. Best I can do is give you 22 from 7 to 11 for the main arena. 14 stays put.",
		},
		{
			name: "'I ain't hauling ...' says the no: none is read from the situation ('I'm afraid I can't get you her mare hauled'; round 53)",
			req:  Request{Audience: "client", Stakes: "high", Situation: "The writer runs a horse hauling business out of Weatherford, Texas. A client wants her mare hauled to a barrel race in Oklahoma on Saturday. The mare's Coggins test expired in March and she has no current certificate of veterinary inspection. The client said 'just put her on, nobody checks at the Red River.' Crossing the state line without them is illegal and puts the hauler's business at risk; the writer was stopped and checked at Thackerville in May. The client's vet, Dr. Pruitt, can pull blood tomorrow and a rush result costs $85 extra; if the papers are in hand by Friday night the writer can load the mare Saturday 4am.", Draft: "Hell no. I ain't hauling a horse across the Red River on a Coggins that ran out in March and no health papers. You think I'm fixing to lose my rig and my DOT number over your mare? 'Nobody checks' my foot, they checked me at Thackerville in May. Get Dr. Pruitt out there tomorrow to pull blood, pay the $85 for the rush, and if the papers are in my hand Friday night I'll load her Saturday 4am. No papers, no ride. Don't ask me again."},
			want: "I ain't hauling a horse across the Red River on a Coggins that ran out in March and no health papers. 'Nobody checks' my foot, they checked me at Thackerville in May. Get Dr. Pruitt out there tomorrow to pull blood, pay the $85 for the rush, and if the papers are in my hand Friday night I'll load her Saturday 4am. No papers, no ride.",
		},
		{
			name: "'10:30 earliest' loses no figure ('30 earliest' was read as one and sent the hold to the rebuild, which asked 'Would that work for you?' after it; round 50)",
			req:  Request{Audience: "peer", Stakes: "high", Situation: "Ski patrol at Ben Lomond, near Launceston. The lift operations supervisor asks patrol to open the Summit runs at 9am Saturday because about 300 people are queued. Overnight 40cm fell with strong westerlies; the cornice above the Summit runs is wind-loaded and avalanche control has not been done yet. Patrol expects to finish control work by about 10:30.", Draft: "Nah. Summit stays roped till we've dropped the cornice and checked the loading. 10:30 earliest."},
			want: "Summit stays roped till we've dropped the cornice and checked the loading. 10:30 is the earliest.",
		},
		{
			name: "'No, obviously not.', the answer to a rhetorical question that went, goes with it (it had been left as 'Not.'; round 54)",
			req:  Request{Audience: "client", Stakes: "medium", Situation: "Priya at Harborne Events ordered 300 hand-blown tumblers for a corporate Christmas gift, approved the amber sample in writing on 3 October, with delivery agreed for 14 November at £4,200. Four days before blowing starts she emailed asking to switch to cobalt blue. The writer, a Stourbridge glassworks manager, knows cobalt needs a different pot: emptying and recharging the furnace costs two days' production and £640 of colour, so cobalt could not ship before 28 November.", Draft: "Priya, with respect bab, you signed off the amber sample on the 3rd. In writing. We've got the email. Now four days before we start blowing you want cobalt. Do you know what that involves? No, obviously not. Cobalt's a different pot, we have to empty the furnace and recharge it, that's two days' production gone and £640 of colour before we've made a single glass. We're a glassworks, not Argos. So. Amber, 300 tumblers, 14 November like we agreed. Or cobalt, 28 November at the earliest and £640 on top of the £4,200. Tell me which by Friday dinnertime or we run amber."},
			want: "Priya, you signed off the amber sample on the 3rd. In writing. We've got the email. Now four days before we start blowing you want cobalt. Cobalt's a different pot, we have to empty the furnace and recharge it, that's two days' production gone and £640 of colour before we've made a single glass. We're a glassworks, not Argos. Amber, 300 tumblers, 14 November like we agreed. Or cobalt, 28 November at the earliest and £640 on top of the £4,200. Tell me which by Friday dinnertime or we run amber.",
		},
		{
			name: "'and that's on you and me' goes whole (it had left 'he's dead, and and me'; round 54)",
			req:  Request{Audience: "report", Stakes: "critical", Situation: "A crew leader in a volunteer bushfire brigade outside Darwin asked the captain to put new volunteer Jacko on the Cat 1 tanker for tomorrow's response to the grass fires at Humpty Doo, where fires have been running fast in the build-up. Jacko has been spotting on patrols but has not done the burnover drill (fire blanket, spray curtain, shelter in the cab). The captain wants Jacko on patrol in the ute with Shaz instead, and booked into the burnover drill on Saturday at 7am.", Draft: "Nah. Absolutely not, and don't ask me again. Jacko's not getting on the tanker till he's done the burnover drill, I don't care if he's your cousin or how good he was spotting. If that truck gets caught in a run at Humpty Doo and he doesn't know where the blanket is or how to work the spray curtain, he's dead, and that's on you and me. Put him on the ute with Shaz doing patrol. Burnover drill's Saturday 7am, he's on it."},
			want: "Jacko's not getting on the tanker till he's done the burnover drill. If that truck gets caught in a run at Humpty Doo and he doesn't know where the blanket is or how to work the spray curtain, he's dead. Put him on the ute with Shaz doing patrol. Burnover drill's Saturday 7am, he's on it.",
		},
		{
			name: "'you know it fine' goes whole (it had left 'up and fine'; round 55)",
			req:  Request{Audience: "peer", Stakes: "medium", Situation: "In a cave rescue team in Assynt, the training officer, Iain, suggested swapping Saturday's underground rope-rigging refresher for a 'walkthrough in the hut' because several members are busy with lambing. The team coordinator knows 3 of the 5 newest members have never rigged a hauling system underground, and at the last callout, at Uamh an Claonaite, it took 2 hours 40 minutes to get the stretcher up the 15m pitch. She'll run it Sunday 10am-2pm at Inchnadamph instead and bring the kit herself.", Draft: "Och Iain, a walkthrough in the hut. Aye that'll be grand when some poor soul's hypothermic at the bottom of a 15m pitch and the new ones are reading off a laminated card. 3 of the 5 new folk have never rigged a haul in a cave. Claonaite took us 2h40 to get the stretcher up, that's a disgrace and you know it fine. If Saturday's no good wi the lambing fine, Sunday 10 till 2 at Inchnadamph, I'll bring the kit myself. But we're no cancelling it."},
			want: "Och Iain, a walkthrough in the hut. Aye that'll be grand when some poor soul's hypothermic at the bottom of a 15m pitch. 3 of the 5 new folk have never rigged a haul in a cave. Claonaite took us 2h40 to get the stretcher up. If Saturday's no good wi the lambing fine, Sunday 10 till 2 at Inchnadamph, I'll bring the kit myself. But we're no cancelling it.",
		},
		{
			name: "'No ID no ticket' is a rule, not a leftover; 'Hell no Travis.' leaves no bare 'Travis.'; 'Tell him go home' is 'Ask him to go home', not 'Go home' (round 55)",
			req:  Request{Audience: "peer", Stakes: "high", Situation: "At a pawn shop in Valdosta, Georgia, co-worker Travis wants to write a pawn ticket for a DeWalt saw set and a chainsaw from a regular customer who forgot his driver's license, 'because he's good for it'. State law requires photo ID on every pawn and the transaction reported to the police database. Last year the shop took a Stihl without proper ID, it turned out stolen, the shop lost $1,400 and the owner, Ray, got a letter from the sheriff's office about the shop's license. The writer wants Travis to send the customer home for his license; the shop is open till 6.", Draft: "Hell no Travis. No ID no ticket, I don't care if he's your mama's preacher. We did that with the Stihl last year, it was hot, we ate $1,400 and Ray got a letter from the sheriff about the license. You want to be the one tells Ray we lost the store over a chainsaw? Tell him go home and get his license, we open till 6."},
			want: "No ID no ticket. We did that with the Stihl last year, it was hot, we ate $1,400 and Ray got a letter from the sheriff about the license. Ask him to go home and get his license, we open till 6.",
		},
		{
			name: "'Thanks cher,' is a sign-off: its name lines get no full stops (round 54)",
			req:  Request{Audience: "client", Stakes: "medium", Situation: "Mrs. Boudreaux brought a French Japy Freres mantel clock (about 1875) to a clock repair shop in Thibodaux, Louisiana, wanting it running for her Mardi Gras party on 28 February and asking for its cracked enamel dial to be repainted bright white. The clockmaker found the mainspring broken; the replacement must come from Germany (3-4 weeks), and a full service with bushings comes to $1,450. If she approves by 10 January he can probably return it around 20 February. Repainting the enamel would cut the clock's value from about $3,800 to under $1,000; an enamel restorer in Baton Rouge, Marie Landry, can fill the hairline crack almost invisibly for about $350. It is early January.", Draft: "Hey Mrs. Boudreaux,\n\nHope y'all had a good Christmas and New Year, it was a zoo in the shop here, everybody and they mama brought a grandfather clock in to get it going before the holidays so sorry it took me a minute to get back to you. So about the Japy, I had it on the bench Friday and she's a beauty, I'm thinking 1870s, the movement's stamped so I can tell you more later. Anyway the long and short of it is the mainspring is broke, not just tired, broke, and that's got to come from Germany because I don't stock that size, which is 3-4 weeks with shipping the way things are right now. Then there's the cleaning and bushings which I'd do anyway while it's apart. All in I'm at $1,450. If you say go by January 10 I can probably have her back to you around Feb 20, which gets you there before the party, but I'm not promising nothing with the German post. Now the dial. I know you said you want it painted bright white like new and I get it, the hairline crack by the 4 bothers you, but I got to tell you painting over enamel is just about the worst thing you can do to that clock. It goes from maybe $3,800 to under a thousand, I've seen it happen too many times and people cry about it after. I won't do it. There's a lady in Baton Rouge, Marie Landry, does enamel crack fill you can't hardly see, about $350. Anyway let me know what you want to do, no rush, well some rush because of the spring.\n\nThanks cher,\nLucien\nBayou Clock Repair"},
			want: "Hey Mrs. Boudreaux,\n\nHope y'all had a good Christmas and New Year, it was a zoo in the shop here, everybody and they mama brought a grandfather clock in to get it going before the holidays so sorry it took me a minute to get back to you. So about the Japy, I had it on the bench Friday and she's a beauty, I'm thinking 1870s, the movement's stamped so I can tell you more later. The long and short of it is the mainspring is broke, not just tired, broke, and that's got to come from Germany because I don't stock that size, which is 3-4 weeks with shipping the way things are right now. Then there's the cleaning and bushings which I'd do anyway while it's apart. All in I'm at $1,450. If you say go by January 10 I can probably have her back to you around Feb 20, which gets you there before the party, but I'm not promising nothing with the German post. Now the dial. I know you said you want it painted bright white like new and I get it, the hairline crack by the 4 bothers you, but I got to tell you painting over enamel is just about the worst thing you can do to that clock. It goes from maybe $3,800 to under a thousand, I've seen it happen too many times and people cry about it after. I won't do it. There's a lady in Baton Rouge, Marie Landry, does enamel crack fill you can't hardly see, about $350. Let me know what you want to do, no rush, well some rush because of the spring.\n\nThanks cher,\nLucien\nBayou Clock Repair",
		},
		{
			name: "'No chance I'm signing off on that.' is said 'I'm not signing off on that.', never 'I'm signing off on that.' (round 56: the no had been cut and the refusal reversed)",
			req:  Request{Audience: "leadership", Stakes: "high", Situation: "Craig, the owner of a Swan Valley winery near Perth, messages the vineyard manager that he wants the Shiraz on block 5 hand-picked this Saturday because a food-and-wine influencer is filming at the cellar door. Tuesday's samples read 12.1 Baume; the winemaker, Sam, wants 13.5 and estimates another 10-12 days. Block 5 is about 18 tonnes and goes into their top-priced wine. The Chardonnay on block 2 is at 12.8 Baume and was due to be picked next week anyway.", Draft: "Craig, deadset? You want to pull 18 tonne of our best Shiraz ten days early so some bloke with a ring light can get a few reels? It was 12.1 Baume on Tuesday. Sam wants 13.5. Pick it Saturday and we'll get thin green weedy rubbish and be flogging it as cleanskins at a tenner a bottle. No chance I'm signing off on that. If they want pickers in the shot give them the Chardy on block 2, it's sitting at 12.8 and we were doing it next week anyway, I'll bring it forward to Saturday. Shiraz stays on the vine till Sam says so."},
			want: "Craig, you want to pull 18 tonne of our best Shiraz ten days early so some bloke with a ring light can get a few reels? It was 12.1 Baume on Tuesday. Sam wants 13.5. Pick it Saturday and we'll get thin green weedy rubbish and be flogging it as cleanskins at a tenner a bottle. I'm not signing off on that. If they want pickers in the shot give them the Chardy on block 2, it's sitting at 12.8 and we were doing it next week anyway, I'll bring it forward to Saturday. Shiraz stays on the vine till Sam says so.",
		},
		{
			name: "'No-shows' is a word, not a no ('Shows in July is aboot ONE car a sailing'; round 56)",
			req:  Request{Audience: "leadership", Stakes: "medium", Situation: "The writer is the terminal supervisor at Kirkwall pier for the Orkney inter-island ferries. The operations manager, based in the office, decided to keep selling car-deck space on the summer Westray sailings four cars over capacity to cover no-shows. Last Saturday three booked cars were left on the pier, including a family with a baby, and the linkspan staff took the abuse; a driver from Pierowall threatened a deckhand, Kevin. The writer's own count of no-shows in July is about one car per sailing. They want overbooking stopped and a £10 no-show charge on bookings instead.", Draft: "Whit genius thowt o overbooking the Westray boat by 4 cars? Saturday I had three cars left on the pier, one wi a peedie bairn roarin in the back an the mother greetin at me, an a man fae Pierowall telt Kevin he'd see him on the linkspan. Hid's us that gets it in the neck, no you up the stair in the office. I've been countin. No-shows in July is aboot ONE car a sailing, no four. If hid's the money you're efter, put a £10 no-show charge on the bookings an folk'll either turn up or cancel. Stop overselling the deck, or come doon an stand on the pier yoursel next Saturday."},
			want: "Whit genius thowt o overbooking the Westray boat by 4 cars? Saturday I had three cars left on the pier, one wi a peedie bairn roarin in the back an the mother greetin at me, an a man fae Pierowall telt Kevin he'd see him on the linkspan. Hid's us that gets it in the neck, no you up the stair in the office. I've been countin. No-shows in July is aboot ONE car a sailing, no four. If hid's the money you're efter, put a £10 no-show charge on the bookings an folk'll either turn up or cancel. Stop overselling the deck, or come doon an stand on the pier yoursel next Saturday.",
		},
		{
			name: "'He does not leave the ward with her' stays after a venting sentence that also said 'he' (round 57: the must-not-do had gone)",
			req:  Request{Audience: "report", Stakes: "critical", Situation: "At Royal Darwin Hospital's paediatric ward, a junior nurse on night shift messaged the charge nurse: the dad of the 4-year-old in bed 4 wants to take her down to the cafe on his own for an hour and says mum is fine with it. The child has a Territory Families safety plan: dad gets supervised contact only. It is in the notes and on the ward whiteboard. Security is on extension 5555.", Draft: "Absolutely not, did you even read the notes?? Bed 4 has a Territory Families safety plan, dad gets SUPERVISED contact only, it's on the bloody whiteboard in red. I don't care what he reckons mum said. He does not leave the ward with her, not the cafe, not the lift, nowhere. If he kicks off ring security on 5555 then ring me. I'm coming up now. Write down exactly what he said and what time."},
			want: "Bed 4 has a Territory Families safety plan, dad gets SUPERVISED contact only, it's on the bloody whiteboard in red. He does not leave the ward with her, not the cafe, not the lift, nowhere. If he kicks off ring security on 5555 then ring me. I'm coming up now. Write down exactly what he said and what time.",
		},
		{
			name: "the writer's no stays when the blame hangs on it ('I am not touching even one rupee of it for carpets, ... not yours'; round 57)",
			req:  Request{Audience: "leadership", Stakes: "high", Situation: "The president of a mosque committee in Kandy asked the treasurer to take Rs. 450,000 from the zakat fund to buy new carpets before Ramadan. Zakat can only go to eligible recipients; 38 poor families are on the Ramadan list, the fund is audited and the treasurer signs the cheques. The general fund has Rs. 180,000, and an appeal after Jummah prayers for 3 weeks could raise the rest.", Draft: "Haji sorry but no. Zakat money cannot go for carpets, you know that very well. That is money people gave for the poor, 38 families are on the list for Ramadan. I am not touching even one rupee of it for carpets, then the auditor comes and asks and it is my name on the cheques, not yours. If you want carpets take 180,000 from general fund and we do an appeal after Jummah for 3 weeks. Please don't ask me about this again."},
			want: "Haji sorry but no. Zakat money cannot go for carpets. That is money people gave for the poor, 38 families are on the list for Ramadan. I am not touching even one rupee of it for carpets. If you want carpets take 180,000 from general fund and we do an appeal after Jummah for 3 weeks.",
		},
		{
			name: "the fact in a jab sentence stays ('Ward 11 has 4 empty beds'; round 57)",
			req:  Request{Audience: "leadership", Stakes: "high", Situation: "On a night shift in a Colombo hospital, consultant Dr Perera phoned the paediatric Ward 7 sister asking her to take 3 more admissions from A&E. Ward 7 has 26 children in 28 beds and 3 nurses; two children are on hourly observations, one infant is on oxygen. Ward 11 has 4 empty beds (she checked). Last month an overloaded night on Ward 7 ended in a drug error at 3am. She can take one child (the asthma boy) and would take more with a bank nurse.", Draft: "Sir, aney what to do, three more?? We have 26 children on a 28 bed ward and 3 nurses for the whole night, two on hourly obs, one baby on oxygen. Who is going to look after them, the security uncle? Every time Ward 7 only, never Ward 11, and Ward 11 has 4 empty beds, I checked just now. Last month also same thing and we had the drug error at 3am, you remember no? I will take one, the asthma boy. Other two send to 11 or get me a bank nurse from the pool, then I'll take. Otherwise no sir, sorry."},
			want: "Sir, we have 26 children on a 28 bed ward and 3 nurses for the whole night, two on hourly obs, one baby on oxygen. Ward 11 has 4 empty beds, I checked just now. Last month also same thing and we had the drug error at 3am. I will take one, the asthma boy. Other two send to 11 or get me a bank nurse from the pool, then I'll take. Otherwise no sir, sorry.",
		},
		{
			name: "'I am telling him it was you' is blame: it goes, and no 'him' is left pointing at a boss that went (round 56)",
			req:  Request{Audience: "report", Stakes: "high", Situation: "The writer is yard supervisor at a stone quarry in Mukono, Uganda, messaging loader operator Ojok Patrick. Yesterday Ojok loaded the company's Fuso tipper with about 32 tonnes of aggregate; the supervisor had told him the limit for that truck is 25 tonnes. The truck was stopped at the UNRA weighbridge at Magamaga, fined UGX 1,800,000, and is still parked there. The supervisor wants every truck weighed on the quarry's own scale before it leaves the gate, with the loader signing the slip.", Draft: "Ojok, are you normal? I told you with my own mouth that Fuso takes 25 tonnes maximum. You put 32. Now UNRA at Magamaga has fined us 1.8M and the truck is parked there since yesterday, the driver is sleeping in the cabin. That money is not coming from my pocket, boss is asking me and I am telling him it was you. From today no truck leaves this gate before it passes our scale and you sign the slip with your name. If I find another overload you will go and look for work at Kireka. Am not joking."},
			want: "Ojok, I told you with my own mouth that Fuso takes 25 tonnes maximum. You put 32. Now UNRA at Magamaga has fined us 1.8M and the truck is parked there since yesterday, the driver is sleeping in the cabin. That money is not coming from my pocket. From today no truck leaves this gate before it passes our scale and you sign the slip with your name. If I find another overload you will go and look for work at Kireka. Am not joking.",
		},
		{
			name: "a no with its time and the sentence going on: 'Saturday won't work, we've three on', not 'won't work.,' (round 40)",
			req:  Request{Audience: "peer", Stakes: "low", Situation: "Sue, who runs the Wigan branch of a removals firm, asked the Bolton branch manager to lend her the Luton van and two lads on Saturday 21st. Bolton has three jobs on that Saturday; the Luton is free on Thursday but the lads aren't.", Draft: "No chance Saturday, we've three on. Can lend you the Luton Thursday, no lads."},
			want: "Saturday won't work, we've three on. Can lend you the Luton Thursday, no lads.",
		},
		{
			name: "the other option of an either/or is no blame to cut ('Either the car stays at Mile End overnight or you keep taking it home and I take the private ks out of your pay' had become one option that says the opposite; round 58)",
			req:  Request{Audience: "report", Stakes: "medium", Situation: "Driving school in Adelaide. Instructor Jarrod asks the owner to lift his fuel card limit from $200 to $400 a week because he keeps running dry by Thursday. The car tracker shows he drives the school Corolla home to Gawler every night, about 90 km round trip from the Mile End depot; the other instructors spend $150-180 a week. The owner will keep the limit at $200 and offer two options: leave the car at Mile End overnight, or keep taking it home and have private kilometres deducted at 30c/km.", Draft: "Jarrod mate, nah. You're not running dry cos of lessons, you're running dry cos you're driving the Corolla home to Gawler every night and back, that's 90k a day on my fuel card, I can see it on the tracker. Everyone else is getting by on $150-180 a week. Did you reckon I wouldn't notice? Card stays at $200. Either the car stays at Mile End overnight or you keep taking it home and I take the private ks out of your pay at 30c a k. Your call but let me know by Friday."},
			want: "Jarrod mate, nah. You're not running dry because of lessons, you're running dry because you're driving the Corolla home to Gawler every night and back, that's 90k a day on my fuel card, I can see it on the tracker. Everyone else is getting by on $150-180 a week. Card stays at $200. Either the car stays at Mile End overnight or you keep taking it home and I take the private ks out of your pay at 30c a k. Your call but let me know by Friday.",
		},
		{
			name: "'He can start Monday in the store ...' (the offer) stays after a sentence that went and named no one (round 58)",
			req:  Request{Audience: "leadership", Stakes: "critical", Situation: "Hospice in Zambia. The director, Mrs Banda, asks the ward sister to let a new volunteer, Mr Phiri, start on the children's palliative ward on Monday because they are short-staffed. His police clearance (applied three weeks ago) and references have not come back. Hospice policy, written after an incident in 2019, requires clearance before any contact with children. The sister proposes: Mr Phiri starts Monday in the store, garden and family tea room, not the wards; she will follow up at Police HQ on Tuesday; Mutinta from the adult ward covers the children's ward mornings this week (already agreed).", Draft: "Madam this one no. I cannot allow it. Mr Phiri's police clearance has not come back, no references also, and you want him to be with the children on the paeds ward from Monday? If something happens to one of those children it is us who will be in the papers, not him. It is not me being difficult, kaili we wrote that policy ourselves after what happened in 2019. Honestly I am surprised you would even ask. He can start Monday in the store and helping with the garden and the tea for families, not on the wards. I will go to Police HQ myself on Tuesday to follow up the clearance. For the short staff, Mutinta from the adult side can cover the mornings this week, I have already asked her."},
			want: "Madam this one no. I cannot allow it. Mr Phiri's police clearance has not come back, no references also. There's a real risk that something happens to one of those children it is us who will be in the papers. It is not me being difficult, kaili we wrote that policy ourselves after what happened in 2019. He can start Monday in the store and helping with the garden and the tea for families, not on the wards. I will go to Police HQ myself on Tuesday to follow up the clearance. For the short staff, Mutinta from the adult side can cover the mornings this week, I have already asked her.",
		},
		{
			name: "the must-not-do stays when the jab hangs on it: 'dat kitchen ain serving one plate Saturday on nobody's word' (round 59)",
			req:  Request{Audience: "client", Stakes: "critical", Situation: "Environmental Health Officer, Ministry of Health, Barbados. On Tuesday she closed a west coast hotel's restaurant kitchen after finding rodent droppings in the dry store and no hot water at any hand-wash sink. The F&B manager, Mr Clarke, has messaged asking to reopen for a 200-cover Crop Over brunch on Saturday on his word that it has been cleaned, mentioning the owner knows the Minister. The kitchen cannot legally reopen without a re-inspection. She can re-inspect Friday at 9am if pest control has treated the premises and issued a certificate and the hot water is working; if it passes, the brunch can go ahead.", Draft: "Mr Clarke I get yuh message. Let me say it plain so nobody confuse: dat kitchen ain serving one plate Saturday on nobody's word, not yours, not the owner, not who he know in Cabinet. I find rat droppings in the dry store and no hot water at not one hand sink. Wunna want 200 people eating brunch out of that? Somebody get sick wunna gine be in the papers and I gine be in front of the CMO explaining. Get pest control in, get the certificate, get the hot water running, and call me. I can come back Friday 9am. If everything right then, wunna open. If not, wunna stay closed. And doan call me again bout the Minister."},
			want: "Mr Clarke I get yuh message. Dat kitchen ain serving one plate Saturday on nobody's word. I find rat droppings in the dry store and no hot water at not one hand sink. Wunna want 200 people eating brunch out of that? I gine be in front of the CMO explaining. Get pest control in, get the certificate, get the hot water running, and call me. I can come back Friday 9am. If everything right then, wunna open. If not, wunna stay closed. And doan call me again bout the Minister.",
		},
		{
			name: "'Capt. Russell Guidry' under a sign-off is a name line, not two sentences (round 59)",
			req:  Request{Audience: "client", Stakes: "medium", Situation: "Yacht charter on Lake Pontchartrain out of New Orleans. Brandi, an HR coordinator at an oilfield services company, emailed asking to book the 65-ft yacht Belle for 60 guests for the July 4th fireworks at last year's rate of $3,800. The Coast Guard certificate allows 49 passengers; last year the company brought 54 aboard and the captain nearly lost his licence when the Coast Guard boarded. The rate is now $4,400 because fuel and insurance rose. He can run his 40-ft boat alongside for the extra guests at $2,100, and needs a 50% deposit by June 1 or he'll give the date to a wedding party.", Draft: "Hey Brandi,\n\nGot your email. Couple things, and I'm gonna be straight with y'all because we did this last year and I don't wanna go through what we went through last year.\n\n1. 60 people ain't happening on the Belle. Coast Guard says 49, period, and last year y'all snuck 54 on and I about lost my license when they boarded us off the seawall. Never again.\n2. Price is $4,400 not $3,800. Fuel's up and my insurance went up 30% after Ida. Last year's price was last year.\n3. If you really need 60, I can put my 40 footer out alongside for the other 11, $2,100, we run together for the fireworks.\n\nNeed half down by June 1 or I give the 4th to the wedding party that's been calling me.\n\nThanks cher,\nCapt. Russell Guidry\nLakefront Charters"},
			want: "Hey Brandi,\n\nGot your email. Couple things and I don't wanna go through what we went through last year.\n\n1. 60 people ain't happening on the Belle. Coast Guard says 49, period, and last year y'all snuck 54 on and I about lost my license when they boarded us off the seawall.\n2. Price is $4,400 not $3,800. Fuel's up and my insurance went up 30% after Ida. Last year's price was last year.\n3. If you really need 60, I can put my 40 footer out alongside for the other 11, $2,100, we run together for the fireworks.\n\nNeed half down by June 1 or I give the 4th to the wedding party that's been calling me.\n\nThanks cher,\nCapt. Russell Guidry\nLakefront Charters",
		},
		{
			name: "the consequence of a condition stays: 'If them chains aren't off ... by Friday 5pm, I'm serving a prohibition notice and you don't open' (round 61: the notice had gone, the condition left hanging, at critical stakes)",
			req:  Request{Audience: "client", Stakes: "critical", Situation: "A Greater Manchester fire safety inspector found two of four fire exits chained shut, the exit corridor blocked with empty kegs and the fire alarm panel showing faults at a Northern Quarter nightclub with a licensed capacity of 600. The owner phoned asking to open as planned on Saturday (a sold-out birthday night) and fix it on Monday. The inspector will serve a prohibition notice unless it is fixed by Friday 5pm, and will come back to re-inspect.", Draft: "Not a chance. You've got 600 in on Saturday and two of your four exits chained shut, I don't care whose birthday it is or how many tickets you've sold. If them chains aren't off, the corridor isn't cleared of your empties and the alarm panel isn't showing zero faults by Friday 5pm, I'm serving a prohibition notice and you don't open. Ring me when it's done and I'll come back out and sign it off."},
			want: "You've got 600 in on Saturday and two of your four exits chained shut, I don't care whose birthday it is or how many tickets you've sold. If them chains aren't off, the corridor isn't cleared of your empties and the alarm panel isn't showing zero faults by Friday 5pm, I'm serving a prohibition notice and you don't open. Ring me when it's done and I'll come back out and sign it off.",
		},
		{
			name: "'Thanks y'all,' is a sign-off: its name lines get no full stops (round 61)",
			req:  Request{Audience: "client", Stakes: "medium", Situation: "Rachel and Mike emailed a Tulsa synagogue's executive director with plans for their son Ethan's bar mitzvah reception: Rudy's BBQ (not kosher) to cater in the synagogue kitchen, the DJ to set up Saturday afternoon (during Shabbat), and 250 guests in the social hall. The social hall's fire-marshal capacity is 180; only caterers on the synagogue's approved kosher list (three now) may use the kitchen; the DJ can set up after Havdalah, about 9:15pm, or the reception could be a Sunday brunch; a community center on 71st Street holds 300. The $1,500 deposit to hold the date is due May 30.", Draft: "Hi Rachel and Mike,\n\nHope y'all are doing good and that Ethan's Torah portion is coming along, Rabbi Stein says he's doing real well at his Tuesday lessons. So I got your email about the reception and I've been meaning to write back since Thursday but we had the roof guys out here all week again, don't even get me started on that. Anyway. I know y'all are real excited about having Rudy's do the brisket and honestly I love Rudy's too, we went there for Harold's birthday, but I have to tell you it's just not going to work because they're not kosher and everything in our kitchen has to be off the approved caterer list, which I think I sent back in January but I'll attach it again, there's three on there now since Shalom Catering closed. Also I might not have mentioned but the DJ can't come set up Saturday afternoon because it's Shabbat, he can come in after Havdalah which is around 9:15 that night, or Sunday morning if y'all would rather do a brunch thing, which a lot of families are doing now. And the other thing, and I hate to be the one, but 250 people is not gonna fit, the fire marshal has the social hall at 180 and he came out in March and actually counted chairs, so we'd need to either cut the list down or look at somewhere bigger, the community center on 71st holds 300 I think. Oh and the $1,500 deposit is due May 30 to hold the date, I know that's coming up quick.\n\nLet me know what y'all think, happy to sit down anytime.\n\nThanks y'all,\nDebbie Kessler\nExecutive Director"},
			want: "Hi Rachel and Mike,\n\nHope y'all are doing good and that Ethan's Torah portion is coming along, Rabbi Stein says he's doing real well at his Tuesday lessons. I got your email about the reception and I've been meaning to write back since Thursday but we had the roof guys out here all week again, don't get me started on that. I know y'all are real excited about having Rudy's do the brisket and honestly I love Rudy's too, we went there for Harold's birthday, but I have to tell you it's just not going to work because they're not kosher and everything in our kitchen has to be off the approved caterer list, which I think I sent back in January but I'll attach it again, there's three on there now since Shalom Catering closed. I might not have mentioned but the DJ can't come set up Saturday afternoon because it's Shabbat, he can come in after Havdalah which is around 9:15 that night, or Sunday morning if y'all would rather do a brunch thing, which a lot of families are doing now. And the other thing, and I hate to be the one, but 250 people is not gonna fit, the fire marshal has the social hall at 180 and he came out in March and actually counted chairs, so we'd need to either cut the list down or look at somewhere bigger, the community center on 71st holds 300 I think. Oh and the $1,500 deposit is due May 30 to hold the date, I know that's coming up quick.\n\nLet me know what y'all think, happy to sit down anytime.\n\nThanks y'all,\nDebbie Kessler\nExecutive Director",
		},
		{
			name: "a question that names what the next order moves stays: 'Bring it back now' had pointed at nothing (round 65's autorefractor)",
			req:  Request{Audience: "report", Stakes: "low", Situation: "Abena, the receptionist at an optometry clinic in Accra, moved the autorefractor from the pre-test room to the back room to make space for the new frames display. The optometrist has 14 patients before noon and needs it in the pre-test room; the display could go by the window.", Draft: "Abena who asked you to move the autorefractor to the back room?? Bring it back now, I have 14 patients before 12. Put the frames stand by the window."},
			want: "Abena who asked you to move the autorefractor to the back room?? Bring it back now, I have 14 patients before 12. Put the frames stand by the window.",
		},
		{
			name: "a short trim that offers a time stands: 'Booked solid Saturday. Van's free Thursday.' (round 63: it had been rebuilt as 'How about Booked solid Saturday?')",
			req:  Request{Audience: "peer", Stakes: "low", Situation: "Derek, the manager of the Lisburn depot of a Belfast removal firm, asks to borrow the writer's 7.5-tonne Luton van on Saturday. The writer's van has jobs booked all day Saturday and is free on Thursday.", Draft: "No. Booked solid Saturday. Van's free Thursday."},
			want: "Booked solid Saturday. Van's free Thursday.",
		},
		{
			name: "'He's no going near the altar servers' is a no (Scots 'no' for not), and a 'He' after a question to 'you' that went points past it (round 64: the must-not-do had gone)",
			req:  Request{Audience: "peer", Stakes: "critical", Situation: "At a Catholic parish in the Highlands the parish council chair, Hugh, wants a new volunteer to start helping with the altar servers (children) this Sunday. His PVG (Protecting Vulnerable Groups) check was submitted on the 2nd, takes about 3 weeks and has not come back. Hugh says he has known the man for 30 years. The parish safeguarding coordinator is writing. Until the check clears, the volunteer could help with the car park and the teas after Mass.", Draft: "Hugh, no. Are you daft? He's no going near the altar servers on Sunday or any Sunday till his PVG's back. I don't care that you've known him 30 years and his mother did the flowers, that's exactly how every diocese in the country ended up in the papers. It went in on the 2nd, it takes about 3 weeks. Till then he can do the car park and the teas and that's him, nowhere near the weans. End of."},
			want: "Hugh, he's no going near the altar servers on Sunday or any Sunday till his PVG's back. It went in on the 2nd, it takes about 3 weeks. Till then he can do the car park and the teas and that's him, nowhere near the weans.",
		},
		{
			name: "the order after 'I don't care if ...,' stays when the venting goes: 'You're no signing off the Ullapool hotel till the noise survey's in.' (round 64)",
			req:  Request{Audience: "report", Stakes: "medium", Situation: "A Highland Council licensing team leader is messaging a junior licensing officer. A councillor has phoned three times pushing for a hotel in Ullapool to get its late-hours variation signed off. The required noise survey has not been submitted. The team leader wants nothing signed off until the survey is in, and wants the councillor put through to her.", Draft: "I don't care if the councillor's been on 3 times, you're no signing off the Ullapool hotel till the noise survey's in. Next time he phones put him through to me."},
			want: "You're no signing off the Ullapool hotel till the noise survey's in. Next time he phones put him through to me.",
		},
		{
			name: "a 'but' against a clause that went goes with it: 'I'll be honest, that's not really how it works' (round 64)",
			req:  Request{Audience: "client", Stakes: "medium", Situation: "A Tasmanian fallow deer farmer got an order from Lachie, a Hobart restaurant chef, for 40kg of venison backstrap for a degustation dinner on the 27th. Each fallow deer gives only about 1.2-1.5kg of backstrap. The next abattoir run is the 19th, with 12 animals booked, and the carcasses hang 7 days, so the 27th works for timing. That run gives about 16-18kg of backstrap. He can also supply 22kg of denver leg. Prices: backstrap $62/kg, denver $44/kg. He needs an answer by Friday to confirm with the abattoir.", Draft: "Hi Lachie,\n\nThanks for the order mate and sorry it's taken me a couple of days to get back to you, it's been flat out here with fencing after that wind last week took out half the top paddock boundary and a few of the young bucks wandered off down towards the creek, anyway they're all back now so no dramas. So about the 40 kilos of backstrap for your degustation on the 27th. Look I'll be honest, I don't know who told you we'd have that much, maybe Shaz at the market, but that's not really how it works with deer, you only get the two backstraps off an animal and off our fallow that's maybe 1.2 to 1.5 kilo a beast all up, so 40 kilos is near enough 30 animals and we don't kill 30 in a month let alone a week. The abattoir only does our run every second Tuesday and the next one's the 19th, which is actually fine for the 27th timing wise because they hang for 7 days. I've got 12 booked in on that run so realistically you'd be looking at 16 to 18 kilo of backstrap, and the other chefs I supply will be dirty on me if you take the lot but I reckon I can do it for you this once. If you wanted to make up the rest I'd seriously look at the denver leg cuts, they're every bit as tender if you don't overcook them, I could do you 22 kilo of that. Backstrap's $62 a kilo and denver's $44. Anyway I'd need to know by Friday so I can sort it with the abattoir.\n\nCheers,\nDave\nHuon Fallow"},
			want: "Hi Lachie,\n\nThanks for the order and sorry it's taken me a couple of days to get back to you, it's been flat out here with fencing after that wind last week took out half the top paddock boundary and a few of the young bucks wandered off down towards the creek, anyway they're all back now so no dramas. So about the 40 kilos of backstrap for your degustation on the 27th. I'll be honest, that's not really how it works with deer, you only get the two backstraps off an animal and off our fallow that's maybe 1.2 to 1.5 kilo a beast all up, so 40 kilos is near enough 30 animals and we don't kill 30 in a month let alone a week. The abattoir only does our run every second Tuesday and the next one's the 19th, which is actually fine for the 27th timing wise because they hang for 7 days. I've got 12 booked in on that run so realistically you'd be looking at 16 to 18 kilo of backstrap, and the other chefs I supply will be dirty on me if you take the lot but I reckon I can do it for you this once. If you wanted to make up the rest I'd seriously look at the denver leg cuts, they're every bit as tender if you don't overcook them, I could do you 22 kilo of that. Backstrap's $62 a kilo and denver's $44. I'd need to know by Friday so I can sort it with the abattoir.\n\nCheers,\nDave\nHuon Fallow",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := Run(context.Background(), eng, chk, tt.req, Options{})
			if err != nil {
				t.Fatal(err)
			}
			if res.Text != tt.want {
				t.Errorf("rewrite:\n%s\nwant:\n%s\nnotes: %q", res.Text, tt.want, res.Notes)
			}
			if len(res.Attempts) != 1 {
				t.Errorf("%d attempts, want 1: the trim is never repaired", len(res.Attempts))
			}
			if tt.note != "" && !slices.Contains(res.Notes, tt.note) {
				t.Errorf("notes %q lack %q", res.Notes, tt.note)
			}
		})
	}
}

// What the trim cannot carry is rebuilt in the formula's order: a draft
// with nothing of its own to keep (the documents' dismissive no), a level
// asked for, a length limit the trimmed draft is over, a figure lost with
// a rhetorical question.
func TestTrimHandsOver(t *testing.T) {
	chk := check.Default()
	eng := NewRules(guide.Default(), chk)
	clipped := "Not tomorrow, I've 9 on already. Thursday after 2. From the pics the footings aren't even dug out anyway."
	tests := []struct {
		name    string
		req     Request
		trimmed string // how the trim alone would begin
	}{
		{"the documents' dismissive no", Request{Audience: "client", Stakes: "medium", Situation: "What if we tried this different approach?", Draft: "No, that won't work. We need to do it the way I said."}, "We need to do it the way I said."},
		{"a short draft with no fact", Request{Audience: "leadership", Stakes: "medium", Situation: "The producer asks the lighting supervisor to refocus the whole rig before tomorrow's matinee.", Draft: "Not happening. Focus stays as is for the matinee."}, "Focus stays as is for the matinee."},
		{"a level asked for", Request{Audience: "peer", Stakes: "low", Level: "moderate", Situation: "A builder asks the building control surveyor (the writer) to inspect the footings tomorrow.", Draft: clipped}, "Not tomorrow, I've 9 on already. Thursday after 2. From the pics the footings aren't dug out anyway."},
		{"a figure in a rhetorical question", Request{Audience: "client", Stakes: "medium", Situation: "Third-party logistics warehouse, Pune. Email reply (no greeting in the draft) to Mr. Mehta, head of operations at an e-commerce client, who is asking the warehouse to waive Rs 4.2 lakh in detention charges. The gate log shows the client's own transport vendor reported 9 hours late on 6, 7 and 9 March. The writer (account manager) is authorised to waive up to 50% as goodwill.", Draft: "Sir, with due respect, your vendor's trucks reported 9 hours late on 6th, 7th and 9th March, it is all there in the gate log, and now you are expecting us to absorb Rs 4.2 lakh detention? Maximum we can do is waive 50% as one time goodwill, provided dock slots are booked 24 hrs in advance from 1st April onwards."}, "Sir, your vendor's"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := Run(context.Background(), eng, chk, tt.req, Options{})
			if err != nil {
				t.Fatal(err)
			}
			if strings.HasPrefix(res.Text, tt.trimmed) {
				t.Errorf("trimmed, want the rebuild:\n%s", res.Text)
			}
			if len(res.Missing) > 0 {
				t.Errorf("lost facts %q:\n%s", res.Missing, res.Text)
			}
		})
	}
}

// A judgement the softening shortened is read from its own text: its cue's
// place in the clause as written once ran past the softened clause's end
// and panicked the plan (round 36, both ways of the engine).
func TestSoftenedJudgementNoPanic(t *testing.T) {
	chk := check.Default()
	req := Request{Audience: "client", Stakes: "medium", Situation: "Ato Dawit, operations manager of a bank, wants all 30 branches served before 10am by 2 riders, at 9,500 birr a month, paid at 60 days.",
		Draft: "Dear Ato Dawit,\n\nI received your letter. Honestly I don't know who calculated this. 30 branches before 10 o'clock with 2 riders, in Addis traffic? Two riders can reach maximum 15 branches by 10, the rest is impossible.\n\nIf you want all 30 before 10, it needs 4 riders and the price is 17,000 birr per month.\n\nBest regards,\nYonas Tadesse"}
	for _, eng := range []*Rules{NewRules(guide.Default(), chk), rebuilder(guide.Default(), chk)} {
		res, err := Run(context.Background(), eng, chk, req, Options{})
		if err != nil || !strings.Contains(res.Text, "17,000 birr") {
			t.Errorf("rebuild=%v: %v\n%s", eng.rebuild, err, res.Text)
		}
	}
	p := piece{match: match{class: classJudgement, loc: []int{40, 57}}, text: "I don't know who calculated this."}
	if got := p.located(); len(got.loc) >= 2 && got.loc[1] > len(got.text) {
		t.Errorf("located kept a cue past the text's end: %v", got.loc)
	}
}

// TestRhetoricalQuestions: in a draft the judge fails, a question put to
// the reader that asks for nothing goes (readers of rounds 28-55 marked
// 119 of 143 such questions as blunt); one that asks for something, holds
// a number or names what happened stays.
func TestRhetoricalQuestions(t *testing.T) {
	tests := []struct {
		draft, want string
	}{
		{"Am yow saft Jodie?? His licence says no contact with under 18s.", "His licence says no contact with under 18s."},
		{"Guard's aff the conveyor, are thoo wantin tae lose an arm? Refit hid.", "Guard's aff the conveyor. Refit hid."},
		{"Has that person ever handled a reversal call? The script alone is 3 minutes.", "The script alone is 3 minutes."},
		{"Who is going to look after them, the security uncle? We have 3 nurses.", "We have 3 nurses."},
		// Who did it is blame, numbers and names in it or not (round 62).
		{"Darren man, who telt you we had 4,000 ton of Type 1 sat about? Screen deck's knackered til Wednesday.", "Screen deck's knackered til Wednesday."},
		{"Who told the Ministry 3 months? The survey alone is 6 weeks.", "The survey alone is 6 weeks."},
		{"who told the Kellys they could have 12 for Easter?? We have 8 cottages.", "We have 8 cottages."},
		// Who will do it is no blame: it may ask.
		{"Who is going to cover the 12 beds? We have 3 nurses.", "Who is going to cover the 12 beds? We have 3 nurses."},
		// Asks for something, or holds a number: stays.
		{"Could you send me the PO number? We ship Friday.", "Could you send me the PO number? We ship Friday."},
		{"Why don't we take the donors to the clinic on Thursday? I can drive.", "Why don't we take the donors to the clinic on Thursday? I can drive."},
		{"We agreed 60. And now 45 bob?", "We agreed 60. And now 45 bob?"},
		// Names what happened, or is short and may ask: stays.
		{"Chidi why are the Alsatians inside the same run with the puppies?? Move them today.", "Chidi why are the Alsatians inside the same run with the puppies?? Move them today."},
		{"Sound? I'll be there at 9.", "Sound? I'll be there at 9."},
		{"Bro insoles still not done ah? She came 3 times.", "Bro insoles still not done ah? She came 3 times."},
	}
	for _, tt := range tests {
		t.Run(tt.draft, func(t *testing.T) {
			rd := rhetoricalQuestions(readDraft(tt.draft))
			got, _ := trimmed(rd, tt.draft, "")
			if got != tt.want {
				t.Errorf("got  %q\nwant %q", got, tt.want)
			}
		})
	}
}

// A "no" before the writer's own no goes ("no we're not emailing ..."),
// never the "No" of "No one" (round 67's "One out there means we can't
// witness it").
func TestLeadNo(t *testing.T) {
	for _, tt := range []struct{ draft, want string }{
		{"No one out there means we can't witness it.", "No one out there means we can't witness it."},
		{"no we're not emailing all 22k donors.", "We're not emailing all 22k donors."},
		{"No sir I will not jumper that door lock.", "Sir I will not jumper that door lock."},
	} {
		rd := readDraft(tt.draft)
		if len(rd.pieces) == 0 || rd.pieces[0].text != tt.want {
			t.Errorf("%q read as %+v, want first clause %q", tt.draft, rd.pieces, tt.want)
		}
	}
}
