package demo

import (
	"reflect"
	"sync"
	"testing"
	"time"

	"pursuit/assets"
	"pursuit/model"
	"pursuit/model/framework"
)

// base is the 24-preceptee cohort most tests read, generated once: each generation draws
// twenty showcase photos, which is slow under the race detector.
var base = sync.OnceValue(func() Cohort { return generateWith(24, 1) })

func generate(t *testing.T, n int, seed uint64) Cohort {
	t.Helper()
	return generateWith(n, seed)
}

func generateWith(n int, seed uint64) Cohort {
	fw, err := framework.ParseJSON(assets.DefaultFramework(), "default")
	if err != nil {
		panic(err)
	}
	return Generate(Options{Preceptees: n, Seed: seed, Now: time.Date(2026, 11, 24, 20, 0, 0, 0, time.UTC), Framework: fw})
}

func TestTheSameSeedGivesTheSameCohort(t *testing.T) {
	if !reflect.DeepEqual(base(), generate(t, 24, 1)) {
		t.Fatal("two cohorts from seed 1 differ")
	}
	if reflect.DeepEqual(base().Batch.Evidence[:50], generate(t, 1, 2).Batch.Evidence[:50]) {
		t.Fatal("seed 2 gave seed 1's evidence")
	}
}

func TestTheSameDayAtAnotherHourGivesTheSameCohort(t *testing.T) {
	fw, _ := framework.ParseJSON(assets.DefaultFramework(), "default")
	at := func(hour int) Cohort {
		return Generate(Options{Preceptees: 2, Seed: 5, Now: time.Date(2026, 11, 24, hour, 17, 3, 0, time.UTC), Framework: fw})
	}
	if !reflect.DeepEqual(at(8), at(19)) {
		t.Fatal("the cohort depends on the time of day")
	}
}

func TestTheDemoIdentifiesNoPatient(t *testing.T) {
	c := base()
	scan := model.IdentifierScanner{ReferenceYear: 2026}
	check := func(where, text string) {
		if f := scan.Scan(text); len(f) > 0 {
			t.Errorf("%s: %s", where, f[0].Message)
		}
	}
	for _, e := range c.Batch.Evidence {
		check("evidence "+e.Title, e.Text())
	}
	for _, p := range c.Batch.Progress {
		check("SLOT "+p.Code, p.SLOT.Strengths+"\n"+p.SLOT.LearningNeeds+"\n"+p.SLOT.Opportunities+"\n"+p.SLOT.Threats)
	}
	for _, m := range c.Batch.Meetings {
		check("meeting", m.Notes)
	}
}

func TestTheCohortIsComplete(t *testing.T) {
	c := base()
	users := map[string]model.User{}
	for _, u := range c.Batch.Users {
		if err := model.ValidateUser(u); err != nil {
			t.Errorf("user %s: %v", u.Username, err)
		}
		users[u.Username] = u
	}
	for _, a := range FeaturedAccounts() {
		if u, ok := users[a.Username]; !ok || u.Role != a.Role || u.Name != a.Name {
			t.Errorf("featured account %s: %+v", a.Username, u)
		}
	}
	if len(c.Batch.Programmes) != 24 {
		t.Fatalf("%d programmes", len(c.Batch.Programmes))
	}
	byProg := map[string]int{}
	for _, e := range c.Batch.Evidence {
		byProg[e.ProgrammeID]++
		if err := model.ValidateEvidence(e); err != nil {
			t.Errorf("evidence %q: %v", e.Title, err)
		}
	}
	months := map[int]bool{}
	today := model.NewDate(2026, 11, 24)
	for _, p := range c.Batch.Programmes {
		months[p.Month(today)] = true
		if byProg[p.ID] == 0 {
			t.Errorf("programme %s has no evidence", p.ID)
		}
	}
	if len(months) < 10 {
		t.Errorf("preceptees are at only %d different months", len(months))
	}
	images := 0
	for _, e := range c.Batch.Evidence {
		if e.ProgrammeID == c.Batch.Programmes[0].ID {
			for _, a := range e.Attachments {
				if a.IsImage() {
					images++
				}
			}
		}
	}
	linked := map[string]bool{}
	for _, e := range c.Batch.Evidence {
		for _, code := range e.Codes {
			linked[e.ProgrammeID+"/"+code] = true
		}
	}
	for _, pr := range c.Batch.Progress {
		if (pr.Status == model.SignedOff || pr.Status == model.EvidenceSubmitted) && !linked[pr.ProgrammeID+"/"+pr.Code] {
			t.Errorf("%s %s is %s with no evidence linked", pr.ProgrammeID, pr.Code, pr.Status)
		}
	}
	if images != 20 {
		t.Errorf("the month-12 showcase has %d images, want 20", images)
	}
	var concerns, expired int
	for _, cn := range c.Batch.Concerns {
		if cn.Status != model.ConcernResolved {
			concerns++
		}
	}
	for _, tr := range c.Batch.Training {
		if tr.State(today) == model.TrainingExpired {
			expired++
		}
		if tr.CompletedOn.After(today) {
			t.Errorf("%s completed in the future: %s", tr.Course, tr.CompletedOn)
		}
	}
	if concerns == 0 || expired == 0 {
		t.Errorf("a realistic cohort has open concerns (%d) and some expired training (%d)", concerns, expired)
	}
}
