// Package demo builds a realistic, deterministic preceptorship cohort: preceptees at every
// month of the programme with their SLOT analyses, evidence, meetings, training and sign-
// offs, and the preceptors, managers, lead and facilitators around them. The same seed and
// day give the same cohort. It is the app's first-run demo and the benchmarks' data set.
package demo

import (
	"fmt"
	"maps"
	"math/rand/v2"
	"slices"
	"strings"
	"time"

	"github.com/google/uuid"

	"pursuit/model"
)

// Password is every demo account's password: published in the README, never for real use.
const Password = "pursuit-demo"

// Options choose the cohort's size and the day it is built for.
type Options struct {
	Preceptees int
	Seed       uint64
	Now        time.Time
	Framework  model.FrameworkSet
}

// Account is a demo sign-in worth knowing about.
type Account struct {
	Username, Name string
	Role           model.Role
	Note           string
}

// Cohort is the generated data: records with their attachment bytes, and the accounts to
// try first.
type Cohort struct {
	Batch    model.Batch
	Featured []Account
}

type gen struct {
	r     *rand.Rand
	ids   *rand.ChaCha8
	today model.Date
	now   time.Time
	fw    model.FrameworkSet
	out   Cohort
	files map[string]bool
	used  map[string]bool // usernames
	staff []string        // witness names
	pool  []model.Attachment
}

// Generate builds the cohort.
func Generate(opt Options) Cohort {
	if opt.Preceptees <= 0 {
		opt.Preceptees = 24
	}
	var key [32]byte
	for i := range 8 {
		key[i] = byte(opt.Seed >> (8 * i))
	}
	g := &gen{
		r: rand.New(rand.NewPCG(opt.Seed, 0x5eed)), ids: rand.NewChaCha8(key),
		// Only the day counts: the same seed on the same day gives the same cohort to the byte.
		today: model.DateOf(opt.Now), now: model.DateOf(opt.Now).Time(), fw: opt.Framework,
		files: map[string]bool{}, used: map[string]bool{},
	}
	g.build(opt.Preceptees)
	return g.out
}

func (g *gen) id() string { return uuid.Must(uuid.NewRandomFromReader(g.ids)).String() }

func (g *gen) pick(list []string) string { return list[g.r.IntN(len(list))] }

func (g *gen) user(username, name string, role model.Role) model.User {
	base := username
	for n := 2; g.used[username]; n++ {
		username = fmt.Sprintf("%s%d", base, n)
	}
	g.used[username] = true
	u := model.User{ID: g.id(), Username: username, Name: name, Role: role, Active: true, CreatedAt: g.now.AddDate(-1, 0, 0)}
	g.out.Batch.Users = append(g.out.Batch.Users, u)
	return u
}

func (g *gen) randomName() (string, string) {
	first, last := g.pick(firstNames), g.pick(surnames)
	return first + " " + last, asciiUsername(first + "." + last)
}

// asciiUsername folds a name into a username a ward PC keyboard types easily.
func asciiUsername(s string) string {
	repl := strings.NewReplacer("á", "a", "à", "a", "â", "a", "ä", "a", "ã", "a", "ą", "a", "é", "e", "è", "e", "ê", "e", "ë", "e", "ę", "e",
		"í", "i", "ì", "i", "î", "i", "ï", "i", "ó", "o", "ò", "o", "ô", "o", "ö", "o", "õ", "o", "ú", "u", "ù", "u", "û", "u", "ü", "u",
		"ł", "l", "ś", "s", "ş", "s", "ș", "s", "ć", "c", "ç", "c", "ń", "n", "ñ", "n", "ź", "z", "ż", "z", "ț", "t", "ğ", "g", "'", "", "’", "", " ", "-")
	s = repl.Replace(strings.ToLower(s))
	var b strings.Builder
	for _, r := range s {
		if r < 128 && (r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '.' || r == '-') {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// FeaturedAccounts are the demo sign-ins worth trying first, the same in every cohort.
func FeaturedAccounts() []Account {
	out := []Account{
		{"amara", "Amara Okafor", model.RolePreceptor, "preceptor of Zoë, Siobhán and Łukasz"},
		{"david", "David MacLeod", model.RoleLineManager, "line manager of the featured preceptees"},
		{"lead", "Gillian Hughes", model.RoleLead, "sees the whole cohort"},
		{"grace", "Grace Adeyemi", model.RoleFacilitator, "facilitates career conversations"},
		{"admin", "Alex Morgan", model.RoleAdmin, "accounts and set-up"},
	}
	for i := len(featuredPreceptees) - 1; i >= 0; i-- {
		f := featuredPreceptees[i]
		out = append([]Account{{f.username, f.first + " " + f.last, model.RolePreceptee, f.note}}, out...)
	}
	return out
}

type featured struct {
	first, last, username, profession, service string
	month                                      int
	note                                       string
}

var featuredPreceptees = []featured{
	{"Zoë", "Whitfield", "zoe", "nurse-adult", "Ward 4B – Acute Medicine", 12, "month 12: a full portfolio, nearly ready to complete"},
	{"Siobhán", "Ó'Connor", "siobhan", "nurse-mental-health", "Older Adults Mental Health – Ash Ward", 6, "month 6: mid-point, with a resolved concern"},
	{"Łukasz", "Nowak", "lukasz", "physiotherapist", "Adult Physiotherapy – Outpatients", 3, "month 3: a meeting overdue and training expired"},
}

func (g *gen) build(n int) {
	admin := g.user("admin", "Alex Morgan", model.RoleAdmin)
	lead := g.user("lead", "Gillian Hughes", model.RoleLead) // names as in FeaturedAccounts
	_ = admin
	facilitators := []model.User{g.user("grace", "Grace Adeyemi", model.RoleFacilitator)}
	for range 2 {
		name, un := g.randomName()
		facilitators = append(facilitators, g.user(un, name, model.RoleFacilitator))
	}
	preceptors := []model.User{g.user("amara", "Amara Okafor", model.RolePreceptor)}
	for range max(2, n/3) - 1 {
		name, un := g.randomName()
		preceptors = append(preceptors, g.user(un, name, model.RolePreceptor))
	}
	managers := []model.User{g.user("david", "David MacLeod", model.RoleLineManager)}
	for range max(1, n/8) - 1 {
		name, un := g.randomName()
		managers = append(managers, g.user(un, name, model.RoleLineManager))
	}
	for range 20 {
		name, _ := g.randomName()
		g.staff = append(g.staff, name)
	}
	g.out.Featured = FeaturedAccounts()
	g.imagePool()
	for i := range n {
		var f featured
		if i < len(featuredPreceptees) {
			f = featuredPreceptees[i]
		} else {
			prof := model.Professions[g.r.IntN(len(model.Professions))]
			if g.r.IntN(3) > 0 { // most preceptees are nurses
				prof = model.Professions[g.r.IntN(4)]
			}
			name, un := g.randomName()
			first, last, _ := strings.Cut(name, " ")
			f = featured{first, last, un, prof.Key, g.pick(services), 1 + (i*7+g.r.IntN(2))%12, ""}
		}
		u := g.user(f.username, f.first+" "+f.last, model.RolePreceptee)
		preceptor := preceptors[(i/3)%len(preceptors)]
		manager := managers[(i/8)%len(managers)]
		if i < len(featuredPreceptees) {
			preceptor, manager = preceptors[0], managers[0]
		}
		g.preceptee(i, u, preceptor, manager, facilitators[i%len(facilitators)], lead, f)
	}
	for _, p := range preceptors {
		for m := 1; m <= 12; m += 2 {
			d := g.today.AddMonths(-m).AddDays(g.r.IntN(10))
			g.out.Batch.Learning = append(g.out.Batch.Learning, model.LearningEvent{ID: g.id(), UserID: p.ID, Kind: model.ListeningAndLearning,
				Title: "Preceptor listening and learning event", Date: d, Attendance: []model.Attendance{model.Attended, model.Attended, model.Apologies}[g.r.IntN(3)]})
		}
	}
}

// at is a time on day d in the evening, when evidence tends to be written.
func (g *gen) at(d model.Date) time.Time {
	return time.Date(d.Year, d.Month, d.Day, 17+g.r.IntN(4), g.r.IntN(60), 0, 0, time.UTC)
}

// between is a random day in [a, b] (a if b is not after a).
func (g *gen) between(a, b model.Date) model.Date {
	n := a.DaysUntil(b)
	if n <= 0 {
		return a
	}
	return a.AddDays(g.r.IntN(n + 1))
}

func (g *gen) preceptee(i int, u, preceptor, manager, facilitator, lead model.User, f featured) {
	start := g.today.AddMonths(-(f.month - 1)).AddDays(-(3 + g.r.IntN(20)))
	if f.month == 12 {
		start = g.today.AddMonths(-12).AddDays(14) // two weeks before the end
	}
	p := model.Programme{
		ID: g.id(), PrecepteeID: u.ID, StartDate: start, PreceptorID: preceptor.ID, LineManagerID: manager.ID,
		SupervisorID: facilitator.ID, FacilitatorID: facilitator.ID, Profession: f.profession, Service: f.service,
		FrameworkID: g.fw.Framework.ID, Status: model.ProgrammeActive,
	}.WithDefaults()
	if i%17 == 9 {
		p.ExtensionMonths, p.Status = 3, model.ProgrammeExtended
	}
	g.out.Batch.Programmes = append(g.out.Batch.Programmes, p)
	var plan []model.Competency
	for _, c := range g.fw.Competencies {
		if c.AppliesToProfession(p.Profession) {
			plan = append(plan, c)
		}
	}
	behind := i%9 == 4 || f.username == "lukasz"
	overdueMeeting := i%7 == 2 || f.username == "lukasz"
	pg := &precepteeGen{gen: g, p: p, u: u, preceptor: preceptor, manager: manager, facilitator: facilitator, plan: plan, month: f.month, behind: behind}
	pg.competencies(behind, f.month == 12)
	pg.evidence(f.month == 12)
	pg.goals()
	pg.meetings(overdueMeeting, f.month == 12)
	expired := -1 // which course, if any, has lapsed
	if i%8 == 1 || f.username == "lukasz" {
		expired = g.r.IntN(len(mandatoryCourses))
	}
	pg.training(expired, i%3 == 0)
	pg.learning()
	pg.careerConversations()
	pg.supervision()
	pg.confirmations(i%10 == 7)
	if i%13 == 5 || f.username == "siobhan" || i%13 == 11 {
		status := model.ConcernOpen
		switch {
		case f.username == "siobhan":
			status = model.ConcernResolved
		case i%13 == 11:
			status = model.ConcernEscalated
		}
		pg.concern(status)
	}
}

type precepteeGen struct {
	*gen
	p                                  model.Programme
	u, preceptor, manager, facilitator model.User
	plan                               []model.Competency
	month                              int
	behind                             bool
	status                             map[string]model.Status
	signedOn                           map[string]model.Date
}

func (pg *precepteeGen) elapsed() (model.Date, model.Date) { return pg.p.StartDate, pg.today }

func (pg *precepteeGen) competencies(behind, showcase bool) {
	pg.status, pg.signedOn = map[string]model.Status{}, map[string]model.Date{}
	start, today := pg.elapsed()
	frac := float64(pg.month) / 12
	if behind {
		frac *= 0.35
	}
	order := pg.r.Perm(len(pg.plan))
	var musts, others []model.Competency
	for _, k := range order {
		c := pg.plan[k]
		// Validate-first competencies come early: they are assessed before practice.
		if c.Level == model.Must {
			if c.ValidateFirst {
				musts = append([]model.Competency{c}, musts...)
			} else {
				musts = append(musts, c)
			}
		} else {
			others = append(others, c)
		}
	}
	signMusts := int(frac * float64(len(musts)) * (0.85 + 0.2*pg.r.Float64()))
	if showcase {
		signMusts = len(musts) - 2 // two left, submitted: nearly there
	}
	for k, c := range musts {
		switch {
		case k < signMusts:
			pg.advance(c, model.SignedOff, start, today)
		case k < signMusts+2 && pg.month > 1:
			pg.advance(c, []model.Status{model.EvidenceSubmitted, model.Returned, model.EvidenceSubmitted}[pg.r.IntN(3)], start, today)
		case k < signMusts+5:
			pg.advance(c, model.InProgress, start, today)
		}
	}
	for k, c := range others {
		switch {
		case pg.month >= 8 && k < 2:
			pg.advance(c, model.SignedOff, start, today)
		case pg.month >= 4 && k < 4:
			pg.advance(c, model.InProgress, start, today)
		}
	}
}

// advance walks one competency from not started to status, leaving the history, the SLOT
// and (for a sign-off) the preceptor's sign-off behind it.
func (pg *precepteeGen) advance(c model.Competency, to model.Status, start, today model.Date) {
	path := []model.Status{model.InProgress}
	switch to {
	case model.EvidenceSubmitted:
		path = append(path, model.EvidenceSubmitted)
	case model.Returned:
		path = append(path, model.EvidenceSubmitted, model.Returned)
	case model.SignedOff:
		path = append(path, model.EvidenceSubmitted)
		if pg.r.IntN(6) == 0 {
			path = append(path, model.Returned, model.EvidenceSubmitted)
		}
		path = append(path, model.SignedOff)
	}
	days := max(1, start.DaysUntil(today))
	d := start.AddDays(pg.r.IntN(max(1, days/3)))
	step := func() int { return 3 + pg.r.IntN(max(1, days/6)) }
	if c.ValidateFirst {
		d = start.AddDays(pg.r.IntN(10))
	}
	// A request still waiting for the preceptor was made lately, not months ago.
	if to == model.EvidenceSubmitted || to == model.Returned {
		d = maxDate(start, today.AddDays(-(6*len(path) + 2 + pg.r.IntN(12))))
		step = func() int { return 2 + pg.r.IntN(4) }
	}
	from := model.NotStarted
	for _, st := range path {
		by := pg.u
		comment := ""
		switch st {
		case model.SignedOff:
			by = pg.preceptor
		case model.Returned:
			by, comment = pg.preceptor, pg.pick([]string{
				"Please add a reflection that shows how you escalated, and link the NEWS2 chart audit.",
				"Good start – add a testimony from a senior colleague who observed you.",
				"Link this to the relevant section of the Code and say what you would do differently.",
			})
		}
		if d.After(today) {
			d = today
		}
		pg.out.Batch.History = append(pg.out.Batch.History, model.StatusChange{ID: pg.id(), ProgrammeID: pg.p.ID, Code: c.Code, From: from, To: st,
			ByID: by.ID, ByName: by.Name, ByRole: by.Role, At: pg.at(d), Comment: comment})
		if st == model.SignedOff {
			pg.signedOn[c.Code] = d
			pg.out.Batch.SignOffs = append(pg.out.Batch.SignOffs, model.SignOff{ID: pg.id(), ProgrammeID: pg.p.ID, Code: c.Code,
				SignerID: by.ID, SignerName: by.Name, SignerRole: by.Role, At: pg.at(d), Statement: model.SignOffStatement(by.Name, c.Code, c.Title)})
		}
		from = st
		d = d.AddDays(step())
	}
	pg.status[c.Code] = to
	slot := pg.slotFor(c, to)
	pg.out.Batch.Progress = append(pg.out.Batch.Progress, model.Progress{
		ID: model.ProgressID(pg.p.ID, c.Code), ProgrammeID: pg.p.ID, Code: c.Code, Status: to, SLOT: slot,
		Stretch: c.Level != model.Must && pg.r.IntN(2) == 0, UpdatedAt: pg.at(minDate(today, d)),
	})
}

func minDate(a, b model.Date) model.Date {
	if a.Before(b) {
		return a
	}
	return b
}

func (pg *precepteeGen) slotFor(c model.Competency, status model.Status) model.SLOT {
	var st SLOTText
	for _, s := range slotTexts {
		if s.Domain == c.Domain {
			st = s
		}
	}
	if len(st.Strengths) == 0 {
		st = slotTexts[pg.r.IntN(len(slotTexts))]
	}
	conf := []model.Confidence{model.ConfidenceYes, model.ConfidencePartly, model.ConfidencePartly, model.ConfidenceNo}[pg.r.IntN(4)]
	return model.SLOT{
		Confident: conf, Strengths: pg.pick(st.Strengths), LearningNeeds: pg.pick(st.LearningNeeds),
		Opportunities: pg.pick(st.Opportunities), Threats: pg.pick(st.Threats),
		TargetDate: pg.target(c.Code, status),
	}
}

// target is a realistic SLOT target date: before the sign-off for signed-off competencies,
// ahead of today for the rest, and now and then slipped for a preceptee who is behind.
func (pg *precepteeGen) target(code string, status model.Status) model.Date {
	end := pg.p.Timeline().End
	switch {
	case status == model.SignedOff:
		return pg.signedOn[code].AddDays(-pg.r.IntN(30))
	case pg.behind && pg.r.IntN(3) == 0:
		return pg.today.AddDays(-5 - pg.r.IntN(40))
	}
	return pg.between(pg.today.AddDays(15), maxDate(end, pg.today.AddDays(30)))
}

func maxDate(a, b model.Date) model.Date {
	if a.After(b) {
		return a
	}
	return b
}

// done decides whether an action due on due is ticked off: nearly always once past, less
// reliably for a preceptee who is behind.
func (pg *precepteeGen) done(due model.Date) bool {
	if !due.Before(pg.today) {
		return false
	}
	if pg.behind {
		return pg.r.IntN(4) > 0
	}
	return pg.r.IntN(150) > 0
}

// codesFor picks plan competencies from the given domains, preferring started ones.
func (pg *precepteeGen) codesFor(domains []string, n int) []string {
	var pool, started []string
	for _, c := range pg.plan {
		if slices.Contains(domains, c.Domain) {
			pool = append(pool, c.Code)
			if pg.status[c.Code] != "" {
				started = append(started, c.Code)
			}
		}
	}
	if len(started) > 0 {
		pool = started
	}
	if len(pool) == 0 {
		for _, c := range pg.plan {
			pool = append(pool, c.Code)
		}
	}
	var out []string
	for range n {
		c := pool[pg.r.IntN(len(pool))]
		if !slices.Contains(out, c) {
			out = append(out, c)
		}
	}
	slices.Sort(out)
	return out
}

func (pg *precepteeGen) evidence(showcase bool) {
	start, today := pg.elapsed()
	n := 2 + pg.month*4 + pg.r.IntN(3)
	if showcase {
		n = 64
	}
	images := 0
	for k := range n {
		d := pg.between(start.AddDays(2), today)
		e := model.Evidence{ID: pg.id(), ProgrammeID: pg.p.ID, OccurredOn: d, CreatedBy: pg.u.ID, CreatedAt: pg.at(d)}
		e.UpdatedAt = e.CreatedAt
		var domains []string
		switch k % 6 {
		case 0, 1, 3:
			s := scenarios[pg.r.IntN(len(scenarios))]
			e.Type, e.Title, domains = model.Reflection, s.Title, s.Domains
			if pg.r.IntN(3) == 0 {
				e.Template, e.Sections = "nmc", s.NMC
			} else {
				e.Template, e.Sections = "gibbs", s.Gibbs
			}
			e.Hours = float64(1 + pg.r.IntN(2))
		case 2:
			l := learnings[pg.r.IntN(len(learnings))]
			e.Type, e.Template, e.Title, domains = model.FormalLearning, "formal_learning", l.Title, l.Domains
			e.Sections = map[string]string{"activity": l.Title + ", " + l.Provider + ".", "learning": l.Learning, "application": l.Application}
			e.Hours, e.ParticipatoryHours = l.Hours, l.Hours
		case 4:
			t := testimonies[pg.r.IntN(len(testimonies))]
			e.Type, e.Template, e.Title, domains = model.Testimony, "testimony", "Testimony from a "+strings.ToLower(t.WitnessRole), t.Domains
			e.Sections = map[string]string{"context": t.Context, "statement": t.Statement}
			e.WitnessName, e.WitnessRole, e.Locked, e.WitnessConfirmedAt = pg.pick(pg.staff), t.WitnessRole, true, e.CreatedAt
		case 5:
			fb := feedbacks[pg.r.IntN(len(feedbacks))]
			e.Type, e.Template, e.Title, domains = model.Feedback, "feedback", "Feedback from a service user's family", fb.Domains
			e.Sections = map[string]string{"context": fb.Context, "feedback": fb.Feedback, "response": fb.Response}
		}
		e.Codes = pg.codesFor(domains, 1+pg.r.IntN(3))
		if (showcase && images < 20 && k%3 == 0) || (!showcase && pg.r.IntN(8) == 0) {
			img := pg.pool[images%len(pg.pool)]
			if showcase {
				img = pg.showcaseImage(images)
			}
			images++
			e.Attachments = []model.Attachment{img}
		}
		pg.out.Batch.Evidence = append(pg.out.Batch.Evidence, e)
	}
	// Every competency that went to the preceptor rests on at least one piece of evidence,
	// as the store requires of a real one.
	for _, code := range slices.Sorted(maps.Keys(pg.status)) { // sorted: map order would break determinism
		st := pg.status[code]
		if st != model.SignedOff && st != model.EvidenceSubmitted && st != model.Returned {
			continue
		}
		d, ok := pg.signedOn[code]
		if !ok {
			d = today
		}
		linked := false
		for _, e := range pg.out.Batch.Evidence {
			linked = linked || (e.ProgrammeID == pg.p.ID && slices.Contains(e.Codes, code))
		}
		if !linked {
			s := scenarios[pg.r.IntN(len(scenarios))]
			when := pg.between(start, d)
			pg.out.Batch.Evidence = append(pg.out.Batch.Evidence, model.Evidence{ID: pg.id(), ProgrammeID: pg.p.ID, Type: model.Reflection, Template: "gibbs",
				Title: s.Title, OccurredOn: when, Sections: s.Gibbs, Codes: []string{code}, CreatedBy: pg.u.ID, CreatedAt: pg.at(when), UpdatedAt: pg.at(when), Hours: 1})
		}
	}
}

func (pg *precepteeGen) goals() {
	start, today := pg.elapsed()
	for k := range 3 + pg.r.IntN(3) {
		gt := goalTexts[(pg.r.IntN(len(goalTexts))+k)%len(goalTexts)]
		target := start.AddMonths(2 + pg.r.IntN(9))
		status := model.GoalInProgress
		switch {
		case target.Before(today) && (!pg.behind || pg.r.IntN(3) > 0):
			status = model.GoalAchieved
		case target.After(today.AddMonths(3)):
			status = model.GoalPlanned
		}
		gl := model.Goal{ID: pg.id(), ProgrammeID: pg.p.ID, Title: gt.Title, Detail: gt.Detail, TargetDate: target, Status: status,
			CreatedAt: pg.at(start.AddDays(5 + k)), Codes: pg.codesFor(gt.Domains, 2)}
		pg.out.Batch.Goals = append(pg.out.Batch.Goals, gl)
		for j, a := range gt.Actions {
			due := start.AddDays(20 + pg.r.IntN(max(1, start.DaysUntil(target))))
			done := status == model.GoalAchieved || pg.done(due)
			act := model.ActionItem{ID: pg.id(), ProgrammeID: pg.p.ID, OwnerID: gl.ID, Text: a, DueDate: due, Done: done, Position: j, CreatedAt: gl.CreatedAt}
			if done {
				act.DoneOn = minDate(due, today)
			}
			pg.out.Batch.Actions = append(pg.out.Batch.Actions, act)
		}
	}
}

func (pg *precepteeGen) meetings(overdue, showcase bool) {
	start, today := pg.elapsed()
	tl := pg.p.Timeline()
	attendees := pg.u.Name + " (preceptee), " + pg.preceptor.Name + " (preceptor)"
	add := func(kind model.MeetingKind, d model.Date, wasHeld bool) {
		m := model.Meeting{ID: pg.id(), ProgrammeID: pg.p.ID, Kind: kind, Date: d, Held: wasHeld, CreatedBy: pg.preceptor.ID, CreatedAt: pg.at(d)}
		if wasHeld {
			m.Attendees, m.Notes = attendees, pg.pick(meetingNotes)
			if kind == model.MeetingLineManager {
				m.Attendees = pg.u.Name + " (preceptee), " + pg.manager.Name + " (line manager)"
			}
			for j := range 1 + pg.r.IntN(3) {
				due := d.AddDays(14 + pg.r.IntN(30))
				done := pg.done(due)
				a := model.ActionItem{ID: pg.id(), ProgrammeID: pg.p.ID, OwnerID: m.ID, Text: pg.pick(meetingActions), DueDate: due, Done: done, Position: j, CreatedAt: m.CreatedAt}
				if done {
					a.DoneOn = due
				}
				pg.out.Batch.Actions = append(pg.out.Batch.Actions, a)
			}
		} else {
			m.CreatedAt = pg.at(today.AddDays(-pg.r.IntN(5)))
		}
		pg.out.Batch.Meetings = append(pg.out.Batch.Meetings, m)
	}
	d := start.AddDays(2 + pg.r.IntN(4))
	if d.After(today) {
		add(model.MeetingInitial, d, false)
		return
	}
	add(model.MeetingInitial, d, true)
	add(model.MeetingLineManager, start.AddDays(3+pg.r.IntN(10)), true)
	stopBy := today
	if overdue {
		stopBy = today.AddDays(-70)
	}
	midHeld := false
	for {
		d = d.AddDays(7 * (6 + pg.r.IntN(3)))
		if d.After(stopBy) {
			break
		}
		kind := model.MeetingRegular
		if !midHeld && !d.Before(tl.MidPoint.AddDays(-21)) {
			kind, midHeld = model.MeetingMidpoint, true
		}
		add(kind, d, true)
	}
	if !overdue {
		add(model.MeetingRegular, today.AddDays(7+pg.r.IntN(21)), false)
	}
	if showcase {
		add(model.MeetingFinal, tl.End.AddDays(-3), false)
	}
}

// ExpiryMargin keeps ordinary renewals clear of the amber window, so only the records
// chosen to be due or expired show as such.
const ExpiryMargin = model.ExpiryWarningDays + 5

func (pg *precepteeGen) training(expired int, renewalDue bool) {
	start, today := pg.elapsed()
	for k, c := range mandatoryCourses {
		t := model.TrainingRecord{ID: pg.id(), UserID: pg.u.ID, Category: model.TrainingCategory(c.Category), Course: c.Course, RefresherMonths: c.RefresherMonths}
		switch {
		case c.Category == "role" && pg.r.IntN(3) == 0:
			// not done yet
		case k == expired:
			t.CompletedOn = today.AddMonths(-max(c.RefresherMonths, 12)).AddDays(-10 - pg.r.IntN(40))
			if c.RefresherMonths == 0 {
				t.RefresherMonths = 12
			}
		case renewalDue && k%9 == 3:
			// renewal due within the warning window
			t.CompletedOn = today.AddMonths(-max(c.RefresherMonths, 12)).AddDays(20 + pg.r.IntN(30))
			if c.RefresherMonths == 0 {
				t.RefresherMonths = 12
			}
		default:
			t.CompletedOn = pg.between(start.AddDays(-200), minDate(start.AddDays(25), today))
			// People renew before expiry: roll the completion forward through renewals,
			// never past today.
			for t.RefresherMonths > 0 && !t.CompletedOn.AddMonths(t.RefresherMonths).After(today.AddDays(ExpiryMargin)) {
				next := t.CompletedOn.AddMonths(t.RefresherMonths).AddDays(-ExpiryMargin - pg.r.IntN(20))
				if next.After(today) || !next.After(t.CompletedOn) {
					break
				}
				t.CompletedOn = next
			}
		}
		if !t.CompletedOn.IsZero() && pg.r.IntN(4) == 0 {
			t.Attachments = []model.Attachment{pg.certificate(pg.u.Name, c.Course, t.CompletedOn)}
		}
		pg.out.Batch.Training = append(pg.out.Batch.Training, t)
	}
}

func (pg *precepteeGen) learning() {
	start, today := pg.elapsed()
	for k := range model.InductionDays {
		d := start.AddDays(k)
		if d.After(today) {
			break
		}
		pg.out.Batch.Learning = append(pg.out.Batch.Learning, model.LearningEvent{ID: pg.id(), UserID: pg.u.ID, Kind: model.InductionDay,
			Title: fmt.Sprintf("Preceptorship induction, day %d", k+1), Date: d, Attendance: model.Attended})
	}
	for m := 1; ; m++ {
		d := start.AddMonths(m).AddDays(pg.r.IntN(5))
		if d.After(today.AddDays(30)) {
			break
		}
		s := monthlySessions[(m+pg.r.IntN(3))%len(monthlySessions)]
		att := model.Attended
		switch {
		case d.After(today):
			att = model.Booked
		case pg.r.IntN(8) == 0:
			att = model.Apologies
		}
		pg.out.Batch.Learning = append(pg.out.Batch.Learning, model.LearningEvent{ID: pg.id(), UserID: pg.u.ID, Kind: model.LearningKind(s.Kind), Title: s.Title, Date: d, Attendance: att})
	}
}

func (pg *precepteeGen) careerConversations() {
	tl := pg.p.Timeline()
	for _, c := range []struct {
		m   int
		due model.Date
	}{{6, tl.CareerConversation6}, {12, tl.CareerConversation12}} {
		d := c.due.AddDays(pg.r.IntN(10) - 5)
		if d.After(pg.today.AddDays(30)) {
			continue
		}
		txt := careerTexts[pg.r.IntN(len(careerTexts))]
		cc := model.CareerConversation{ID: pg.id(), ProgrammeID: pg.p.ID, Milestone: c.m, Date: d, FacilitatorID: pg.facilitator.ID, UpdatedAt: pg.at(minDate(d, pg.today))}
		if !d.After(pg.today) {
			cc.Held, cc.Aspirations, cc.Notes, cc.NextSteps = true, txt.Aspirations, txt.Notes, txt.NextSteps
		}
		pg.out.Batch.Conversations = append(pg.out.Batch.Conversations, cc)
	}
}

func (pg *precepteeGen) supervision() {
	start, today := pg.elapsed()
	for d := start.AddDays(40 + pg.r.IntN(20)); !d.After(today); d = d.AddDays(60 + pg.r.IntN(30)) {
		s := supervisionThemes[pg.r.IntN(len(supervisionThemes))]
		pg.out.Batch.Supervision = append(pg.out.Batch.Supervision, model.Supervision{ID: pg.id(), ProgrammeID: pg.p.ID, Date: d, Supervisor: pg.facilitator.Name, Themes: s.Themes, Actions: s.Actions})
	}
}

func (pg *precepteeGen) confirmations(preceptorMissing bool) {
	d := pg.p.StartDate.AddDays(3)
	if d.After(pg.today) {
		return
	}
	for _, u := range []model.User{pg.u, pg.preceptor} {
		if u.ID == pg.preceptor.ID && preceptorMissing {
			continue
		}
		pg.out.Batch.Confirmations = append(pg.out.Batch.Confirmations, model.Confirmation{ID: pg.id(), ProgrammeID: pg.p.ID, Kind: model.AgreementConfirmation,
			UserID: u.ID, UserName: u.Name, Role: u.Role, At: pg.at(d), Statement: model.AgreementStatement(u.Name, u.Role)})
	}
}

func (pg *precepteeGen) concern(status model.ConcernStatus) {
	c := concernTexts[pg.r.IntN(len(concernTexts))]
	raised := pg.between(pg.p.StartDate.AddDays(20), pg.today.AddDays(-10))
	cn := model.Concern{ID: pg.id(), ProgrammeID: pg.p.ID, RaisedBy: pg.preceptor.ID, RaisedOn: raised, Summary: c.Summary, Detail: c.Detail, SupportPlan: c.SupportPlan, Status: status}
	if status != model.ConcernOpen {
		cn.EscalatedTo, cn.EscalatedOn = pg.manager.ID, raised.AddDays(3)
	}
	if status == model.ConcernResolved {
		cn.ResolvedOn, cn.Resolution = minDate(raised.AddDays(40), pg.today), c.Resolution
	}
	pg.out.Batch.Concerns = append(pg.out.Batch.Concerns, cn)
}
