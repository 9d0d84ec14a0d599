package rewrite

import (
	"strings"
	"testing"

	"github.com/pushback/pushback/internal/check"
	"github.com/pushback/pushback/internal/guide"
)

// TestRulesWithJudge: the offline engine with the embedded judge, as users
// run it. In a draft the judge fails, the sentence it reads the draft
// better without goes, whatever its words, while the no, the facts and the
// offer stay; a clause or the head or tail of one its sentence head is
// sure is a jab goes; and what the rules do with the judge's verdict on
// the draft. Drafts of the blind rounds (development data: rounds 1-7,
// and 8-13 after they were read blind).
func TestRulesWithJudge(t *testing.T) {
	chk := check.Default()
	eng := rebuilder(guide.Default(), chk)
	tests := []struct {
		name        string
		req         Request
		want, never []string
	}{
		{
			name: "o16: who the writer is not running is contempt, never held off on",
			req:  Request{Audience: "client", Stakes: "medium", Situation: "A cosmetics brand's marketing executive has emailed the leasing office of a shopping mall in Chennai asking for the central atrium for a promotional kiosk over the Deepavali weekend at last year's rate of Rs. 12,000 per day. The atrium is blocked for the mall's own Deepavali decoration from 28 October to 3 November (the brand's team was told in August), and the current rate card, sent on 12 August, is Rs. 18,000 per day. The leasing manager can offer the ground-floor space near the Lifestyle entrance at Rs. 15,000 per day if confirmed by Thursday; another brand has also asked for it.", Draft: "Dear Sir,\n\nGreetings from Sri Devi Mall leasing team.\n\nWith reference to your mail dated 21st Oct, please note atrium is not available from 28th Oct to 3rd Nov as it is already blocked for mall Deepavali decoration, same was informed to your team in August itself. Also last year rate is not applicable, rate card is Rs. 18,000/day which was sent to you on 12th Aug, kindly go through it before asking. We are not running charity here Sir. Ground floor space near Lifestyle entrance is available for Rs. 15,000/day. If you want kindly confirm by Thursday, otherwise we will give to other party who is waiting.\n\nThanks & Regards,\nK. Senthil Kumar\nLeasing Manager"},
			want: []string{"Rs. 18,000"}, never: []string{"running charity"},
		},
		{
			name: "c05: an interjection is no name to greet",
			req:  Request{Audience: "client", Stakes: "medium", Situation: "A removals firm on Chicago's South Side quoted Ms. Harris $1,450 for a Friday apartment move. On Tuesday night she asked to move it to Saturday, and today she asked to add a stop in Bronzeville to drop furniture at her sister's, at the same price. The owner (the writer) has both crews booked Saturday. Sunday 8am is open; an extra stop normally costs $175.", Draft: "Man, y'all called me Tuesday night to push a Friday job to Saturday, now you want a stop in Bronzeville on top and you still want the $1,450 quote? That's not how this works, I'm not running a charity. Saturday I got both crews out already. I can do Sunday 8am, $1,450 plus $175 for the extra stop. Or keep Friday like you booked. Let me know by noon tomorrow or the Sunday slot goes to somebody else."},
			want: []string{"Sunday 8am"}, never: []string{"Man,\n"},
		},
		{
			name: "j21: an instruction to a report is the way forward, not asked",
			req:  Request{Audience: "report", Stakes: "medium", Situation: "Racing yard near Morphettville, Adelaide, yard WhatsApp. Jess, a stable hand, was on evening duty. The gelding Biscuit was found without his rug at 5am after a 3-degree night, the second time this fortnight. The yard rule is every horse rugged by 5pm, checked against the board. Biscuit races at Morphettville on Saturday.", Draft: "Jess, Biscuit had no rug on again this morning, 3 degrees last night. Second time in a fortnight. Rugs on by 5, every horse, check the board before you knock off."},
			want: []string{"Rugs on by 5"}, never: []string{"[what you can offer instead]", "Would that work for you?"},
		},
		{
			name: "i10: a two-word order to a report is the message, not a scrap",
			req:  Request{Audience: "report", Stakes: "medium", Situation: "Mineral sands mine in Kwale, Kenyan coast. Emergency response team member Hamisi asks to skip Saturday's quarterly breathing apparatus training for a family wedding in Ukunda. The team leader knows Hamisi's BA certification runs out at the end of the month, the next session is three months away, and without it he cannot be rostered on the rescue team.", Draft: "Hamisi, training Saturday 0700 at the ERT bay. Not optional. Be there."},
			want: []string{"Be there."}, never: []string{"[what you can offer instead]", "Would that work for you?"},
		},
		{
			name: "n11: an order with a verb the list lacked is kept, never dropped as a scrap",
			req:  Request{Audience: "report", Stakes: "low", Situation: "A junior producer at a TV newsroom in George Town, Cayman, asks to go and cover the minister's press conference in West Bay this afternoon. The assignment editor has already sent Kadeem and needs the junior producer on the desk building the 6pm rundown.", Draft: "No. Stay on the desk. Kadeem's going."},
			want: []string{"stay on the desk"}, never: []string{"[what you can offer instead]"},
		},
		{
			name: "n14: a must-not at critical stakes is not asked",
			req:  Request{Audience: "client", Stakes: "critical", Situation: "A boat owner (Mr Landry) at a marina on Lake Pontchartrain, New Orleans, tells the harbour master he will ride out the incoming Category 3 hurricane aboard his 38-foot boat in the slip. Orleans Parish called a mandatory evacuation at noon, and marina rules require everyone off boats once it is called. The harbour master will have staff double his lines and add fenders, but he must be off the boat by 6pm.", Draft: "Absolutely not, Mr Landry. Nobody stays aboard in this marina once the parish calls mandatory evacuation, and they called it at noon. You wanna be the fool the Coast Guard gotta go fish outta the lake at 2 in the morning? Y'all be off that boat by 6 tonight. We'll double your lines and put the extra fenders on, but you are off the boat. Not up for discussion."},
			want: []string{"Nobody stays aboard"}, never: []string{"Does that work for you?", "Would that work for you?"},
		},
		{
			name: "a14: the stop is the message; when it goes again is the way forward",
			req:  Request{Audience: "report", Stakes: "critical", Situation: "FPSO in the Stabroek block, offshore Guyana. The crane operator, Ryan, wants to do a container lift to the supply boat with the wind reading 38 knots; the limit for that lift is 30 knots. The supply boat captain is pushing to keep his schedule. The forecast says wind drops under 30 around 0400. The writer is the deck supervisor.", Draft: "Ryan yuh mad or wha? Wind reading 38 knots, limit fuh dat lift is 30. Nobody lifting nothing. I don't care if the boat captain crying bout he schedule. Lift stops. We go again when it drop under 30, forecast say 0400. Anybody swing dat hook before then is off my deck."},
			want: []string{"Lift stops.", "Nobody lifting nothing", "We go again when"}, never: []string{"[what you can offer instead]", "Does that work for you?"},
		},
		{
			name: "a16: an order that is a condition stays one",
			req:  Request{Audience: "leadership", Stakes: "high", Situation: "Belfast newspaper sports desk. The managing editor, Gerry, wants to drop the Saturday Irish League results page from the print edition to save a page. The sports editor knows from circulation figures that Saturday sales in Ballymena and Coleraine rose 9% after the page was introduced, and that the page carries £1,400 a week of local advertising. The sports editor can cut it to a half page by moving the Championship tables online.", Draft: "Hi Gerry,\n\nWith respect, whoever suggested this has never sold a paper in Ballymena. That results page is the reason half of them buy us on a Saturday at all. Sales up there went up 9% when we brought it in and it's carrying £1,400 a week in ads from local businesses. Cut it and you'll save a page and lose more than the page costs, simple as that.\n\nIf you need the space I can get it down to a half page by moving the Championship tables to the website. That's as far as I'll go.\n\nCiaran"},
			want: []string{"Cut it and you'll save a page"}, never: []string{"recommend we cut it"},
		},
		{
			name: "b12: the no a jab hangs on stays; the jab goes",
			req:  Request{Audience: "peer", Stakes: "critical", Situation: "A nurse manager on 7 West of a Baltimore hospital asked pharmacy to put concentrated potassium chloride vials back into ward stock so nurses don't have to wait for premixed bags at night. Concentrated KCl was removed from all wards in 2019 after a fatal dosing error on 7 West, and hospital policy and the state survey both require it to stay in pharmacy only. The pharmacist (writing) can send up another 40 premixed 20 mEq bags by 3pm and set a par level so the ward doesn't run out overnight.", Draft: "Absolutely not, are you out of your mind? Concentrated KCl on the floor is how people die, and you of all people should know that after what happened on YOUR unit in 2019. It's not coming back, don't ask again. I'll send up another 40 of the premixed 20 mEq bags by 3 and put a par on them so your night staff quit running out."},
			want: []string{"It's not coming back"}, never: []string{"We can't ask again", "don't ask again"},
		},
		{
			name: "b01: one way left, said as one",
			req:  Request{Audience: "leadership", Stakes: "high", Situation: "The estate general manager at head office in Blantyre emailed the factory manager of a Thyolo tea estate asking the factory to take 45 tonnes of green leaf a day from Monday so the estate hits its season target. The factory's 14 withering troughs hold about 32 tonnes; leaf that waits overnight in heaps heats up and spoils, and last February 6 tonnes were thrown away that way. The factory manager has already asked the neighbouring Chisambo estate factory, which has spare capacity and quoted K180 per kg made tea to process bought leaf. He wants intake kept at 32 tonnes and the extra 13 tonnes a day sent to Chisambo.", Draft: "Sir these targets you are sending from Blantyre are just figures on paper. Nobody from your office has come to see the troughs since November. 14 troughs is 32 tonnes, full stop. You want 45, where will I put the other 13? On the floor to heat up and spoil like February when we threw 6 tonnes, and then it is my name in the report. I am not going to be blamed again for a plan I was not even consulted on. Chisambo factory has space, they are charging K180/kg, I already asked them. Either we send the extra there from Monday or you come and find the troughs yourself."},
			want: []string{"send the extra there from Monday"}, never: []string{"Either we send", "Which would you prefer"},
		},
		{
			name: "k01: two ways in one clause stay a choice",
			req:  Request{Audience: "peer", Stakes: "medium", Situation: "Container terminal, Australia. The vessel planner (a peer) confirmed to the shipping line that the MSC Aurora can work Berth 7 from Tuesday 0600 with a 9-hour turnaround. The writer runs wharf operations and knows crane 4's gearbox is out for repair until Wednesday 2pm (Kalmar's estimate), leaving 3 cranes for a 2,400-move exchange, about 14 hours of work. All 4 cranes are available from Wednesday 1800.", Draft: "Mate did you even look at the crane board before you told MSC Tuesday 0600? Crane 4's gearbox is in bits till Wednesday 2pm, Kalmar's own estimate. 2,400 moves on 3 cranes is 14 hours, not 9, no matter how nicely you ask. Second time this month you've promised the line stuff and left us to wear it. Either push the window to Wednesday 1800 so we've got all 4, or split it, 1,200 moves Tuesday and the rest Wednesday night. Pick one and ring them yourself this time, I'm not doing it for you."},
			want: []string{"Either push the window to Wednesday 1800", "Which would you prefer"}, never: []string{},
		},
		{
			name: "a01: a hedge and an idiom of contempt are no refusal and no proposal",
			req:  Request{Audience: "client", Stakes: "medium", Situation: "Bridal shop in Belfast. The bride's mother rang asking for the wedding dress to be taken in two sizes, free of charge, because the bride has lost weight; the wedding is Saturday 17th, six days away. At the second fitting in March the shop warned against dieting before the day. The seamstress, Orla, already has 11 alterations booked this week. The shop can take in the bodice only for £95 by Friday 16th, or do a full take-in as a rush job for £180.", Draft: "Look I'm not being funny but we told yous at the second fitting in March not to be dieting before the wedding and yous all laughed at us. Now it's six days out and you want two sizes off for nothing?? Catch yourself on. Orla has 11 alterations this week already, she's not a machine. Bodice only, £95, ready Friday 16th. Full take-in is £180 and even that's pushing it. Let me know by the morra or it's bodice or nothing."},
			want: []string{"Bodice only"}, never: []string{"can't be funny", "catch ourselves on", "Catch yourself on"},
		},
		{
			name: "z13: the pronoun no stays when nothing else refuses; the route is the way forward",
			req:  Request{Audience: "leadership", Stakes: "critical", Situation: "GP surgery in Edinburgh. Senior partner Dr MacLeod asked the practice manager (the writer) to print the full record of a 15-year-old patient and hand it to her father, who is at the front desk. The girl has capacity, asked in March that her sexual health consultation not be shared with her parents, and there is a 2023 social work flag restricting the father's contact. The proper route is a written subject access request reviewed by Dr Rennie, the Caldicott Guardian, after speaking to the girl. Writer is Edinburgh English.", Draft: "Dr MacLeod, no. Absolutely not. Have you actually opened her notes? She's 15, she's got capacity, she asked in March that nothing from the sexual health consult goes to her parents, AND there's a social work flag on the dad from 2023. Handing him a printout at the front desk would be a data breach and a safeguarding failure and frankly I'm astonished I'm having to spell that out. I'm not doing it and I've told Morag on reception not to either. If he wants records he puts in a subject access request in writing, it goes to Dr Rennie as Caldicott Guardian, and someone speaks to the girl first. That's it."},
			want: []string{"I'm not doing it", "subject access request"}, never: []string{"[what you can offer instead]", "Does that work for you?"},
		},
		{
			name: "y13: a condition and who can come is the way forward",
			req:  Request{Audience: "client", Stakes: "critical", Situation: "At a hospice in Barbados, the daughter of a patient asked the nurse (writer) to stop her mother's morphine on Thursday so she will be 'alert' to sign a new will. The morphine is prescribed by Dr Boyce for uncontrolled pain. The writer knows the patient is most alert in the morning before her 10am dose, and that the doctor can assess capacity before any signing with the family's lawyer present.", Draft: "Mrs Alleyne, we are not stopping your mother morphine so she could sign no will. Who tell you that is alright? She in pain without it, Dr Boyce prescribe it, and it is not your decision to make nor mine. Frankly I shame for you asking. If wunna need papers signed the lawyer could come in the morning before her 10 o'clock dose when she does be brightest, and the doctor will check she understand what she signing first. That is the only way it happening here."},
			want: []string{"the lawyer could come"}, never: []string{"[what you can offer instead]"},
		},
		{
			name: "y21: two ways forward said as fine",
			req:  Request{Audience: "leadership", Stakes: "medium", Situation: "The hospice's marketing director wants to film a fundraising video in the family lounge next week. Families of dying patients use the lounge all day. The garden and the chapel are free and could be used instead. The writer is the nursing unit manager.", Draft: "Not filming in the family lounge. Families are in there every day crying. Garden or chapel, fine."},
			want: []string{"Garden or chapel"}, never: []string{"[what you can offer instead]"},
		},
		{
			name: "z03: an order said as you will is kept",
			req:  Request{Audience: "report", Stakes: "high", Situation: "UK charity fundraising team. Fundraising officer Rakib took 212 phone donations in the Ramadan appeal and ticked no Gift Aid declarations; about £3,400 of Gift Aid is lost unless donors are called back and declarations recorded. The writer, his manager, covered the Gift Aid line twice in the briefing. Shirin, a senior officer, can sit with him for the first calls. Writer wants it done by 30 April. Writer speaks Bangladeshi English.", Draft: "Rakib, what is this actually? 212 phone donations from the Ramadan appeal and not one Gift Aid declaration ticked. That is £3,400 we are losing from HMRC just because you could not read one line of the script. I told in the briefing two times. Very much disappointed, honestly I expected better from you. Now you will call back every single donor, script is on the drive, Shirin will sit with you for the first 20. All done by 30th April, no excuse. Update me every evening 5pm."},
			want: []string{"call back every single donor"}, never: []string{},
		},
		{
			name: "z09: an instruction to a report is not asked",
			req:  Request{Audience: "report", Stakes: "medium", Situation: "Cruise ship docked in Nassau on embarkation day. A junior housekeeping supervisor asked the hotel director (the writer) to skip the 14:00 crew muster drill to go ashore. The drill is mandatory under safety rules and the next port call is Cococay in two days. Writer is Bahamian.", Draft: "No. Be at muster station C by 1:45."},
			want: []string{"muster station C by 1:45"}, never: []string{"Would that work", "Does that work"},
		},
		{
			name: "z16: no cut before the but that answers it",
			req:  Request{Audience: "client", Stakes: "medium", Situation: "Cruise line group sales, Nassau. Wedding planner Mrs. Rolle has 40 guests on the 4-night sailing of the 14th and asked for them to bring 20 cases of their own champagne and rum on board for the reception. Policy: spirits are held at the gangway and returned on the last night; one bottle of wine or champagne per adult at embarkation with $25 corkage. The private Sunset Deck party is $4,200 for 40 with a 3-hour open bar, and the writer can take 30% off for a group this size; the deck is nearly booked for the 14th. Writer is Bahamian.", Draft: "Good morning Mrs. Rolle,\n\nI received your email. No, the group cannot bring 20 cases of champagne and rum on the ship, I don't know who told you that was possible but it wasn't anybody from this office. Spirits are taken at the gangway, full stop, and they get them back the last night. Wine and champagne is one bottle per adult at embarkation with $25 corkage. Twenty cases is not happening.\n\nIf they want drinks for the reception, the private Sunset Deck party is $4,200 for 40 with open bar for 3 hours and I can get you 30% off that since it's a group this size. Let me know by Friday because the deck is nearly booked out for the 14th.\n\nRegards,\nDwayne Knowles\nGroup Sales, Nassau"},
			// (Since stop 23 the sentence goes whole: the head trained on
			// rounds 28-49 reads it as a jab at 8.4.)
			want: []string{"twenty cases"}, never: []string{"ship but it", "Twenty cases", "I don't know who told you that was possible."},
		},
		{
			name: "w01: who the writer is not, said to sneer",
			req:  Request{Audience: "client", Stakes: "medium", Situation: "Veterinary practice in Bradford. Mrs Hargreaves has rung twice and is now at the desk demanding a 3-month supply of Metacam for her Labrador, Bramble, without an appointment. Bramble was last examined 14 months ago; practice policy and the vet's prescribing rules need an exam within 12 months before repeat prescriptions. Dr Okafor has a slot Thursday 4:20pm (consult £38) and has agreed to dispense a 7-day bridging supply today if the appointment is booked. The writer is the practice's head receptionist.", Draft: "We're not a sweet shop, Mrs Hargreaves. Bramble's not been seen since last March, that's 14 month, and no vet here is signing off 3 months of Metacam on a dog they've not had their hands on. I've told you this twice on the phone already. Dr Okafor can see her Thursday 4.20, it's £38 for the consult, and she'll do a week's supply today to tide you over if you book it. Otherwise you're stuck, simple as."},
			want: []string{"Thursday"}, never: []string{"sweet shop"},
		},
		{
			name: "x03: a figure said again is emphasis, never an offer",
			req:  Request{Audience: "peer", Stakes: "high", Situation: "Ambulance trust in the Scottish Highlands. The duty manager in Inverness has pulled the Portree crew over the Skye bridge to cover Inverness meal breaks three times this month, leaving Skye with no ambulance for about 4 hours each time. On Tuesday a cardiac arrest in Staffin waited 52 minutes. The writer is the Skye station manager. Dingwall has 2 crews on until 7pm, and the writer can send the rapid response vehicle instead of the whole ambulance.", Draft: "Aye well that's the third time this month you've dragged the Portree crew over the bridge to cover your breaks in Inverness, and the third time Skye's had nothing on it for 4 hours. Tuesday a cardiac arrest in Staffin waited 52 minutes. 52. I'm not having it. If you're short, ask Dingwall first, they've 2 crews on till 7, or phone me and I'll send you the RRV, not the whole ambulance. Stop treating the island like your spare parts cupboard."},
			want: []string{"ask Dingwall first"}, never: []string{"How about 52", "52?"},
		},
		{
			name: "x05: an acknowledgement in the brief's voice is not said; wasting is waste",
			req:  Request{Audience: "client", Stakes: "medium", Situation: "Estate agency in Penzance, Cornwall. The vendor wants her 3-bed terrace listed at £650,000. It has no parking and damp in the back bedroom. A comparable house on the same road, which has a garage, sold for £510,000 in March. The agent wants to list at £535,000 to get viewings over Easter, and to talk about raising the price if there are 3 offers by May Day.", Draft: "Look, I'll be straight with you my 'ansum, £650k for a 3-bed in Penzance with no parking and damp in the back bedroom is cloud cuckoo land. Number 12 went for £510k in March and that's got a garage. Stick it on at £650 and it'll sit there all summer like an emmet's deckchair and then you'll be blaming me. List it at £535k, we get the viewings in over Easter, and if we've 3 offers by May Day we talk about pushing it up. Otherwise find yourself another agent, I'm not wasting the photographer on it."},
			want: []string{"£535k"}, never: []string{"her 3-bed", " wast "},
		},
		{
			name: "w10: a clause that leans on the one before keeps it",
			req:  Request{Audience: "report", Stakes: "medium", Situation: "Council housing office in Oldham. A new housing assistant who reports to the writer (senior housing officer) has been telling tenants specific repair dates over the phone. Repairs are booked by the contractor, not the office, and the standard response time is 10 working days. The tenant at 14 Ashworth Court has been given three different dates by the office this month and has made a complaint.", Draft: "Stop giving tenants repair dates. You don't book them, the contractor does. Log it on the system and say 10 working days, nowt else. 14 Ashworth Court's had three different dates off us this month and now there's a complaint in."},
			want: []string{"the contractor does"}, never: []string{"The contractor does."},
		},
		{
			name: "w14: you people is blame, not your team",
			req:  Request{Audience: "leadership", Stakes: "high", Situation: "Nairobi City County housing estates office. The estates manager has asked the records clerk (writer) to WhatsApp the full rent-arrears list for 1,340 tenants, including national ID numbers, phone numbers and amounts owed, to Mr Kamau, a private debt-collections agent he knows. Kamau's agency has no contract with the county and there is no data-sharing agreement; sending it would breach the Data Protection Act 2019 and could bring an ODPC complaint against the writer. If the county's legal office signs a contract with a data-sharing agreement, the writer will prepare the data through the official system.", Draft: "Sir I will not send that list on WhatsApp to Kamau. It has ID numbers, phone numbers and arrears for 1,340 tenants. He is not county staff, there is no contract and no data sharing agreement, that is straight against the Data Protection Act and it is me ODPC will come for since it went from my phone. You people always want shortcuts and then the clerk is the one who carries the case. If legal signs a contract with his agency I will prepare it properly through the system. Until then, no."},
			want: []string{"1,340 tenants"}, never: []string{"shortcuts"},
		},
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
		{
			name:  "k07: the jab after the no goes, the no stays",
			req:   Request{Audience: "client", Stakes: "medium", Situation: "Courier company, Australia. An online homewares retailer's operations lead has invoiced the courier A$2,860 in 'late delivery penalties' for parcels that arrived a day late last week. The courier's account manager knows the retailer handed 312 parcels to the driver at 5:40pm on Friday, while the contract cut-off is 4pm and has been for two years. The courier can add a second daily pickup at 6pm for $95 per run from Monday.", Draft: "Not being funny, but your team handed our driver 312 parcels at 5:40pm on Friday. Cut-off in your contract is 4pm and has been for two years. So no, we won't be crediting the $2,860 you've invoiced us, that's a bit rich. Your warehouse missed the cut-off, not us. If your lot can't get them on the dock by 4, we can add a second pickup at 6pm for $95 a run from Monday. Let me know if you want it, otherwise same deal as always."},
			want:  []string{"We won't be crediting the $2,860", "$95 a run"},
			never: []string{"a bit rich"},
		},
		{
			name:  "m06: the put-down after the no goes",
			req:   Request{Audience: "peer", Stakes: "high", Situation: "Dev team lead Kyle asked the security team to allow all traffic from the dev network 10.40.0.0/16 into the production payments subnet so the deploy pipeline works before Friday's release. The security engineer knows only three build agents (10.40.12.5 to 10.40.12.7) need HTTPS (443) to two hosts, and that dev machines run unvetted packages. The writer will open 443 from those three agents if a change ticket is in by Wednesday noon, through CAB, done Thursday morning.", Draft: "Kyle, sure, why don't we just turn the firewall off while we're at it, eh? Save everybody the hassle. You're asking me to let an entire /16 of dev boxes, including the ones people install random npm junk on, talk straight into the payments subnet. That's 65,000 addresses. Your pipeline needs three build agents, 10.40.12.5 to .7, on 443 to two hosts. Put that in a change ticket by Wednesday noon and I'll get it through CAB and done Thursday morning. Not doing the /16, and frankly I'm amazed I have to explain this to a team lead."},
			want:  []string{"the /16", "Wednesday noon"},
			never: []string{"amazed I have to explain"},
		},
		{
			name:  "k18: the dig hung on the plan goes",
			req:   Request{Audience: "peer", Stakes: "medium", Situation: "Software consultancy, Australia, team Slack channel. The account manager told the client that three new admin screens they asked for would go into Sprint 14, without checking with the delivery lead. Sprint 14 is already 22 story points over capacity. The delivery lead wants to move the reporting page to Sprint 15 to make room.", Draft: "who told the client 3 new admin screens in sprint 14?? we're already 22 pts over. reports page is getting bumped to 15 unless someone's got a better idea, and next time ask before you promise stuff ffs"},
			want:  []string{"bumped to 15"},
			never: []string{"ffs", "next time ask"},
		},
		{
			name:  "k12: the rhetorical question on the facts goes",
			req:   Request{Audience: "leadership", Stakes: "critical", Situation: "Bank payments operations, Wales. The head of payments asked the payments team leader to release a £480,000 CHAPS payment for a long-standing corporate client today without the usual call-back check, because the client's finance director is pressing. The beneficiary's bank details were changed by an email received yesterday at 4:50pm. Policy requires a call-back to the phone number held on file (on record since 2017) before paying to changed details; that call can be made first thing and the payment released by 10am if confirmed.", Draft: "No. Absolutely not. The bank details were changed by email at ten to five yesterday and you want me to skip the call-back? That's textbook invoice fraud, duw, you of all people should know that. I'm not releasing £480k on the say-so of an email. I'll ring the number we've had on file since 2017 first thing, if they confirm it goes out by 10. If you want it sent without that, you press the button and sign for it, not me."},
			want:  []string{"ten to five yesterday", "first thing"},
			never: []string{"you want me to skip the call-back", "you of all people"},
		},
		{
			name:  "m13: the no stays, its swearing goes, and a must-not at critical stakes is not asked",
			req:   Request{Audience: "leadership", Stakes: "critical", Situation: "Underground shift boss Darren told the mucking crew to go back into the 1150 level stope 45 minutes after the blast to make up tonnage. Site procedure allows no re-entry until ventilation has cleared and the shift gas tester, Jeff, confirms CO below 25 ppm; the reading at 30 minutes was 60 ppm. The writer is the crew's lead hand and will have the crew muck the 1200 level drawpoint until 1150 clears.", Draft: "Darren nobody from my crew is going back into 1150 till the gas is cleared. CO was 60 ppm at 30 min. Procedure says under 25 and Jeff signs it. I don't give a shit what the tonnage board says, I'm not carrying somebody out of there for your numbers. We'll muck the 1200 drawpoint till it clears, you can have your tonnage from there. Put it in writing if you want us in there and watch me take it to the JHSC."},
			want:  []string{"I'm not carrying somebody out of there", "1200 drawpoint"},
			never: []string{"give a shit", "Does that work for you?", "Would that work for you?"},
		},
		{
			name:  "m19: the order stays, the dig beside it goes",
			req:   Request{Audience: "report", Stakes: "medium", Situation: "Sales rep Josh messaged the sales manager: 'can I give the Hendersons $2000 off the Tahoe to close tonight?' The manager's limit for a same-night close on that unit is $800, the Hendersons' trade-in has not been appraised yet, and last month Josh promised a discount that cost the store its margin on a deal.", Draft: "no. 800 max. and get their trade appraised before you promise anything, last time you gave away the farm"},
			want:  []string{"appraised before you promise anything"},
			never: []string{"gave away the farm", "[what you can offer instead]"},
		},
		{
			name:  "d17: a condition is never cut as a jab",
			req:   Request{Audience: "peer", Stakes: "critical", Situation: "Commercial law firm, Edinburgh. Instant message to a fellow associate, Rory, who says he is going to delete a batch of client emails from the shared matter folder because partner Harrington thinks they are 'unhelpful'. The emails have been under a litigation hold since 12 January. The writer could review a privilege log with him at 9am tomorrow.", Draft: "Are you out of your mind? Those emails have been under the litigation hold since 12 January. You delete a single one of them and we are looking at spoliation, sanctions, and quite possibly both our practising certificates. Leave them exactly where they are. If Harrington thinks they're privileged, log them on the privilege log and I'll go through it with you at 9 tomorrow. Don't be an idiot about this."},
			want:  []string{"If you delete a single one of them", "practising certificates"},
			never: []string{"Don't be an idiot"},
		},
		{
			name:  "h21: a clause with a number after the jab stays",
			req:   Request{Audience: "report", Stakes: "low", Situation: "Municipal electricity call centre in Cape Town. Agent Sipho messaged his team leader (the writer) asking whether there's an outage in Khayelitsha Site C because customers keep calling. The outage map on the internal portal shows it, updated 10 minutes ago. It's the fourth question today from Sipho that the portal already answers.", Draft: "Sipho why are you asking me, it's on the portal, updated 10 min ago. Check there first please, that's the 4th time today."},
			want:  []string{"on the portal, updated 10 min ago"},
			never: []string{"why are you asking me", "[why it worries you]"},
		},
		{
			name:  "k11: what is left of a jab that says nothing goes with it",
			req:   Request{Audience: "report", Stakes: "high", Situation: "Container terminal, Tema, Ghana. A tally clerk asked whether to keep releasing containers to Sakumono Haulage trucks at the gate today. The operations supervisor has just learned that a Sakumono driver presented a falsified delivery order yesterday and that the company owes GH₵42,000 in unpaid demurrage; terminal security has asked for a hold while it investigates. The clerk does not know any of this.", Draft: "Stop all releases to Sakumono trucks now. Don't argue, just do it. Send the drivers to my office."},
			want:  []string{"Sakumono"},
			never: []string{"just do it", "Could you do it"},
		},
		{
			name:  "f22: a good let-it-go is kept as written",
			req:   Request{Audience: "leadership", Stakes: "low", Situation: "Insurance claims team, UK, Teams reply to the team manager, who is moving the weekly team meeting from Tuesday 10am to Monday 8:30am. The writer would prefer Tuesday but it is a minor matter. Monday mornings carry the weekend claims backlog.", Draft: "Monday 8:30 isn't my favourite, but it's not a big deal and I'll make it work. One small ask: could we keep it to 30 minutes? Monday mornings are when the weekend claims pile up."},
			want:  []string{"it's not a big deal and I'll make it work"},
			never: nil,
		}, {
			name:  "q08: a brief that opens on the place of work asks nothing; a noun before a verb in the past is no order",
			req:   Request{Audience: "client", Stakes: "medium", Situation: "Print shop in south London. A client's events team sent the artwork for 5,000 A5 flyers at 6pm with the bleed set wrong and wants them all by 9am tomorrow. The press can run 2,000 overnight after fixing the file; the rest can be done by 3pm tomorrow.", Draft: "Not 5,000 by 9. File came in at 6 with the bleed wrong. 2,000 by 9, rest by 3."},
			want:  []string{"File came in at 6 with the bleed wrong", "2,000 by 9, rest by 3"},
			never: []string{"print shop", "Can we file"},
		},
		{
			name:  "q02: what is left of blame with no subject goes with it",
			req:   Request{Audience: "leadership", Stakes: "high", Situation: "Welsh county council. The director wants the public consultation on closing two branch libraries to end on 9 February instead of 23 February so the paper can go to the 26 February cabinet. The writer, the consultation lead, knows the statutory guidance expects the full period and that the council lost a judicial review in 2019 over a cut-short consultation. The next cabinet after that is 12 March.", Draft: "With respect, whoever decided we can close the consultation on the 9th instead of the 23rd clearly hasn't read the guidance, or remembers the JR we lost in 2019 over exactly this. Two weeks short and we're asking for it, it's proper daft. Push the paper to the 12 March cabinet instead of the 26th. It's one cycle, tidy, and nobody ends up in court. I'm not putting my name to an early close, I'm telling you now."},
			want:  []string{"12 March cabinet"},
			never: []string{"With respect, or", "proper daft"},
		},
		{
			name:  "q14: a rule said as no stays at critical stakes; blame after \"cause\" goes",
			req:   Request{Audience: "client", Stakes: "critical", Situation: "Barn wedding venue in Tennessee. The couple want 300 guests in the barn, which the fire marshal has licensed for 220, and indoor sparklers for the exit; the bride's cousin is a firefighter and says it's fine. The venue's lawn marquee holds 350 and costs $2,800 extra.", Draft: "Absolutely not. 220 is the fire marshal's number for the barn, not a suggestion, and I don't care if your cousin's a fireman. I'm not losing my license cause y'all can't cut the list. Over 220 you either move to the lawn marquee (holds 350, $2,800 extra) or you cut 80 people. And no sparklers indoors, period."},
			want:  []string{"No sparklers indoors", "lawn marquee"},
			never: []string{"y'all can't cut the list"},
		},
		{
			name:  "p22: a let-it-go with its reservation is kept as written",
			req:   Request{Audience: "leadership", Stakes: "low", Situation: "The Head of Department at an Irish university moved the weekly admin team meeting from Tuesday 10am to Monday 9am. The department administrator (the writer) slightly prefers Tuesday because Monday mornings are busy with student queries at the front desk, but it's a minor preference and a colleague (Aoife) can cover the desk.", Draft: "Grand, Monday at 9 suits. Mondays are a bit mad with student queries but I'll ask Aoife to cover the desk for the hour. See you then."},
			want:  []string{"Mondays are a bit mad with student queries but I'll ask Aoife", "See you then."},
			never: []string{"I'm not sure about Mondays"},
		}, {
			name:  "t13: the no before a jab in one clause stays, and a legal must-not is not asked",
			req:   Request{Audience: "leadership", Stakes: "high", Situation: "The managing director, Jonathan, asked the HR manager to forward employee Nomsa's full medical file and sick-note history to her line manager Riaan, who suspects she is faking illness. The HR manager knows health information is special personal information under POPIA and cannot be shared without consent. Riaan can be given her attendance record (14 days absent since March, dates only), and HR can book an independent medical assessment through the EAP provider for R2,400.", Draft: "Jonathan, no. I'm not sending Nomsa's medical file to Riaan, I don't care how sure he is that she's skiving. That's special personal information under POPIA, if it leaks we're looking at an Information Regulator complaint and a CCMA case we would lose, and frankly what's wrong with her is none of his business. He can have her attendance record (14 days since March, dates only). If we genuinely think something's off, I book an independent assessment through the EAP, R2,400, done properly. That's the only way I'm doing it."},
			want:  []string{"I'm not sending Nomsa's medical file to Riaan", "R2,400"},
			never: []string{"I don't care how sure", "Does that work for you?"},
		},
		{
			name:  "s06: their request echoed in disbelief is never put forward as ours",
			req:   Request{Audience: "leadership", Stakes: "medium", Situation: "Sports editor at a regional Irish weekly newspaper. Group editor Declan passed on a decision from the Dublin head office to cut the sports section from 8 pages to 4 from September to save print costs. The county final edition on 9 October sold 11,200 copies last year against about 7,800 in a normal week. The writer can live with 6 pages for the rest of September and 4 pages from November when the club season ends, but wants 8 for the county final edition.", Draft: "Ah for feck's sake Declan. Cut sports to 4 pages the week of the county final? Whoever in Dublin came up with that has never set foot in this county. The county final edition is our biggest seller of the year, 11,200 copies last year against 7,800 in a normal week, and half of them are buying it for the match report and the team photo. Cutting it then is like shutting the pub on Paddy's Day. Fine, 6 pages for the rest of September, I'll live with it, but the 9 October edition stays at 8 and I'll take it down to 4 myself from November when the club season's over. Tell them that, or tell them I said it, I don't care which."},
			want:  []string{"9 October edition stays at 8"},
			never: []string{"I'd suggest we cut sports", "I'd recommend we cut sports"},
		},
		{
			name:  "s19: a numbered thing said to be free is the offer; the writer's role is no request",
			req:   Request{Audience: "peer", Stakes: "high", Situation: "Shift supervisor at a distribution warehouse in Lagos, on WhatsApp. A fellow supervisor said he'll put the 20 pallets of noodle cartons arriving at 2pm into bay 3. The writer knows the top level in bay 3 is above the reach of the only working forklift today, and bay 7 is empty.", Draft: "Abeg no put am for bay 3 o, our forklift no fit reach that top level. Bay 7 dey free, use am."},
			want:  []string{"Bay 7 dey free"},
			never: []string{"[what you can offer instead]", "shift supervisor at"},
		}, {
			name: "s15: 'frankly speaking' goes whole, never leaving 'Speaking it is ...'",
			req: Request{Audience: "client", Stakes: "high", Channel: "email",
				Situation: "A chartered accountant's client asked for the tax audit to be filed by the 15th; the client's accountant has not sent the bank statements.",
				Draft:     "Dear Mr. Agarwal ji,\n\nFrankly speaking it is very difficult for us to do anything when data is not coming on time. 15th is not possible from our side. If we get everything by 12th we can complete by 24th.\n\nThanks and Regards,\nMeera"},
			want:  []string{"Dear Mr. Agarwal ji,", "by 24th"},
			never: []string{"Speaking it", "speaking it"},
		}, {
			name:  "h14: a sentence ending on an ordinal ends (\"the 21st. Please ...\"), so the two ways forward stay",
			req:   Request{Audience: "peer", Stakes: "critical", Situation: "Youth athletics club in Nairobi. The team manager, Otieno, asked the club welfare officer (the writer) for the third time to let Brian, a new volunteer and Otieno's cousin, go as the only adult with the under-12 squad on the overnight trip to Naivasha on the 14th. Brian has not done the safeguarding course and his police clearance certificate has not come back. Club rules require two cleared adults on overnight trips. Mary, a cleared coach, is free on the 14th; otherwise the trip can move to the 21st.", Draft: "Otieno, I have told you already, no. Brian has not done the safeguarding course and his police clearance is not back, he cannot be alone with the under-12s overnight, I don't care if he is your cousin or what. Either Mary goes with him on the 14th or the trip moves to the 21st. Please stop asking me the same thing."},
			want:  []string{"Either Mary goes with him on the 14th or the trip moves to the 21st."},
			never: []string{"[what you can offer instead]", "stop asking"},
		},
		{
			name:  "h11: \"Tell him to ...\" is asked, never cut to \"To use the portal.\"",
			req:   Request{Audience: "client", Stakes: "medium", Situation: "IT support provider for a Nairobi insurance brokerage. A senior partner's PA messaged the support technician (the writer) on WhatsApp asking him to reset the partner's email password and send the new one to her on WhatsApp, because the partner is travelling. Policy: resets only through the self-service portal or a call from the account holder's registered number; passwords are never sent over chat.", Draft: "We don't do that. Tell him to use the portal."},
			want:  []string{"ask him to use the portal"},
			never: []string{"To use the portal", "[what you can offer instead]"},
		},
		{
			name:  "u12: a condition and who they can turn to is the way forward, so no slot",
			req:   Request{Audience: "client", Stakes: "critical", Situation: "Mr Byrne, father of Aoife (Senior Infants) at an Irish primary school, emails the class teacher (writer) asking to collect Aoife today, saying her mother knows. A court order on the school file restricts him to supervised access and he is not on the collection list. Any such request must go to the principal, Mrs Kelly, who is the Designated Liaison Person, and the mother must confirm directly with the office.", Draft: "Mr Byrne I'm not a fool. There's a court order on file and you know well you can't collect Aoife. I'm not handing a child over on your say so, I'd lose my job over it and rightly. Don't put me in that position again. If her mam wants something different she can ring the office and talk to Mrs Kelly."},
			want:  []string{"she can ring the office and talk to Mrs Kelly"},
			never: []string{"[what you can offer instead]"},
		}, {
			name:  "v19: a clipped no ('Cannot skip.') is no scrap to drop: it is the message",
			req:   Request{Audience: "report", Stakes: "medium", Situation: "An assistant stage manager at a Hong Kong theatre company messages the stage manager (the writer) on WhatsApp that the Act 2 props table isn't ready and asks to skip the props check before tonight's preview at 7:30. At the last preview the knife wasn't preset and the actor Ka-ho had to mime it.", Draft: "Cannot skip. Last preview knife not preset, Ka-ho had to mime. 6:30 props check, I stand there watch you."},
			want:  []string{"Cannot skip.", "6:30 props check"},
			never: nil,
		},
		{
			name:  "a report's order with its ultimatum is the way forward: no slot, and not asked (round 56)",
			req:   Request{Audience: "report", Stakes: "high", Situation: "At a quarry near Kirkwall, Orkney, the foreman sees on the camera feed that Magnus, a young operator, has restarted the crusher with the conveyor guard still off after clearing a blockage. Running without the guard is a serious entanglement risk and breaks the quarry's rules and health-and-safety law. The guard takes about 10 minutes to refit.", Draft: "Magnus shut hid aff NOW. Guard's aff the conveyor, are thoo wantin tae lose an arm? Refit hid afore hid goes back on or thoo're gaan hame."},
			want:  []string{"Refit hid afore hid goes back on"},
			never: []string{"[what you can offer instead]", "work for you?"},
		},
		{
			name:  "'Otherwise look for someone else.' is not followed by 'Does that work for you?' (round 57)",
			req:   Request{Audience: "client", Stakes: "high", Situation: "Mr Kamau, manager of a sheep farm near Ol Kalou, asked the shearing contractor to bring his 2 shearers on Saturday to do all 600 ewes after a week of rain, and to drop the rate from the KSh 60 per head agreed in January (on WhatsApp) to KSh 45. A good shearer does about 150 a day. Wool shorn wet rots in the bags; the Nakuru buyer rejected a damp clip last year. The contractor wants the sheep housed in the shed from Sunday night to dry, and will bring 4 shearers Monday and Tuesday at KSh 60.", Draft: "Mr Kamau I don't know who is advising you. 600 ewes with 2 shearers in one day is not possible, even my best guy does 150 a day. And shearing wet sheep?? The wool will rot in the bags and the buyer in Nakuru will reject it like last year, then you will come and blame us. And now 45 bob? We agreed 60 in January, I have it on WhatsApp. Kindly just house the sheep in the shed from Sunday night so they dry, I bring 4 shearers Monday and Tuesday, 60 per head as agreed. Otherwise look for someone else."},
			want:  []string{"4 shearers Monday and Tuesday"},
			never: []string{"work for you?"},
		},
		{
			name:  "an order and what the writer does if they do it: 'If you do it again, I'm pulling your jacket', never 'Could you do it again?' (round 61)",
			req:   Request{Audience: "report", Stakes: "medium", Situation: "At a Colorado ski area, the patrol supervisor (from Oklahoma) heard that rookie patroller Jake led two guests through the roped-off Glades, which are closed for low coverage and exposed stumps. Jake is also on end-of-day sweep at 3:45 off Lift 6. Radio/text message.", Draft: "Quit taking guests through the closed Glades, that rope's there for a reason. Do it again and I'm pulling your jacket. You're on sweep 3:45 off Lift 6."},
			want:  []string{"If you do it again, I'm pulling your jacket"},
			never: []string{"Could you do it again"},
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

// scoredJabs is a sentence head that knows its jabs: 2 for a part in the
// set, -5 for anything else (and no whole-message judge).
type scoredJabs map[string]bool

func (s scoredJabs) Margin(check.Input) (float64, error) { return 0, check.ErrNoJudge }
func (s scoredJabs) JabScore(text string) (float64, bool) {
	if s[strings.TrimRight(strings.TrimSpace(text), ".?!")] {
		return 2, true
	}
	return -5, true
}

// TestTrimJabs: a clause the sentence head scores a jab goes (sureJabs),
// unless it is all there is; the head or the tail of a clause it scores
// a jab is cut when what is left stands alone, and never when the part
// holds what the rules keep (a number, a name, a no, an order, a
// condition) or what is left would dangle.
func TestTrimJabs(t *testing.T) {
	jabs := scoredJabs{"that's a bit rich": true, "you want me to skip the call-back": true, "and frankly I'm amazed I have to explain this": true,
		"Don't argue": true, "just do it": true, "quite possibly both our practising certificates": true, "If not": true,
		"put your name on the sheet": true, "which, no offence, hasn't been a strength": true, "no offence": true,
		"I was the one cleaning that up": true, "hasn't been a strength": true, "which I'll assume you didn't read": true, "then who will answer": true, "You don't book them": true, "Sipho why are you asking me": true, "you signed off on the 3rd": true}
	tests := []struct{ draft, want string }{
		{"We won't be crediting the $2,860 you've invoiced us, that's a bit rich.", "We won't be crediting the $2,860 you've invoiced us."},
		{"The details were changed by email at 4:50 and you want me to skip the call-back?", "The details were changed by email at 4:50."},
		{"I'm not doing the /16, and frankly I'm amazed I have to explain this.", "I'm not doing the /16."},
		// A clause of three parts: the second pass finds nothing more to
		// cut and the first cut stands.
		{"We won't be crediting the $2,860, as agreed in March, that's a bit rich.", "We won't be crediting the $2,860, as agreed in March."},
		// A jab between two separators; the second stays.
		{"As I said in my email on Wednesday, which I'll assume you didn't read, we cannot close Beach Road with 5 days' notice.", "As I said in my email on Wednesday, we cannot close Beach Road with 5 days' notice."},
		// Not when a part beside it would be left a scrap ("..., you?").
		{"Weekly recon will eat us alive, then who will answer, you?", "Weekly recon will eat us alive, then who will answer, you?"},
		// Nor when what is left ends on an auxiliary ("The contractor does.").
		{"You don't book them, the contractor does.", "You don't book them, the contractor does."},
		// What is left says nothing of its own: the clause goes whole.
		{"Don't argue, just do it.", ""},
		// A list is no jab; a condition is kept; an order is kept.
		{"We are looking at spoliation, sanctions, and quite possibly both our practising certificates.", "We are looking at spoliation, sanctions, and quite possibly both our practising certificates."},
		{"If not, we keep 45 on the rota.", "If not, we keep 45 on the rota."},
		{"Saturday is free, put your name on the sheet and it's yours.", "Saturday is free, put your name on the sheet and it's yours."},
		// What is left would dangle, or would not stand without its head.
		{"It fits in 2 runs if you're organised, which, no offence, hasn't been a strength.", "It fits in 2 runs if you're organised, which, no offence, hasn't been a strength."},
		{"96 samples fits in 2 runs if you're organised, which, no offence, hasn't been a strength.", "96 samples fits in 2 runs if you're organised, which, no offence, hasn't been a strength."},
		{"I was the one cleaning that up, not the people who made the call.", "I was the one cleaning that up, not the people who made the call."},
		// A part with a name or a date is the rules' to keep.
		{"The proof you signed off on the 3rd, Dylan.", "The proof you signed off on the 3rd, Dylan."},
	}
	for _, tt := range tests {
		if got := keptText(trimJabs(sureJabs(readDraft(tt.draft), jabs, nil, 0), jabs, 0)); got != tt.want {
			t.Errorf("trimJabs(%q)\n got %q\nwant %q", tt.draft, got, tt.want)
		}
	}
}

// keptText is what rd still says: its clauses the rules keep, joined as
// written.
func keptText(rd reading) string {
	var kept []string
	for _, p := range rd.pieces {
		if !dropped(p.class) {
			kept = append(kept, p.lead+p.text)
		}
	}
	return strings.TrimSpace(strings.Join(kept, ""))
}

// gradedJabs is a sentence head with a score for each phrase (-5 for the
// rest).
type gradedJabs map[string]float64

func (g gradedJabs) Margin(check.Input) (float64, error) { return 0, check.ErrNoJudge }
func (g gradedJabs) JabScore(text string) (float64, bool) {
	if z, ok := g[strings.TrimRight(strings.TrimSpace(text), ".?!")]; ok {
		return z, true
	}
	return -5, true
}

// TestTrimJabsInner: a part inside a clause needs InnerJabGain above the
// bar; one cut at an end needs the bar.
func TestTrimJabsInner(t *testing.T) {
	tests := []struct {
		draft string
		jabs  gradedJabs
		want  string
	}{
		{"We won't be crediting the $2,860 you've invoiced us, that's a bit rich.",
			gradedJabs{"that's a bit rich": 0.5},
			"We won't be crediting the $2,860 you've invoiced us."},
		{"As I said in my email on Wednesday, which I'll assume you didn't read, we cannot close Beach Road.",
			gradedJabs{"which I'll assume you didn't read": InnerJabGain + 0.5},
			"As I said in my email on Wednesday, we cannot close Beach Road."},
		{"As I said in my email on Wednesday, which I'll assume you didn't read, we cannot close Beach Road.",
			gradedJabs{"which I'll assume you didn't read": InnerJabGain - 0.5},
			"As I said in my email on Wednesday, which I'll assume you didn't read, we cannot close Beach Road."},
	}
	for _, tt := range tests {
		if got := keptText(trimJabs(readDraft(tt.draft), tt.jabs, 0)); got != tt.want {
			t.Errorf("trimJabs(%q)\n got %q\nwant %q", tt.draft, got, tt.want)
		}
	}
}

// TestProtected: what the judge's cuts leave to the rules: a no, an
// order, a number, a name or a condition; a name the message is said to,
// or one inside a question put to the reader, keeps nothing.
func TestProtected(t *testing.T) {
	c := classes()
	tests := []struct {
		clause string
		want   bool
	}{
		{"Mr Adeyemi abeg let us be serious.", false},
		{"Sipho why are you asking me", false},
		{"Are you serious Declan?", false},
		{"Has anyone in County Hall actually looked at our numbers?", false},
		{"I've had a think about it and talked it through with Sunita.", true},
		{"If Sana agrees to swap her shifts with you then fine", true},
		{"USSD and wallet is not small", true},
		{"The bleed valve on G-OTRB is outside the MEL", true},
		{"Were you in the shop last Saturday at all?", false},
		{"And no sparklers indoors, period.", true},
		{"No matter how many times you phone my manager.", false},
	}
	for _, tt := range tests {
		p := piece{orig: tt.clause, text: tt.clause, match: c.classify(tt.clause)}
		if got := protected(p); got != tt.want {
			t.Errorf("protected(%q) = %v (class %s), want %v", tt.clause, got, p.class, tt.want)
		}
	}
}

// What a cut may leave: a clause that stands alone, not a "that" that
// never reaches its verb nor a "what with" with nothing before it (round
// 134).
func TestStandsAlone(t *testing.T) {
	tests := []struct {
		s    string
		head bool // what is left after a head cut
		want bool
	}{
		{"However, kindly note that after our technician Mr. Mwangi inspected the plough on 22nd March", false, false},
		{"Kindly note that after the inspection, the bearings were dry", false, true},
		{"what with the cidery's rule and everything", true, false},
		{"we cannot close Beach Road", false, true},
		{"Our warranty terms are very clear on this matter", false, true},
		{"and", false, false},
	}
	for _, tt := range tests {
		if got := standsAlone(tt.s, tt.head); got != tt.want {
			t.Errorf("standsAlone(%q, %v) = %v, want %v", tt.s, tt.head, got, tt.want)
		}
	}
	for s, want := range map[string]bool{
		"What with the cidery's rule and everything.":    true,
		"If you move him I'll put in an incident report": false,
		"When the crane arrives.":                        true,
	} {
		if got := subordinateOnly(s); got != want {
			t.Errorf("subordinateOnly(%q) = %v, want %v", s, got, want)
		}
	}
}
