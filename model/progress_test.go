package model

import (
	"testing"
	"time"
)

func TestReturnedNowTakesTheLatestReturn(t *testing.T) {
	day := func(d int) time.Time { return time.Date(2026, 11, d, 10, 0, 0, 0, time.UTC) }
	pf := Portfolio{
		Competencies: []CompetencyView{
			{Competency: Competency{Code: "COM-01", Title: "Handover"}, Progress: Progress{Status: Returned}},
			{Competency: Competency{Code: "ACC-01", Title: "Practise within your code"}, Progress: Progress{Status: InProgress}},
		},
		History: []StatusChange{
			{Code: "COM-01", To: Returned, Comment: "Link the reflection.", ByName: "Sam", At: day(2)},
			{Code: "COM-01", To: EvidenceSubmitted, At: day(5)},
			{Code: "COM-01", To: Returned, Comment: "Add the SBAR handover.", ByName: "Sam", At: day(9)},
			{Code: "ACC-01", To: Returned, Comment: "Not returned now.", At: day(3)},
		},
	}
	got := ReturnedNow(pf)
	if len(got) != 1 || got[0].Code != "COM-01" || got[0].Comment != "Add the SBAR handover." || !got[0].At.Equal(day(9)) {
		t.Fatalf("returned now: %+v", got)
	}
}
