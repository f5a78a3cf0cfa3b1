package report

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
	"testing"
	"time"

	"pursuit/model"
	"pursuit/report/pdftest"
)

var revalNow = time.Date(2027, 9, 1, 10, 0, 0, 0, time.UTC)

func revalPDF(t *testing.T, pf model.Portfolio, opt RevalidationOptions) (pdf []byte, text string) {
	t.Helper()
	var b bytes.Buffer
	if err := Revalidation(context.Background(), &b, pf, testFonts(), opt); err != nil {
		t.Fatal(err)
	}
	qpdfCheck(t, b.Bytes())
	return b.Bytes(), pdfText(t, b.Bytes())
}

// revalFlat joins the text's lines, so that a phrase wrapped across two lines still matches.
func revalFlat(s string) string { return strings.Join(strings.Fields(s), " ") }

// revalWantHours formats hours the way a reader expects, worked out here independently.
func revalWantHours(h float64) string {
	return strconv.FormatFloat(math.Round(h*100)/100, 'f', -1, 64)
}

func TestRevalidationPackHoldsEveryReflectionInTheNMCForm(t *testing.T) {
	pf := demoPortfolio(t, demoStore(t, 3, revalNow), "zoe")
	today := model.DateOf(revalNow)
	_, raw := revalPDF(t, pf, RevalidationOptions{Today: today})
	text := revalFlat(raw)

	var reflections []model.Evidence
	var hours, participatory float64
	feedback := 0
	for _, e := range pf.Evidence {
		switch e.Type {
		case model.Reflection:
			reflections = append(reflections, e)
		case model.Feedback, model.Testimony:
			feedback++
		}
		if e.Hours > 0 {
			hours += e.Hours
			participatory += e.ParticipatoryHours
		}
	}
	if len(reflections) < 5 || feedback == 0 || hours == 0 {
		t.Fatalf("the demo portfolio should be full: %d reflections, %d feedback, %v hours", len(reflections), feedback, hours)
	}
	wants := []string{
		"Zoë Whitfield", "Registered Nurse (Adult)", "NMC revalidation evidence", "Generated " + today.Display(),
		"does not replace the NMC's own forms", "may identify a patient",
		"What was the nature of the CPD activity or practice-related feedback or event?",
		"What did you learn?",
		"How did you change or improve your practice as a result?",
		"How is this relevant to the Code?",
		"Prioritise people", "Practise effectively", "Preserve safety", "Promote professionalism and trust",
		fmt.Sprintf("%d reflective accounts in this period", len(reflections)), "The NMC asks for five written reflective accounts",
		"Practice-related feedback log", fmt.Sprintf("%d pieces of feedback", feedback),
		"CPD log", fmt.Sprintf("Total CPD: %s hours, of which %s participatory", revalWantHours(hours), revalWantHours(participatory)),
		"the NMC asks for 35 hours of CPD", "including 20 participatory hours",
		"Before you revalidate",
	}
	for _, e := range reflections {
		wants = append(wants, revalFlat(e.Title))
	}
	for _, w := range wants {
		if !strings.Contains(text, w) {
			t.Errorf("the pack lacks %q", w)
		}
	}
	if got := strings.Count(text, "REFLECTIVE ACCOUNT "); got != len(reflections) {
		t.Errorf("%d reflective accounts laid out, want %d", got, len(reflections))
	}
	pages := strings.Count(raw, "\f")
	if !strings.Contains(text, fmt.Sprintf("Page %d of %d", pages, pages)) {
		t.Errorf("no \"Page %d of %d\" footer", pages, pages)
	}
	// Testimonies name the witness's role, never the witness.
	for _, e := range pf.Evidence {
		if e.Type == model.Testimony && e.WitnessName != "" && strings.Contains(text, e.WitnessName) && !strings.Contains(e.Text(), e.WitnessName) {
			t.Errorf("the feedback log names the witness %q", e.WitnessName)
		}
	}
}

func TestRevalidationSinceLeavesOutOlderItems(t *testing.T) {
	pf := demoPortfolio(t, demoStore(t, 3, revalNow), "zoe")
	var dates []model.Date
	for _, e := range pf.Evidence {
		if e.Type == model.Reflection {
			dates = append(dates, e.OccurredOn)
		}
	}
	since := dates[0]
	for _, d := range dates {
		if d.After(since) {
			since = d
		}
	}
	since = since.AddMonths(-4) // the last third or so of the year
	_, raw := revalPDF(t, pf, RevalidationOptions{Today: model.DateOf(revalNow), Since: since})
	text := revalFlat(raw)

	kept, dropped := map[string]bool{}, map[string]bool{}
	var hours float64
	accounts := 0
	for _, e := range pf.Evidence {
		if e.OccurredOn.Before(since) {
			dropped[revalFlat(e.Title)] = true
			continue
		}
		kept[revalFlat(e.Title)] = true
		if e.Type == model.Reflection {
			accounts++
		}
		hours += e.Hours
	}
	if accounts == 0 || len(dropped) == 0 {
		t.Fatalf("a poor split: %d accounts kept, %d titles dropped", accounts, len(dropped))
	}
	for title := range dropped {
		if !kept[title] && strings.Contains(text, title) {
			t.Errorf("%q is older than %s but in the pack", title, since.Display())
		}
	}
	for _, want := range []string{
		"Period covered " + since.Display() + " to " + model.DateOf(revalNow).Display(),
		fmt.Sprintf("Total CPD: %s hours", revalWantHours(hours)),
		fmt.Sprintf("REFLECTIVE ACCOUNT %d OF %d", accounts, accounts),
	} {
		if !strings.Contains(text, want) {
			t.Errorf("the pack lacks %q", want)
		}
	}
	// Training and sessions before the date go too (unless the same course recurs later).
	later := map[string]bool{}
	for _, tr := range pf.Training {
		if !tr.CompletedOn.Before(since) {
			later[tr.Course] = true
		}
	}
	for _, l := range pf.Learning {
		if !l.Date.Before(since) {
			later[l.Title] = true
		}
	}
	for _, tr := range pf.Training {
		if !tr.CompletedOn.IsZero() && tr.CompletedOn.Before(since) && !later[tr.Course] && !kept[tr.Course] && strings.Contains(text, tr.Course) {
			t.Errorf("training %q, completed %s before %s, is in the CPD log", tr.Course, tr.CompletedOn.Display(), since.Display())
		}
	}
}

func TestRevalidationOfAnEmptyPortfolioExplainsWhatToAdd(t *testing.T) {
	for name, pf := range map[string]model.Portfolio{
		"new preceptee":  {Preceptee: model.User{Name: "Siobhán Ó'Connor"}, Programme: model.Programme{StartDate: model.NewDate(2027, 9, 6), Profession: "nurse-mental-health", Service: "Ash Ward – Older Adults"}},
		"nothing at all": {},
	} {
		t.Run(name, func(t *testing.T) {
			_, raw := revalPDF(t, pf, RevalidationOptions{Today: model.NewDate(2027, 9, 20)})
			text := revalFlat(raw)
			for _, want := range []string{
				"NMC revalidation evidence", "There are no reflections in this period yet", "NMC reflective account",
				"There is no practice-related feedback in this period yet", "No learning with CPD hours is recorded",
				"Total CPD: 0 hours, of which 0 participatory", "Before you revalidate",
				fmt.Sprintf("Page 1 of %d", strings.Count(raw, "\f")),
			} {
				if !strings.Contains(text, want) {
					t.Errorf("the empty pack lacks %q:\n%s", want, raw)
				}
			}
			if pf.Preceptee.Name != "" && !strings.Contains(text, pf.Preceptee.Name) {
				t.Errorf("the pack does not name %s", pf.Preceptee.Name)
			}
		})
	}
}

// A Gibbs reflection is mapped onto the NMC's questions; themes of the Code are found in
// its text or, when there are none, the account says what to add.
func TestRevalidationMapsGibbsOntoTheNMCQuestions(t *testing.T) {
	day := model.NewDate(2027, 3, 4)
	pf := model.Portfolio{
		Preceptee: model.User{Name: "Łukasz Wiśniewski"},
		Programme: model.Programme{StartDate: model.NewDate(2026, 9, 7), Profession: "nurse-adult", Service: "Ward 7"},
		Evidence: []model.Evidence{
			{Type: model.Reflection, Template: "gibbs", Title: "Zoë’s “first” night – £5 and a long-unbroken-word", OccurredOn: day, Hours: 1.5, Sections: map[string]string{
				"description": "DESCRIPTION-TEXT on a night shift.", "feelings": "FEELINGS-TEXT", "analysis": "ANALYSIS-TEXT",
				"conclusion": "CONCLUSION-TEXT", "action_plan": "ACTION-TEXT I will escalate sooner.",
			}},
			{Type: model.Reflection, Template: "gibbs", Title: "Safe staffing", OccurredOn: day.AddDays(1), Hours: 1, Sections: map[string]string{
				"description": "I raised a concern (Code 16) about staffing.", "action_plan": "Keep escalating.",
			}},
			{Type: model.Reflection, Template: "nmc", Title: "Interpreter at admission", OccurredOn: day.AddDays(2), Hours: 2, ParticipatoryHours: 0.5, Sections: map[string]string{
				"what_happened": "NATURE-NMC", "what_learned": "LEARNED-NMC", "practice_changed": "CHANGED-NMC",
				"code_link": "This relates to ‘prioritise people’ (Code 1).",
			}},
			{Type: model.Testimony, Template: "testimony", Title: "Testimony", OccurredOn: day, WitnessName: "Dr Harriet Secret-Name", WitnessRole: "Ward Sister",
				Sections: map[string]string{"statement": "STATEMENT-TEXT " + strings.Repeat("word ", 80)}},
			{Type: model.Feedback, Template: "feedback", Title: "Feedback from a family", OccurredOn: day, Sections: map[string]string{
				"context": "On the ward.", "feedback": "Her daughter said thank you.", "response": "RESPONSE-TEXT",
			}},
			{Type: model.FormalLearning, Template: "formal_learning", Title: "Sepsis study day", OccurredOn: day, Hours: 7.5, ParticipatoryHours: 7.5,
				Sections: map[string]string{"activity": "Study day, Trust education team."}},
		},
		Training: []model.TrainingRecord{{Category: model.Mandatory, Course: "Fire safety", CompletedOn: day}, {Category: model.Mandatory, Course: "Never done"}},
		Learning: []model.LearningEvent{{Kind: model.InductionDay, Title: "Induction, day 1", Date: day, Attendance: model.Attended}, {Kind: model.MonthlyTrustWide, Title: "Missed session", Date: day, Attendance: model.Apologies},
			{Kind: model.MonthlyTrustWide, Title: "Booked for next month", Date: model.NewDate(2027, 5, 1), Attendance: model.Attended}},
	}
	_, raw := revalPDF(t, pf, RevalidationOptions{Today: model.NewDate(2027, 4, 1)})
	text := revalFlat(raw)
	order := func(parts ...string) {
		t.Helper()
		at := 0
		for _, p := range parts {
			i := strings.Index(text[at:], p)
			if i < 0 {
				t.Errorf("%q missing, or out of order in %v", p, parts)
				return
			}
			at += i + len(p)
		}
	}
	order("Zoë’s “first” night – £5", "What was the nature", "DESCRIPTION-TEXT", "What did you learn?", "CONCLUSION-TEXT", "ANALYSIS-TEXT",
		"How did you change", "ACTION-TEXT", "How is this relevant to the Code?", "Not recorded — add before revalidation", "Safe staffing")
	order("Interpreter at admission", "NATURE-NMC", "LEARNED-NMC", "CHANGED-NMC", "prioritise people")
	for _, want := range []string{
		// (table cells wrap, and pdftotext interleaves wrapped cells: look for short pieces)
		"Łukasz Wiśniewski", "3 reflective accounts", "Colleague:", "Sister", "STATEMENT-TEXT", "family or carer", "RESPONSE-TEXT",
		"Study day", "Reflection on", "Total CPD: 12 hours, of which 8 participatory", "Fire safety", "Induction, day 1", "Themes picked out of the text",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("the pack lacks %q", want)
		}
	}
	for _, unwanted := range []string{"FEELINGS-TEXT", "Harriet Secret-Name", "Never done", "Missed session", "Booked for next month"} {
		if strings.Contains(text, unwanted) {
			t.Errorf("the pack should leave out %q", unwanted)
		}
	}
}

func TestRevalidationFindsTheThemesOfTheCode(t *testing.T) {
	for _, c := range []struct {
		text string
		want [4]bool
	}{
		{"This relates to ‘preserve safety’ and to ‘Practise effectively’.", [4]bool{false, true, true, false}},
		{"Prioritising people comes first; promoting professionalism and trust too.", [4]bool{true, false, false, true}},
		{"Code 3.2 on dying people, and (Code 18) on medicines; Code 22 on revalidation.", [4]bool{true, false, true, true}},
		{"Code 8: working with colleagues.", [4]bool{false, true, false, false}},
		{"HCPC standards 2 and 6: communication and risk.", [4]bool{}},
		{"", [4]bool{}},
	} {
		if got := revalFindThemes(c.text); got != c.want {
			t.Errorf("themes of %q = %v, want %v", c.text, got, c.want)
		}
	}
}

func TestRevalidationStopsWhenCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	var b bytes.Buffer
	err := Revalidation(ctx, &b, model.Portfolio{Evidence: []model.Evidence{{Type: model.Reflection, Title: "x"}}}, testFonts(), RevalidationOptions{})
	if !errors.Is(err, context.Canceled) || b.Len() != 0 {
		t.Fatalf("cancelled: %v, %d bytes written", err, b.Len())
	}
}

func BenchmarkRevalidation(b *testing.B) {
	pf := demoPortfolio(b, demoStore(b, 3, revalNow), "zoe")
	fonts := testFonts()
	opt := RevalidationOptions{Today: model.DateOf(revalNow)}
	b.ReportAllocs()
	for b.Loop() {
		var out bytes.Buffer
		if err := Revalidation(context.Background(), &out, pf, fonts, opt); err != nil {
			b.Fatal(err)
		}
	}
}

// A very long name in the revalidation pack's footer is shortened with "…", never printed
// over "Page X of Y".
func TestALongNameKeepsClearOfThePageNumber(t *testing.T) {
	pf := pfEmpty()
	pf.Preceptee.Name = "Wilhelmina Alexandrina Wojciechowska-Montgomery-Whittingham-Fortescue-Smythe"
	pdf, _ := revalPDF(t, pf, RevalidationOptions{Today: model.NewDate(2026, 9, 8)})
	words := pdftest.Words(t, pdftest.File(t, pdf))
	pages := 0
	for _, pg := range words {
		if pg.Text != "Page" {
			continue
		}
		pages++
		for _, w := range words {
			if w.YMin > pg.YMin-2 && w.YMin < pg.YMin+2 && w.XMin < pg.XMin && w.XMax > pg.XMin-1 {
				t.Errorf("%q (%.0f–%.0f) runs into \"Page\" at %.0f", w.Text, w.XMin, w.XMax, pg.XMin)
			}
		}
	}
	if pages < 2 {
		t.Fatalf("%d page numbers found", pages)
	}
}
