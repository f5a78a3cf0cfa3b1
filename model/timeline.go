package model

// Timeline is the shape of one programme: the dates the handbook sets out.
type Timeline struct {
	Start                Date
	SupernumeraryEnd     Date // last day of the supernumerary weeks
	InductionBy          Date // the 3-day induction falls in the first week
	InitialMeetingDue    Date // within the first week, after induction
	MidPoint             Date
	CareerConversation6  Date
	CareerConversation12 Date
	End                  Date // includes any extension
	TotalMonths          int
}

// Timeline computes the programme's dates. Months are calendar months, clamped to the end
// of shorter months.
func (p Programme) Timeline() Timeline {
	p = p.WithDefaults()
	total := p.LengthMonths + p.ExtensionMonths
	s := p.StartDate
	// The last day is the day before the start's anniversary; a start on 29 February
	// ends on 28 February, its anniversary falling on 1 March.
	end := DateOf(s.Time().AddDate(0, total, -1))
	conv12 := s.AddMonths(12)
	if conv12.After(end) {
		conv12 = end // held by the end of the programme, not the day after it
	}
	return Timeline{
		Start:                s,
		SupernumeraryEnd:     s.AddDays(7*p.SupernumeraryWeeks - 1),
		InductionBy:          s.AddDays(6),
		InitialMeetingDue:    s.AddDays(6),
		MidPoint:             s.AddMonths(p.LengthMonths / 2),
		CareerConversation6:  s.AddMonths(6),
		CareerConversation12: conv12,
		End:                  end,
		TotalMonths:          total,
	}
}

// Month is "month N of 12" on a given day: 1 in the first month, the total in the last and
// after the end; 0 before the programme starts.
func (p Programme) Month(today Date) int {
	tl := p.Timeline()
	if today.Before(tl.Start) {
		return 0
	}
	m := 0
	for m < tl.TotalMonths && !today.Before(tl.Start.AddMonths(m+1)) {
		m++
	}
	if m >= tl.TotalMonths {
		return tl.TotalMonths
	}
	return m + 1
}

// Supernumerary says whether the preceptee is still outside the safer-staffing numbers.
func (p Programme) Supernumerary(today Date) bool {
	tl := p.Timeline()
	return !today.Before(tl.Start) && !today.After(tl.SupernumeraryEnd)
}

// Extend lengthens the programme by months; the status shows it was extended.
func (p Programme) Extend(months int) (Programme, error) {
	if months < 1 || p.ExtensionMonths+months > 24 {
		return p, invalid("extension", "extend by at least one month and at most 24 in all")
	}
	if p.Status == ProgrammeCompleted || p.Status == ProgrammeLeft {
		return p, invalid("extension", "a %s programme cannot be extended", p.Status)
	}
	p.ExtensionMonths += months
	p.Status = ProgrammeExtended
	return p, nil
}

// lastPreceptorMeeting is the date of the latest held meeting with the preceptor.
func lastPreceptorMeeting(ms []Meeting) (Date, bool) {
	var last Date
	found := false
	for _, m := range ms {
		if m.Held && m.Kind.WithPreceptor() && (!found || m.Date.After(last)) {
			last, found = m.Date, true
		}
	}
	return last, found
}

func held(ms []Meeting, k MeetingKind) bool {
	for _, m := range ms {
		if m.Held && m.Kind == k {
			return true
		}
	}
	return false
}

// NextMeetingDue is when the next preceptor meeting must happen: the initial meeting by
// the end of week one, then at least every MeetingIntervalWeeks after the last held one.
// It returns the zero Date once the final meeting is held.
func (p Programme) NextMeetingDue(ms []Meeting) (MeetingKind, Date) {
	p = p.WithDefaults()
	tl := p.Timeline()
	if held(ms, MeetingFinal) {
		return "", Date{}
	}
	if !held(ms, MeetingInitial) {
		return MeetingInitial, tl.InitialMeetingDue
	}
	last, _ := lastPreceptorMeeting(ms)
	due := last.AddDays(7 * p.MeetingIntervalWeeks)
	if !held(ms, MeetingMidpoint) && !tl.MidPoint.After(due) && last.Before(tl.MidPoint) {
		return MeetingMidpoint, tl.MidPoint
	}
	if !due.Before(tl.End) {
		return MeetingFinal, tl.End
	}
	return MeetingRegular, due
}

// MeetingsExpected is how many preceptor meetings the rule asks for by today: the initial
// meeting by the end of week one, then one at least every MeetingIntervalWeeks until the
// programme ends. The cohort report sets it beside the meetings held.
func (p Programme) MeetingsExpected(today Date) int {
	p = p.WithDefaults()
	tl := p.Timeline()
	if today.Before(tl.InitialMeetingDue) {
		return 0
	}
	if today.After(tl.End) {
		today = tl.End
	}
	return 1 + tl.InitialMeetingDue.DaysUntil(today)/(7*p.MeetingIntervalWeeks)
}

// MeetingsHeld counts the preceptor meetings held.
func MeetingsHeld(ms []Meeting) int {
	n := 0
	for _, m := range ms {
		if m.Held && m.Kind.WithPreceptor() {
			n++
		}
	}
	return n
}

// LastMeeting is the latest held preceptor meeting, for the cohort overview.
func LastMeeting(ms []Meeting) Date {
	d, _ := lastPreceptorMeeting(ms)
	return d
}
