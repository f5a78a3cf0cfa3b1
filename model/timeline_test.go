package model

import (
	"testing"
	"time"
)

func d(s string) Date {
	v, err := ParseDate(s)
	if err != nil {
		panic(err)
	}
	return v
}

func TestDateAddMonthsClampsToMonthEnd(t *testing.T) {
	cases := []struct {
		from   string
		months int
		want   string
	}{
		{"2026-08-31", 6, "2027-02-28"},
		{"2027-08-31", 6, "2028-02-29"}, // leap year
		{"2026-01-31", 1, "2026-02-28"},
		{"2026-03-15", 12, "2027-03-15"},
		{"2026-12-01", 1, "2027-01-01"},
		{"2026-05-31", -1, "2026-04-30"},
	}
	for _, c := range cases {
		if got := d(c.from).AddMonths(c.months).String(); got != c.want {
			t.Errorf("%s + %d months = %s, want %s", c.from, c.months, got, c.want)
		}
	}
}

func TestParseDateRejectsNonsense(t *testing.T) {
	for _, s := range []string{"2026-02-30", "31/01/2026", "yesterday", "2026-1-1"} {
		if _, err := ParseDate(s); err == nil {
			t.Errorf("ParseDate(%q) accepted", s)
		}
	}
	if v, err := ParseDate(""); err != nil || !v.IsZero() {
		t.Errorf("empty date: %v %v", v, err)
	}
}

func TestTimeline(t *testing.T) {
	p := Programme{StartDate: d("2026-09-07")}
	tl := p.Timeline()
	want := map[string]Date{
		"supernumerary end":     d("2026-10-04"), // four weeks: 7 Sep – 4 Oct
		"initial meeting due":   d("2026-09-13"), // end of week one
		"mid-point":             d("2027-03-07"),
		"career conversation6":  d("2027-03-07"),
		"career conversation12": d("2027-09-06"), // by the last day, not after it
		"end":                   d("2027-09-06"),
	}
	got := map[string]Date{
		"supernumerary end":     tl.SupernumeraryEnd,
		"initial meeting due":   tl.InitialMeetingDue,
		"mid-point":             tl.MidPoint,
		"career conversation6":  tl.CareerConversation6,
		"career conversation12": tl.CareerConversation12,
		"end":                   tl.End,
	}
	for k, w := range want {
		if got[k] != w {
			t.Errorf("%s = %s, want %s", k, got[k], w)
		}
	}
	if tl.TotalMonths != 12 {
		t.Errorf("total months %d", tl.TotalMonths)
	}
}

func TestALeapDayStart(t *testing.T) {
	tl := Programme{StartDate: d("2024-02-29")}.Timeline()
	if tl.End != d("2025-02-28") || tl.MidPoint != d("2024-08-29") || tl.CareerConversation12 != d("2025-02-28") {
		t.Errorf("leap-day start: end %s, mid %s, 12-month %s", tl.End, tl.MidPoint, tl.CareerConversation12)
	}
	if (Programme{StartDate: d("2026-08-31")}).Timeline().End != d("2027-08-30") {
		t.Error("31 August start")
	}
}

func TestExtensionMovesTheEnd(t *testing.T) {
	p := Programme{StartDate: d("2026-09-07"), Status: ProgrammeActive}.WithDefaults()
	ext, err := p.Extend(3)
	if err != nil {
		t.Fatal(err)
	}
	if ext.Status != ProgrammeExtended || ext.Timeline().End != d("2027-12-06") || ext.Timeline().TotalMonths != 15 {
		t.Errorf("extended: %+v end %s", ext, ext.Timeline().End)
	}
	if _, err := p.Extend(0); err == nil {
		t.Error("extension by 0 months accepted")
	}
	if _, err := ext.Extend(22); err == nil {
		t.Error("extension beyond 24 months in all accepted")
	}
	done := p
	done.Status = ProgrammeCompleted
	if _, err := done.Extend(1); err == nil {
		t.Error("completed programme extended")
	}
}

func TestMonthOfProgramme(t *testing.T) {
	p := Programme{StartDate: d("2026-01-31")}
	cases := []struct {
		today string
		want  int
	}{
		{"2026-01-30", 0},
		{"2026-01-31", 1},
		{"2026-02-27", 1},
		{"2026-02-28", 2}, // clamped month boundary
		{"2026-07-30", 6},
		{"2026-07-31", 7},
		{"2027-01-30", 12},
		{"2027-06-01", 12}, // after the end: still month 12 of 12
	}
	for _, c := range cases {
		if got := p.Month(d(c.today)); got != c.want {
			t.Errorf("month on %s = %d, want %d", c.today, got, c.want)
		}
	}
}

func TestSupernumerary(t *testing.T) {
	p := Programme{StartDate: d("2026-09-07")}
	for day, want := range map[string]bool{"2026-09-06": false, "2026-09-07": true, "2026-10-04": true, "2026-10-05": false} {
		if got := p.Supernumerary(d(day)); got != want {
			t.Errorf("supernumerary on %s = %v", day, got)
		}
	}
}

func TestNextMeetingDue(t *testing.T) {
	p := Programme{StartDate: d("2026-09-07")}
	m := func(kind MeetingKind, date string, wasHeld bool) Meeting {
		return Meeting{Kind: kind, Date: d(date), Held: wasHeld, Attendees: "both"}
	}
	cases := []struct {
		name     string
		meetings []Meeting
		kind     MeetingKind
		due      string
	}{
		{"nothing yet: initial by end of week one", nil, MeetingInitial, "2026-09-13"},
		{"initial only planned still due", []Meeting{m(MeetingInitial, "2026-09-10", false)}, MeetingInitial, "2026-09-13"},
		{"eight weeks after the initial", []Meeting{m(MeetingInitial, "2026-09-11", true)}, MeetingRegular, "2026-11-06"},
		{"line manager meetings do not count", []Meeting{m(MeetingInitial, "2026-09-11", true), m(MeetingLineManager, "2026-10-20", true)}, MeetingRegular, "2026-11-06"},
		{"eight weeks after the latest", []Meeting{m(MeetingInitial, "2026-09-11", true), m(MeetingRegular, "2026-11-01", true)}, MeetingRegular, "2026-12-27"},
		{"mid-point comes first", []Meeting{m(MeetingInitial, "2026-09-11", true), m(MeetingRegular, "2027-01-20", true)}, MeetingMidpoint, "2027-03-07"},
		{"after mid-point back to regular", []Meeting{m(MeetingInitial, "2026-09-11", true), m(MeetingMidpoint, "2027-03-05", true)}, MeetingRegular, "2027-04-30"},
		{"final at the end", []Meeting{m(MeetingInitial, "2026-09-11", true), m(MeetingMidpoint, "2027-03-05", true), m(MeetingRegular, "2027-08-01", true)}, MeetingFinal, "2027-09-06"},
		{"final held: nothing due", []Meeting{m(MeetingInitial, "2026-09-11", true), m(MeetingFinal, "2027-09-01", true)}, "", ""},
	}
	for _, c := range cases {
		kind, due := p.NextMeetingDue(c.meetings)
		if kind != c.kind || due.String() != c.due {
			t.Errorf("%s: got %s %s, want %s %s", c.name, kind, due, c.kind, c.due)
		}
	}
	custom := Programme{StartDate: d("2026-09-07"), MeetingIntervalWeeks: 4}
	if _, due := custom.NextMeetingDue([]Meeting{m(MeetingInitial, "2026-09-11", true)}); due != d("2026-10-09") {
		t.Errorf("a 4-week interval: due %s", due)
	}
}

func TestMeetingsExpectedAndHeld(t *testing.T) {
	p := Programme{StartDate: d("2026-09-07")} // initial meeting due 13 Sep 2026, end 6 Sep 2027
	for day, want := range map[string]int{
		"2026-09-06": 0, // before the start
		"2026-09-12": 0, // week one, initial not yet due
		"2026-09-13": 1,
		"2026-11-07": 1, // 55 days on: the second is due on day 56
		"2026-11-08": 2,
		"2027-09-06": 7, // 358 days after the initial: 1 + 6 intervals
		"2028-01-01": 7, // after the end, no more
	} {
		if got := p.MeetingsExpected(d(day)); got != want {
			t.Errorf("on %s: %d meetings expected, want %d", day, got, want)
		}
	}
	if got := (Programme{StartDate: d("2026-09-07"), MeetingIntervalWeeks: 4}).MeetingsExpected(d("2026-11-08")); got != 3 {
		t.Errorf("every 4 weeks: %d expected by 8 Nov, want 3", got)
	}
	ms := []Meeting{{Kind: MeetingInitial, Held: true}, {Kind: MeetingRegular, Held: true}, {Kind: MeetingRegular}, {Kind: MeetingLineManager, Held: true}}
	if got := MeetingsHeld(ms); got != 2 {
		t.Errorf("held: %d, want 2 (a planned one and a line-manager meeting do not count)", got)
	}
}

func TestTrainingExpiry(t *testing.T) {
	today := d("2026-11-24")
	cases := []struct {
		name   string
		rec    TrainingRecord
		state  TrainingState
		expiry string
	}{
		{"never done", TrainingRecord{RefresherMonths: Yearly}, TrainingNotDone, ""},
		{"yearly, done last month", TrainingRecord{CompletedOn: d("2026-10-20"), RefresherMonths: Yearly}, TrainingValid, "2027-10-20"},
		{"yearly, 59 days left", TrainingRecord{CompletedOn: d("2026-01-22"), RefresherMonths: Yearly}, TrainingDueSoon, "2027-01-22"},
		{"yearly, exactly 60 days left", TrainingRecord{CompletedOn: d("2026-01-23"), RefresherMonths: Yearly}, TrainingDueSoon, "2027-01-23"},
		{"yearly, 61 days left", TrainingRecord{CompletedOn: d("2026-01-24"), RefresherMonths: Yearly}, TrainingValid, "2027-01-24"},
		{"expires today", TrainingRecord{CompletedOn: d("2025-11-24"), RefresherMonths: Yearly}, TrainingExpired, "2026-11-24"},
		{"two-yearly expired", TrainingRecord{CompletedOn: d("2024-06-01"), RefresherMonths: TwoYearly}, TrainingExpired, "2026-06-01"},
		{"three-yearly valid", TrainingRecord{CompletedOn: d("2024-06-01"), RefresherMonths: ThreeYearly}, TrainingValid, "2027-06-01"},
		{"no refresher never expires", TrainingRecord{CompletedOn: d("2010-01-01")}, TrainingValid, ""},
		{"stated expiry wins", TrainingRecord{CompletedOn: d("2026-01-01"), RefresherMonths: ThreeYearly, ExpiresOn: d("2026-12-01")}, TrainingDueSoon, "2026-12-01"},
	}
	for _, c := range cases {
		if got := c.rec.State(today); got != c.state {
			t.Errorf("%s: state %s, want %s", c.name, got, c.state)
		}
		if got := c.rec.Expiry().String(); got != c.expiry {
			t.Errorf("%s: expiry %s, want %s", c.name, got, c.expiry)
		}
	}
	if err := ValidateTraining(TrainingRecord{Category: Mandatory, Course: "Fire", CompletedOn: d("2026-01-01"), ExpiresOn: d("2025-01-01")}); err == nil {
		t.Error("expiry before completion accepted")
	}
}

func TestHLCOrdersLocalEventsEvenWhenTheClockGoesBack(t *testing.T) {
	now := time.Date(2026, 11, 24, 9, 0, 0, 0, time.UTC)
	c := &Clock{Now: func() time.Time { return now }, Device: "dev-a"}
	a := c.Tick()
	b := c.Tick()
	now = now.Add(-time.Hour) // the PC's clock was corrected backwards
	e := c.Tick()
	if !(a.Compare(b) < 0 && b.Compare(e) < 0) {
		t.Fatalf("not increasing: %v %v %v", a, b, e)
	}
	if a.String() >= b.String() || b.String() >= e.String() {
		t.Fatalf("string order differs from clock order: %s %s %s", a, b, e)
	}
	back, err := ParseHLC(e.String())
	if err != nil || back != e {
		t.Fatalf("round trip %v %v", back, err)
	}
}

func TestHLCCapsRemoteClocksFromTheFuture(t *testing.T) {
	now := time.Date(2026, 11, 24, 9, 0, 0, 0, time.UTC)
	c := &Clock{Now: func() time.Time { return now }, Device: "dev-a", MaxOffset: time.Minute}
	near := HLC{Wall: now.Add(30 * time.Second).UnixMilli(), Device: "dev-b"}
	if got, skewed := c.Observe(near); skewed || got != near {
		t.Errorf("a clock 30 s ahead was changed: %v %v", got, skewed)
	}
	if c.Tick().Compare(near) <= 0 {
		t.Error("a local event after observing does not order after the remote one")
	}
	far := HLC{Wall: now.Add(24 * time.Hour).UnixMilli(), Counter: 7, Device: "dev-c"}
	got, skewed := c.Observe(far)
	if !skewed || got.Wall != now.Add(time.Minute).UnixMilli() {
		t.Errorf("a day-ahead clock was not capped: %v %v", got, skewed)
	}
	for _, bad := range []string{"x", "1.2.3", "000000000000001.zzzzzzzz.dev", "000000000000001.00000000."} {
		if _, err := ParseHLC(bad); err == nil {
			t.Errorf("ParseHLC(%q) accepted", bad)
		}
	}
}
