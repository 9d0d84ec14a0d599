package check

import (
	"strings"
	"testing"

	"github.com/pushback/pushback/internal/guide"
)

// TestJabLine: a message the judge would pass fails for one line the
// rewrite leaves out as a jab at the reader, and the finding points at
// that line; without the line the same message passes. The drafts are
// from the rewrite's blind rounds (both readers: not to send as is, for
// the line quoted).
func TestJabLine(t *testing.T) {
	tests := []struct {
		name, audience, stakes, situation, text string
		jab                                     string // the line the finding quotes; "" when the draft passes
	}{
		{"rd-cc11 (round 98)", "peer", "high", "Li Wen Tan, LCL consolidation supervisor at a forwarder's Singapore CFS, replies to Arjun Nair, a sales colleague, who asked at 16:20 on Tuesday to add 2 pallets of lithium-ion batteries (UN 3480, Class 9, 640 kg) for his customer to the Jebel Ali consolidation box. That box was stuffed, sealed and gated in at 14:00. The next Jebel Ali consol closes Friday 14 June at 12:00 and sails Sunday; dangerous goods need the customer's DG declaration and MSDS 48 hours before stuffing. The cut-off notice went to all sales staff on Monday.", "Hi Arjun,\n\nCan't do it on this one. The Jebel Ali box was stuffed and sealed this morning and gated in at 14:00, so it's physically at the terminal now. Even if it wasn't, Class 9 batteries need the DG dec and MSDS before we plan stowage inside the box, and we don't have either.\n\nWhat I can do: put the 2 pallets on Friday's consol (closes 14 June 12:00, sails Sunday). I need the DG declaration and MSDS by Wednesday 12 June EOD so we can plan segregation. If your customer can deliver to the CFS by Thursday, they're on it.\n\nMaybe next time read the cut-off email before promising the customer anything.\n\nLi Wen", "Maybe next time read the cut-off email before promising the customer anything."},
		{"rd-cc11, without its jab", "peer", "high", "Li Wen Tan, LCL consolidation supervisor at a forwarder's Singapore CFS, replies to Arjun Nair, a sales colleague, who asked at 16:20 on Tuesday to add 2 pallets of lithium-ion batteries (UN 3480, Class 9, 640 kg) for his customer to the Jebel Ali consolidation box. That box was stuffed, sealed and gated in at 14:00. The next Jebel Ali consol closes Friday 14 June at 12:00 and sails Sunday; dangerous goods need the customer's DG declaration and MSDS 48 hours before stuffing. The cut-off notice went to all sales staff on Monday.", "Hi Arjun,\n\nCan't do it on this one. The Jebel Ali box was stuffed and sealed this morning and gated in at 14:00, so it's physically at the terminal now. Even if it wasn't, Class 9 batteries need the DG dec and MSDS before we plan stowage inside the box, and we don't have either.\n\nWhat I can do: put the 2 pallets on Friday's consol (closes 14 June 12:00, sails Sunday). I need the DG declaration and MSDS by Wednesday 12 June EOD so we can plan segregation. If your customer can deliver to the CFS by Thursday, they're on it.\n\nLi Wen", ""},
		{"rd-ce22 (round 100)", "leadership", "high", "Shannon is intake supervisor in a county's community housing department in Ontario. Director Janet Morrow has asked the team to clear a backlog of 1,140 annual income reviews by March 31 so rent-geared-to-income recalculations are done for the provincial report. Two intake positions have sat vacant since a hiring freeze in October. Each review takes about 45 minutes; with five staff the team can realistically finish about 520 by March 31. About 380 files are overdue by more than six months. Agency temps cost about $38/hour. Two neighbouring service managers got extensions from the ministry last year.", "Hi Janet,\n\nRespectfully, I'm not sure how you expect us to clear 1,140 reviews by March 31 when the decision to freeze our two vacant positions was made in October without anyone asking us. Maybe someone upstairs would like to come down and do a few.\n\nHere's where we actually are. Each review is about 45 minutes. With five of us, and still covering the counter, we can get through roughly 520 by March 31. That's the honest number.\n\nWhat I'd suggest:\n- We do the 380 that are more than six months overdue first, since those are the ones most likely to have the wrong rent.\n- Bring in two agency temps for 8 weeks (about $38/hr) to take the straightforward files, which would get us close to 800.\n- Ask the ministry for an extension on the rest. Both Simcoe and Dufferin got one last year, so it's not unheard of.\n\nI can have a proper plan on your desk by Friday if you want to go this way. I'd just ask that next time we're asked before the staffing gets cut, not after.\n\nShannon", "Maybe someone upstairs would like to come down and do a few."},
		{"rd-ce22, without its jab", "leadership", "high", "Shannon is intake supervisor in a county's community housing department in Ontario. Director Janet Morrow has asked the team to clear a backlog of 1,140 annual income reviews by March 31 so rent-geared-to-income recalculations are done for the provincial report. Two intake positions have sat vacant since a hiring freeze in October. Each review takes about 45 minutes; with five staff the team can realistically finish about 520 by March 31. About 380 files are overdue by more than six months. Agency temps cost about $38/hour. Two neighbouring service managers got extensions from the ministry last year.", "Hi Janet,\n\nRespectfully, I'm not sure how you expect us to clear 1,140 reviews by March 31 when the decision to freeze our two vacant positions was made in October without anyone asking us.\n\nHere's where we actually are. Each review is about 45 minutes. With five of us, and still covering the counter, we can get through roughly 520 by March 31. That's the honest number.\n\nWhat I'd suggest:\n- We do the 380 that are more than six months overdue first, since those are the ones most likely to have the wrong rent.\n- Bring in two agency temps for 8 weeks (about $38/hr) to take the straightforward files, which would get us close to 800.\n- Ask the ministry for an extension on the rest. Both Simcoe and Dufferin got one last year, so it's not unheard of.\n\nI can have a proper plan on your desk by Friday if you want to go this way. I'd just ask that next time we're asked before the staffing gets cut, not after.\n\nShannon", ""},
		{"rd-ej19 (round 157)", "report", "medium", "Laura Beth Pruitt, operations manager at a fine-art shipping company in Richmond, Virginia, is writing to her dispatcher, Kyle. He has booked the same truck and two-man crew (Jamal and Cody) for a pickup of three paintings from collector Mrs. Hensley in Roanoke at 9am Tuesday and for a delivery to a Norfolk museum at 8am the same day. The two jobs are about four hours' drive apart. Laura Beth has already called Mrs. Hensley, who is fine with Wednesday at 10am. Two of the Roanoke paintings are over 60 inches and need the A-frames.", "Kyle,\n\nYou've got the Roanoke pickup and the Norfolk delivery on the same truck Tuesday morning, 9 and 8. Can't be done, they're four hours apart. Maybe pull up a map of Virginia before you book the next one.\n\nHere's the fix. I called Mrs. Hensley this morning and she's fine with Wednesday at 10, so move Roanoke to Wednesday and keep Norfolk Tuesday at 8 like we promised them. Update the run sheet and let Jamal and Cody know tonight so they're not fixing to drive the wrong direction at 5am. Truck 3 needs the A-frames loaded for Roanoke since two of those pieces are over 60 inches.\n\nThanks,\nLaura Beth", "Maybe pull up a map of Virginia before you book the next one."},
		{"rd-ej19, without its jab", "report", "medium", "Laura Beth Pruitt, operations manager at a fine-art shipping company in Richmond, Virginia, is writing to her dispatcher, Kyle. He has booked the same truck and two-man crew (Jamal and Cody) for a pickup of three paintings from collector Mrs. Hensley in Roanoke at 9am Tuesday and for a delivery to a Norfolk museum at 8am the same day. The two jobs are about four hours' drive apart. Laura Beth has already called Mrs. Hensley, who is fine with Wednesday at 10am. Two of the Roanoke paintings are over 60 inches and need the A-frames.", "Kyle,\n\nYou've got the Roanoke pickup and the Norfolk delivery on the same truck Tuesday morning, 9 and 8. Can't be done, they're four hours apart.\n\nHere's the fix. I called Mrs. Hensley this morning and she's fine with Wednesday at 10, so move Roanoke to Wednesday and keep Norfolk Tuesday at 8 like we promised them. Update the run sheet and let Jamal and Cody know tonight so they're not fixing to drive the wrong direction at 5am. Truck 3 needs the A-frames loaded for Roanoke since two of those pieces are over 60 inches.\n\nThanks,\nLaura Beth", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := Default().Check(Input{Draft: tt.text, Audience: guide.Audience(tt.audience), Stakes: guide.Stakes(tt.stakes), Situation: tt.situation})
			if err != nil {
				t.Fatal(err)
			}
			if tt.jab == "" {
				if !r.Pass {
					t.Errorf("fails (score %d): %s", r.Score, r.Summary)
				}
				return
			}
			if r.Pass || r.Score >= PassScore {
				t.Fatalf("passes (score %d): %s", r.Score, r.Summary)
			}
			f := r.Findings[0]
			if f.Rule != jabAntiPattern || f.Excerpt != tt.jab || f.End <= f.Start {
				t.Errorf("first finding %s %q [%d,%d), want %s on %q", f.Rule, f.Excerpt, f.Start, f.End, jabAntiPattern, tt.jab)
			}
			if !strings.Contains(r.Disagreement, "leaves out as a jab") {
				t.Errorf("disagreement %q does not say why the judge's pass was overruled", r.Disagreement)
			}
		})
	}
}
