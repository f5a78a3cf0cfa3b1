package report

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"

	"pursuit/model"
)

// ---- shared pieces of the sections ----

// open starts a section on a new page, as the house style has it; but a section with
// nothing in it yet follows on the page before when there is room, so that an empty
// portfolio is a few pages, not ten nearly blank ones.
func (b *portfolioBuild) open(title string, empty bool) {
	if !empty || b.d.pdf.PageNo() <= b.contentsEnd {
		b.d.section(title)
		return
	}
	b.d.sectionAfter(title, 70)
}

// codeKey matches competency codes as the store does: without regard to case.
func portfolioCode(code string) string { return strings.ToLower(strings.TrimSpace(code)) }

// orderedCompetencies is the plan by level, then domain (in framework order), then position.
func (b *portfolioBuild) orderedCompetencies() []model.CompetencyView {
	cs := slices.Clone(b.pf.Competencies)
	domainAt := map[string]int{}
	byPos := slices.Clone(cs)
	slices.SortStableFunc(byPos, func(x, y model.CompetencyView) int { return cmp.Compare(x.Position, y.Position) })
	for _, c := range byPos {
		if _, ok := domainAt[c.Domain]; !ok {
			domainAt[c.Domain] = len(domainAt)
		}
	}
	levelAt := func(l model.Level) int {
		if i := slices.Index(model.Levels, l); i >= 0 {
			return i
		}
		return len(model.Levels)
	}
	slices.SortStableFunc(cs, func(x, y model.CompetencyView) int {
		return cmp.Or(cmp.Compare(levelAt(x.Level), levelAt(y.Level)), cmp.Compare(domainAt[x.Domain], domainAt[y.Domain]),
			cmp.Compare(x.Position, y.Position), cmp.Compare(x.Code, y.Code))
	})
	return cs
}

func (b *portfolioBuild) competencyByCode() map[string]model.CompetencyView {
	m := make(map[string]model.CompetencyView, len(b.pf.Competencies))
	for _, c := range b.pf.Competencies {
		m[portfolioCode(c.Code)] = c
	}
	return m
}

// evidenceFor is the (filtered) evidence linked to each competency, in E-number order.
func (b *portfolioBuild) evidenceFor() map[string][]model.Evidence {
	m := map[string][]model.Evidence{}
	for _, e := range b.evidence {
		seen := map[string]bool{}
		for _, c := range e.Codes {
			k := portfolioCode(c)
			if !seen[k] {
				seen[k] = true
				m[k] = append(m[k], e)
			}
		}
	}
	return m
}

// numbered says whether E-numbers mean anything in this document (the evidence or the
// matrix is in it).
func (b *portfolioBuild) numbered() bool { return b.want["evidence"] || b.want["matrix"] }

func (b *portfolioBuild) evidenceLabel(e model.Evidence) string {
	if b.numbered() {
		return fmt.Sprintf("E%d", b.number[e.ID])
	}
	return "•"
}

// sinceNote says, under a section heading, that older records were left out.
func (b *portfolioBuild) sinceNote(what string) {
	if !b.opt.Since.IsZero() {
		b.d.note(fmt.Sprintf("Showing %s dated on or after %s.", what, b.opt.Since.Display()))
	}
}

// rowHeight is how tall row will print text.
func (b *portfolioBuild) rowHeight(x, labelW float64, text string, size float64) float64 {
	if strings.TrimSpace(text) == "" {
		return 0
	}
	p := b.d.pdf
	p.SetFont(family, "", size)
	return float64(len(p.SplitText(clean(text), textW-(x-marginL)-labelW)))*size*0.48 + 0.8
}

// row prints a small label in a column at x and its text beside it, wrapping; it keeps the
// pair together on a page.
func (b *portfolioBuild) row(x, labelW float64, label, text string, size float64) {
	if strings.TrimSpace(text) == "" {
		return
	}
	p := b.d.pdf
	lh := size * 0.48
	p.SetFont(family, "", size)
	lines := len(p.SplitText(clean(text), textW-(x-marginL)-labelW))
	b.d.space(min(float64(lines)*lh, 30) + 1)
	y, page := p.GetY(), p.PageNo()
	setText(p, nhsGrey)
	p.SetFont(family, "B", size-1)
	p.SetXY(x, y+0.2)
	p.MultiCell(labelW-1.5, lh, clean(label), "", "L", false)
	labelEnd := p.GetY()
	setText(p, nhsText)
	p.SetFont(family, "", size)
	p.SetXY(x+labelW, y)
	b.flow(x+labelW, textW-(x-marginL)-labelW, lh, text)
	if p.PageNo() == page && p.GetY() < labelEnd {
		p.SetY(labelEnd)
	}
	p.SetY(p.GetY() + 0.8)
}

// check draws a tick box, ticked in green when done.
func portfolioCheck(b *portfolioBuild, x, y float64, done bool) {
	p := b.d.pdf
	p.SetLineWidth(0.3)
	if done {
		setFill(p, portfolioGreen)
		p.Rect(x, y, 3.4, 3.4, "F")
		p.SetDrawColor(255, 255, 255)
		p.SetLineWidth(0.45)
		p.Line(x+0.75, y+1.8, x+1.45, y+2.55)
		p.Line(x+1.45, y+2.55, x+2.7, y+0.9)
		return
	}
	setDraw(p, nhsGrey)
	p.Rect(x, y, 3.4, 3.4, "D")
}

// actions lists agreed or planned actions with their tick boxes.
func (b *portfolioBuild) actions(items []model.ActionItem, x float64) {
	p := b.d.pdf
	for _, a := range items {
		p.SetFont(family, "", 9.5)
		lines := len(p.SplitText(clean(a.Text), textW-(x-marginL)-6-30))
		b.d.space(float64(lines)*4.7 + 1)
		y := p.GetY()
		portfolioCheck(b, x, y+0.7, a.Done)
		setText(p, nhsText)
		p.SetFont(family, "", 9.5)
		p.SetXY(x+6, y)
		p.MultiCell(textW-(x-marginL)-6-30, 4.7, clean(a.Text), "", "L", false)
		end := p.GetY()
		when := ""
		switch {
		case a.Done && !a.DoneOn.IsZero():
			when = "done " + a.DoneOn.Display()
		case a.Done:
			when = "done"
		case !a.DueDate.IsZero():
			when = "due " + a.DueDate.Display()
			if a.DueDate.Before(b.opt.Today) {
				setText(p, portfolioRed)
			}
		}
		if when != "" {
			if !strings.HasPrefix(when, "due") || !a.DueDate.Before(b.opt.Today) {
				setText(p, nhsGrey)
			}
			p.SetFont(family, "", 8.5)
			p.SetXY(marginL+textW-30, y)
			p.CellFormat(30, 4.7, when, "", 0, "R", false, 0, "")
		}
		p.SetXY(marginL, max(end, y+4.7)+0.6)
	}
}

// rule is a thin line between records.
func (b *portfolioBuild) rule() {
	p := b.d.pdf
	p.Ln(1.5)
	setDraw(p, portfolioRule)
	p.SetLineWidth(0.25)
	y := p.GetY()
	if y < pageH-marginB-4 {
		p.Line(marginL, y, marginL+textW, y)
	}
	p.Ln(4)
}

// ---- competencies ----

func (b *portfolioBuild) competencies() {
	d := b.d
	b.open("Competencies", len(b.pf.Competencies) == 0)
	cs := b.orderedCompetencies()
	if len(cs) == 0 {
		d.para("No competencies are in this plan yet. Once the framework is assigned, each competency appears here by level and domain, with its status, the SLOT analysis, the evidence linked to it and who signed it off.")
		return
	}
	d.note("Each competency of the plan by level and domain: its status, the preceptee's SLOT analysis (strengths, learning needs, opportunities, threats), the evidence linked to it and every sign-off. Sign-offs are made by the preceptor with their own password and are never removed.")
	signOffs := map[string][]model.SignOff{}
	for _, s := range b.pf.SignOffs {
		signOffs[portfolioCode(s.Code)] = append(signOffs[portfolioCode(s.Code)], s)
	}
	returns := map[string][]model.StatusChange{}
	for _, h := range b.pf.History {
		if h.To == model.Returned {
			returns[portfolioCode(h.Code)] = append(returns[portfolioCode(h.Code)], h)
		}
	}
	evidence := b.evidenceFor()
	level, domain := model.Level("?"), "\x00"
	for _, c := range cs {
		k := portfolioCode(c.Code)
		// A heading never ends a page: it keeps its first competency with it.
		keep := b.competencyKeep(c, evidence[k], signOffs[k], returns[k])
		if c.Level != level {
			d.space(keep + 32)
		} else if c.Domain != domain {
			d.space(keep + 12)
		}
		if c.Level != level {
			level, domain = c.Level, "\x00"
			n, signed := 0, 0
			for _, x := range cs {
				if x.Level == level {
					n++
					if x.Progress.Status == model.SignedOff {
						signed++
					}
				}
			}
			name := portfolioLevelName[level]
			if name == "" {
				name = string(level)
			}
			d.heading(fmt.Sprintf("“%s” competencies", name), 1)
			d.note(fmt.Sprintf("%d of %d signed off.", signed, n))
		}
		if c.Domain != domain {
			domain = c.Domain
			d.heading(portfolioOr(domain, "Other competencies"), 2)
		}
		b.competency(c, evidence[k], signOffs[k], returns[k])
	}
}

// competencyKeep is the height to keep together at the start of a competency: all of it
// when it fits in half a page, else the title, status and the start of the SLOT.
func (b *portfolioBuild) competencyKeep(c model.CompetencyView, ev []model.Evidence, signs []model.SignOff, returns []model.StatusChange) float64 {
	const codeW, labelW = 22.0, 28.0
	x := marginL + codeW
	p := b.d.pdf
	slot := c.Progress.SLOT
	p.SetFont(family, "B", 10.5)
	titleH := float64(len(p.SplitText(clean(c.Title), textW-codeW))) * 5.2
	h := titleH + 6.8 + 2
	if !slot.Started() {
		h += 5.2
	}
	for _, t := range []string{slot.Strengths, slot.LearningNeeds, slot.Opportunities, slot.Threats, b.competencyEvidence(c, ev)} {
		h += b.rowHeight(x, labelW, t, 9)
	}
	for _, r := range returns {
		h += b.rowHeight(x, labelW, portfolioReturned(r), 9)
	}
	h += float64(len(signs)) * 5.1
	if h <= (pageH-marginT-marginB)/2 {
		return h
	}
	return titleH + 24
}

func (b *portfolioBuild) competency(c model.CompetencyView, ev []model.Evidence, signs []model.SignOff, returns []model.StatusChange) {
	d, p := b.d, b.d.pdf
	const codeW = 22.0
	x := marginL + codeW
	w := textW - codeW

	const labelW = 28.0
	slot := c.Progress.SLOT
	evidenceText := b.competencyEvidence(c, ev)
	d.space(b.competencyKeep(c, ev, signs, returns))

	y := p.GetY()
	setText(p, nhsBlue)
	p.SetFont(family, "B", 10)
	p.SetXY(marginL, y+0.2)
	p.CellFormat(codeW, 5.2, clean(c.Code), "", 0, "L", false, 0, "")
	setText(p, nhsText)
	p.SetFont(family, "B", 10.5)
	p.SetXY(x, y)
	p.MultiCell(w, 5.2, clean(c.Title), "", "L", false)

	// Status and flags on one line.
	y = p.GetY() + 0.8
	status := c.Progress.Status
	if status == "" {
		status = model.NotStarted
	}
	fill, text := portfolioStatusColours(status)
	bx := x + portfolioBadge(p, x, y, 0, status.Label(), fill, text) + 2
	if c.ValidateFirst {
		bx += portfolioBadge(p, bx, y, 0, "Validate first", [3]int{253, 236, 234}, portfolioRed) + 2
	}
	if c.Progress.Stretch || c.ProgrammeID != "" {
		bx += portfolioBadge(p, bx, y, 0, "Added to this plan", portfolioPaleBlue, nhsDarkBlue) + 2
	}
	if c.Retired {
		bx += portfolioBadge(p, bx, y, 0, "No longer in the framework", portfolioPaleGrey, nhsGrey) + 2
	}
	var meta []string
	if s := c.Progress.SLOT; s.Confident != "" {
		// The preceptee's own rating when she wrote the analysis: on a signed-off
		// competency "Confident and competent: not yet" read as a contradiction.
		rating := "Self-rated in the SLOT analysis: "
		if status == model.SignedOff {
			rating = "Self-rated in the SLOT analysis, before sign-off: "
		}
		meta = append(meta, rating+portfolioConfidence(s.Confident))
	}
	if t := c.Progress.SLOT.TargetDate; !t.IsZero() {
		meta = append(meta, "target "+t.Display())
	}
	if len(meta) > 0 {
		setText(p, nhsGrey)
		p.SetFont(family, "", 8.5)
		p.SetXY(bx+1, y)
		p.CellFormat(marginL+textW-bx-1, 4.4, clean(strings.Join(meta, " · ")), "", 0, "L", false, 0, "")
	}
	p.SetXY(marginL, y+6)

	// SLOT, compact.
	if !slot.Started() {
		setText(p, nhsGrey)
		p.SetFont(family, "I", 8.5)
		p.SetX(x)
		p.MultiCell(w, 4.4, "SLOT analysis not yet written.", "", "L", false)
		p.Ln(0.8)
	}
	b.row(x, labelW, "Strengths", slot.Strengths, 9)
	b.row(x, labelW, "Learning needs", slot.LearningNeeds, 9)
	b.row(x, labelW, "Opportunities", slot.Opportunities, 9)
	b.row(x, labelW, "Threats", slot.Threats, 9)

	b.row(x, labelW, "Evidence", evidenceText, 9)

	// Returns with comments, then sign-offs: the record a manager looks for.
	for _, r := range returns {
		b.row(x, labelW, "Returned", portfolioReturned(r), 9)
	}
	for _, s := range signs {
		p.SetFont(family, "B", 9)
		d.space(6)
		yy := p.GetY()
		portfolioCheck(b, x, yy+0.5, true)
		setText(p, portfolioGreen)
		p.SetXY(x+5.5, yy)
		p.MultiCell(w-5.5, 4.5, clean(fmt.Sprintf("Signed off by %s (%s) on %s", s.SignerName, s.SignerRole.Label(), portfolioWhen(s.At))), "", "L", false)
		p.Ln(0.6)
	}
	if status == model.SignedOff && len(signs) == 0 {
		b.row(x, labelW, "Signed off", "The sign-off record has not yet reached this device.", 9)
	}
	b.rule()
}

// competencyEvidence lists the evidence of a competency, one item a line.
func (b *portfolioBuild) competencyEvidence(c model.CompetencyView, ev []model.Evidence) string {
	if len(ev) > 0 {
		var lines []string
		for _, e := range ev {
			lines = append(lines, fmt.Sprintf("%s  %s (%s)", b.evidenceLabel(e), e.Title, e.OccurredOn.Display()))
		}
		return strings.Join(lines, "\n")
	}
	if c.Evidence > 0 && !b.opt.Since.IsZero() {
		return fmt.Sprintf("%d item%s dated before %s (not in this export)", c.Evidence, portfolioPlural(c.Evidence), b.opt.Since.Display())
	}
	return "None linked yet"
}

func portfolioReturned(r model.StatusChange) string {
	text := fmt.Sprintf("Returned with comments by %s (%s) on %s", r.ByName, r.ByRole.Label(), portfolioWhen(r.At))
	if c := strings.TrimSpace(r.Comment); c != "" {
		text += ": “" + c + "”"
	}
	return text
}

func portfolioConfidence(c model.Confidence) string {
	switch c {
	case model.ConfidenceYes:
		return "yes"
	case model.ConfidencePartly:
		return "partly"
	case model.ConfidenceNo:
		return "not yet"
	}
	return string(c)
}

// ---- learning plan ----

func (b *portfolioBuild) plan() {
	d, p := b.d, b.d.pdf
	b.open("Learning plan", len(b.pf.Goals) == 0)
	if len(b.pf.Goals) == 0 {
		d.para("No goals are in the learning plan yet. The goals drawn from the SLOT analyses appear here, with the competencies they serve, their target dates and the actions agreed to reach them.")
		return
	}
	d.note("The goals drawn from the SLOT analyses, the competencies they serve and the actions towards them.")
	goals := slices.Clone(b.pf.Goals)
	slices.SortStableFunc(goals, func(x, y model.Goal) int {
		return cmp.Or(cmp.Compare(portfolioGoalOrder(x.Status), portfolioGoalOrder(y.Status)), x.TargetDate.Compare(y.TargetDate))
	})
	comps := b.competencyByCode()
	for _, g := range goals {
		p.SetFont(family, "B", 11)
		lines := len(p.SplitText(clean(g.Title), textW-34))
		d.space(float64(lines)*5.6 + 22)
		y := p.GetY()
		setText(p, nhsText)
		p.SetXY(marginL, y)
		p.MultiCell(textW-34, 5.6, clean(g.Title), "", "L", false)
		end := p.GetY()
		label, fill, text := portfolioGoalStatus(g.Status)
		portfolioBadge(p, marginL+textW-30, y+0.6, 30, label, fill, text)
		p.SetY(end + 0.8)
		const labelW = 28.0
		if !g.TargetDate.IsZero() {
			b.row(marginL, labelW, "Target date", g.TargetDate.Display(), 9.5)
		}
		if len(g.Codes) > 0 {
			var ls []string
			for _, code := range g.Codes {
				if c, ok := comps[portfolioCode(code)]; ok {
					ls = append(ls, c.Code+"  "+c.Title)
				} else {
					ls = append(ls, code)
				}
			}
			b.row(marginL, labelW, "Competencies", strings.Join(ls, "\n"), 9.5)
		}
		b.row(marginL, labelW, "Detail", g.Detail, 9.5)
		b.ownedActions("Actions", g.ID, labelW)
		b.rule()
	}
}

func portfolioGoalOrder(s model.GoalStatus) int {
	return slices.Index([]model.GoalStatus{model.GoalInProgress, model.GoalPlanned, model.GoalAchieved, model.GoalDropped}, s)
}

func portfolioGoalStatus(s model.GoalStatus) (string, [3]int, [3]int) {
	switch s {
	case model.GoalAchieved:
		return "Achieved", portfolioGreen, portfolioWhite
	case model.GoalInProgress:
		return "In progress", nhsYellow, nhsText
	case model.GoalDropped:
		return "No longer pursued", portfolioPaleGrey, nhsGrey
	}
	return "Planned", portfolioPaleBlue, nhsDarkBlue
}

// ---- meetings ----

func (b *portfolioBuild) meetingsSection() {
	d, p := b.d, b.d.pdf
	b.open("Meetings", len(b.meetings)+len(b.superv)+len(b.pf.Confirmations) == 0)
	d.heading("Preceptor and line manager meetings", 1)
	b.sinceNote("meetings")
	if len(b.meetings) == 0 {
		d.para("No meetings are recorded yet. The initial meeting (in the first week, after induction), the regular reviews at least every eight weeks, the mid-point review and the final review appear here, with who attended, the notes and the actions agreed.")
	}
	for _, m := range b.meetings {
		d.space(28)
		y := p.GetY()
		setText(p, nhsText)
		p.SetFont(family, "B", 11)
		p.SetXY(marginL, y)
		title := m.Kind.Label() + " – " + m.Date.Display()
		p.MultiCell(textW-26, 5.6, clean(title), "", "L", false)
		end := p.GetY()
		if m.Held {
			portfolioBadge(p, marginL+textW-22, y+0.6, 22, "Held", portfolioGreen, portfolioWhite)
		} else {
			portfolioBadge(p, marginL+textW-22, y+0.6, 22, "Planned", portfolioPaleBlue, nhsDarkBlue)
		}
		p.SetY(end + 0.8)
		const labelW = 28.0
		b.row(marginL, labelW, "Attendees", m.Attendees, 9.5)
		b.row(marginL, labelW, "Notes", m.Notes, 9.5)
		if !m.NextDate.IsZero() {
			b.row(marginL, labelW, "Next meeting", m.NextDate.Display(), 9.5)
		}
		b.ownedActions("Agreed actions", m.ID, labelW)
		b.rule()
	}

	d.space(48)
	d.heading("Preceptorship agreement", 1)
	var agreed []model.Confirmation
	for _, c := range b.pf.Confirmations {
		if c.Kind == model.AgreementConfirmation {
			agreed = append(agreed, c)
		}
	}
	d.note("At the initial meeting the preceptee and the preceptor each confirm, with their own password, the responsibilities the handbook sets out for them.")
	if len(agreed) == 0 {
		d.para("Not yet confirmed by either side.")
	}
	for _, c := range agreed {
		p.SetFont(family, "B", 9.5)
		d.space(12)
		y := p.GetY()
		portfolioCheck(b, marginL, y+0.6, true)
		setText(p, nhsText)
		p.SetXY(marginL+6, y)
		p.MultiCell(textW-6, 4.9, clean(fmt.Sprintf("Confirmed by %s (%s) on %s", c.UserName, c.Role.Label(), portfolioWhen(c.At))), "", "L", false)
		if strings.TrimSpace(c.Statement) != "" {
			setText(p, nhsGrey)
			p.SetFont(family, "I", 9)
			p.SetX(marginL + 6)
			p.MultiCell(textW-6, 4.5, clean(c.Statement), "", "L", false)
		}
		p.Ln(1.5)
	}
	for _, r := range []model.Role{model.RolePreceptee, model.RolePreceptor} {
		if len(agreed) > 0 && !model.Confirmed(b.pf.Confirmations, model.AgreementConfirmation, r) {
			d.para(fmt.Sprintf("The %s has not yet confirmed the agreement.", strings.ToLower(r.Label())))
		}
	}

	d.space(40)
	d.heading("Clinical supervision", 1)
	b.sinceNote("sessions")
	if len(b.superv) == 0 {
		d.para("No clinical supervision sessions are recorded yet. Sessions appear here with the supervisor, the themes discussed and the actions agreed, as the Trust policy asks.")
	}
	for _, s := range b.superv {
		d.space(20)
		setText(p, nhsText)
		p.SetFont(family, "B", 10.5)
		p.SetX(marginL)
		p.MultiCell(textW, 5.4, clean(s.Date.Display()+" – "+s.Supervisor), "", "L", false)
		p.Ln(0.6)
		b.row(marginL, 28, "Themes", s.Themes, 9.5)
		b.row(marginL, 28, "Actions", s.Actions, 9.5)
		b.rule()
	}
}

// ---- training ----

func portfolioTrainingColour(s model.TrainingState) *[3]int {
	c := map[model.TrainingState][3]int{
		model.TrainingExpired: portfolioRed, model.TrainingDueSoon: portfolioAmber,
		model.TrainingNotDone: portfolioAmber, model.TrainingValid: portfolioGreen,
	}[s]
	return &c
}

func (b *portfolioBuild) trainingSection() {
	d := b.d
	b.open("Training", len(b.training) == 0)
	b.sinceNote("training completed")
	if len(b.training) == 0 {
		d.para("No training is recorded yet. Mandatory, essential and role-specific e-learning appears here with the date it was completed, when it expires and whether it is in date.")
		return
	}
	rec := slices.Clone(b.training)
	catAt := func(c model.TrainingCategory) int {
		return slices.Index([]model.TrainingCategory{model.Mandatory, model.Essential, model.RoleSpecific}, c)
	}
	slices.SortStableFunc(rec, func(x, y model.TrainingRecord) int {
		return cmp.Or(cmp.Compare(catAt(x.Category), catAt(y.Category)), cmp.Compare(x.Course, y.Course))
	})
	count := map[model.TrainingState]int{}
	var rows [][]string
	var states []model.TrainingState
	for _, t := range rec {
		s := t.State(b.opt.Today)
		count[s]++
		states = append(states, s)
		completed := "Not yet"
		if !t.CompletedOn.IsZero() {
			completed = t.CompletedOn.Display()
		}
		expires := "Does not expire"
		if e := t.Expiry(); !e.IsZero() {
			expires = e.Display()
		} else if t.CompletedOn.IsZero() {
			expires = "—"
		}
		rows = append(rows, []string{t.Course, t.Category.Label(), completed, expires, s.Label()})
	}
	var parts []string
	for _, s := range []model.TrainingState{model.TrainingValid, model.TrainingDueSoon, model.TrainingExpired, model.TrainingNotDone} {
		if count[s] > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", count[s], strings.ToLower(s.Label())))
		}
	}
	d.para(fmt.Sprintf("%d course%s: %s. Training shows as due for renewal %d days before it expires.", len(rec), portfolioPlural(len(rec)), strings.Join(parts, ", "), model.ExpiryWarningDays))
	d.table([]column{{"Course", 60}, {"Category", 33}, {"Completed", 24}, {"Expires", 24}, {"State", 33}}, rows,
		func(i int) *[3]int { return portfolioTrainingColour(states[i]) })

	if b.opt.Attachments {
		first := true
		for _, t := range rec {
			for _, a := range t.Attachments {
				if first {
					d.space(30)
					d.heading("Certificates attached", 2)
					first = false
				}
				b.fileLine(a, "", t.Course)
			}
		}
	}
}

// ---- structured learning ----

func (b *portfolioBuild) learningSection() {
	d := b.d
	b.open("Structured learning", len(b.learning) == 0)
	b.sinceNote("sessions")
	if len(b.learning) == 0 {
		d.para("No structured learning is recorded yet. The three induction days and the monthly development sessions (Trust-wide, service or division, and profession-specific) appear here with attendance.")
		return
	}
	induction, monthly, monthlyHeld, booked := 0, 0, 0, 0
	var rows [][]string
	var shades []*[3]int
	for _, l := range b.learning {
		if l.Kind == model.InductionDay && l.Attendance == model.Attended {
			induction++
		}
		if l.Kind == model.MonthlyTrustWide || l.Kind == model.MonthlyService || l.Kind == model.MonthlyProfession {
			switch l.Attendance {
			case model.Booked:
				booked++
			case model.Attended:
				monthlyHeld++
				monthly++
			default:
				monthly++
			}
		}
		rows = append(rows, []string{l.Date.Display(), l.Kind.Label(), l.Title, l.Attendance.Label()})
		var c *[3]int
		switch l.Attendance {
		case model.Attended:
			c = &portfolioGreen
		case model.Apologies:
			c = &portfolioAmber
		case model.NotAttended:
			c = &portfolioRed
		default:
			c = &nhsGrey
		}
		shades = append(shades, c)
	}
	summary := fmt.Sprintf("Monthly development sessions: %d of %d held so far attended", monthlyHeld, monthly)
	if booked > 0 {
		summary += fmt.Sprintf("; %d booked", booked)
	}
	if b.opt.Since.IsZero() {
		summary = fmt.Sprintf("Induction: %d of %d days attended. ", induction, model.InductionDays) + summary
	}
	d.para(summary + ".")
	d.table([]column{{"Date", 24}, {"Session", 62}, {"Title", 57}, {"Attendance", 31}}, rows, func(i int) *[3]int { return shades[i] })
}

// ---- evidence ----

func (b *portfolioBuild) evidenceSection(ctx context.Context) error {
	d := b.d
	b.open("Evidence", len(b.evidence) == 0)
	if len(b.evidence) == 0 {
		if b.earlier > 0 {
			d.para(fmt.Sprintf("No evidence is dated on or after %s; %d earlier item%s left out of this export.", b.opt.Since.Display(), b.earlier, portfolioPlural(b.earlier)))
			return nil
		}
		d.para("No evidence has been added yet. Reflections on practice, formal learning, testimonies from staff and service-user feedback appear here in full, each with the competencies it supports and its attachments.")
		return nil
	}
	counts := map[int]int{}
	for _, e := range b.evidence {
		counts[portfolioTypeIndex(e.Type)]++
	}
	var parts []string
	for i, g := range portfolioGroups {
		if counts[i] > 0 {
			parts = append(parts, fmt.Sprintf("%s %d", strings.ToLower(g.Title), counts[i]))
		}
	}
	intro := fmt.Sprintf("%d item%s, numbered E1–E%d: %s.", len(b.evidence), portfolioPlural(len(b.evidence)), len(b.evidence), strings.Join(parts, "; "))
	if b.earlier > 0 {
		intro += fmt.Sprintf(" Items dated before %s (%d) are left out of this export.", b.opt.Since.Display(), b.earlier)
	}
	d.note(intro)
	comps := b.competencyByCode()
	group := -1
	for _, e := range b.evidence {
		if err := ctx.Err(); err != nil {
			return err
		}
		if g := portfolioTypeIndex(e.Type); g != group {
			group = g
			d.space(b.evidenceKeep(e, comps) + 14)
			d.heading(portfolioGroups[g].Title, 1)
		}
		b.evidenceItem(e, comps)
	}
	return nil
}

// evidenceSupports lists the competencies an item supports, one a line.
func (b *portfolioBuild) evidenceSupports(e model.Evidence, comps map[string]model.CompetencyView) string {
	if len(e.Codes) == 0 {
		return "Not yet linked to a competency"
	}
	var ls []string
	for _, code := range e.Codes {
		if c, ok := comps[portfolioCode(code)]; ok {
			ls = append(ls, c.Code+"  "+c.Title)
		} else {
			ls = append(ls, code)
		}
	}
	return strings.Join(ls, "\n")
}

// evidenceKeep is the height kept together at the start of an item: its title, what it
// is, what it supports and the first lines of its text.
func (b *portfolioBuild) evidenceKeep(e model.Evidence, comps map[string]model.CompetencyView) float64 {
	const numW, labelW = 15.0, 28.0
	p := b.d.pdf
	p.SetFont(family, "B", 12)
	lines := len(p.SplitText(clean(e.Title), textW-numW))
	head := float64(lines)*6 + 6.1 + b.rowHeight(marginL+numW, labelW, b.evidenceSupports(e, comps), 9) + 1.5
	// A short item (a testimony, a piece of feedback) is kept whole, up to its pictures.
	whole := head + b.rowHeight(marginL+numW, labelW, e.WitnessName+e.WitnessRole, 9) + 8
	p.SetFont(family, "", 10.5)
	for _, t := range e.Sections {
		if strings.TrimSpace(t) != "" {
			whole += 6.5 + float64(len(p.SplitText(clean(t), textW)))*5.4
		}
	}
	if whole <= (pageH-marginT-marginB)/2 {
		return whole
	}
	return head + 24
}

func (b *portfolioBuild) evidenceItem(e model.Evidence, comps map[string]model.CompetencyView) {
	d, p := b.d, b.d.pdf
	const numW = 15.0
	const labelW = 28.0
	x := marginL + numW
	supports := b.evidenceSupports(e, comps)
	d.space(b.evidenceKeep(e, comps))
	y := p.GetY()
	setFill(p, nhsBlue)
	p.SetTextColor(255, 255, 255)
	p.SetFont(family, "B", 9)
	p.SetXY(marginL, y+0.4)
	p.CellFormat(12, 5.2, fmt.Sprintf("E%d", b.number[e.ID]), "", 0, "C", true, 0, "")
	setText(p, nhsDarkBlue)
	p.SetFont(family, "B", 12)
	p.SetXY(marginL+numW, y)
	p.MultiCell(textW-numW, 6, clean(e.Title), "", "L", false)

	// Type, date, template, hours.
	meta := []string{e.Type.Label(), e.OccurredOn.Display()}
	tpl, hasTpl := model.TemplateByKey(e.Template)
	if hasTpl && e.Type == model.Reflection {
		meta = append(meta, tpl.Name)
	}
	if e.Hours > 0 {
		h := portfolioHours(e.Hours) + " CPD hours"
		if e.Hours == 1 {
			h = "1 CPD hour"
		}
		if e.ParticipatoryHours > 0 {
			h += fmt.Sprintf(" (%s participatory)", portfolioHours(e.ParticipatoryHours))
		}
		meta = append(meta, h)
	}
	setText(p, nhsGrey)
	p.SetFont(family, "", 9)
	p.SetX(marginL + numW)
	p.MultiCell(textW-numW, 4.6, clean(strings.Join(meta, " · ")), "", "L", false)
	p.Ln(1.5)

	b.row(x, labelW, "Supports", supports, 9)
	if e.Type == model.Testimony {
		witness := strings.TrimSpace(e.WitnessName)
		if r := strings.TrimSpace(e.WitnessRole); r != "" {
			witness += ", " + r
		}
		b.row(x, labelW, "Witness", portfolioOr(witness, "Not yet named"), 9)
	}
	p.Ln(1.5)

	// The text, section by section in the template's order.
	wrote := false
	if hasTpl {
		for _, s := range tpl.Sections {
			if t := strings.TrimSpace(e.Sections[s.Key]); t != "" {
				b.section(s.Title, t)
				wrote = true
			}
		}
	}
	var extra []string
	for k, v := range e.Sections {
		if strings.TrimSpace(v) != "" && (!hasTpl || !slices.ContainsFunc(tpl.Sections, func(s model.Section) bool { return s.Key == k })) {
			extra = append(extra, k)
		}
	}
	slices.Sort(extra)
	for _, k := range extra {
		b.section(strings.ReplaceAll(k, "_", " "), e.Sections[k])
		wrote = true
	}
	if !wrote {
		d.note("No text has been written for this item yet.")
	}

	if e.Type == model.Testimony {
		d.space(8)
		yy := p.GetY()
		// The same words as the app: confirmed by the witness with their own password, or
		// recorded by the preceptee with the witness named, or waiting.
		line := clean(e.WitnessLine(portfolioWhen))
		if e.WitnessedByAccount() {
			portfolioCheck(b, marginL, yy+0.5, true)
			setText(p, portfolioGreen)
			p.SetFont(family, "B", 9.5)
			p.SetXY(marginL+6, yy)
			p.MultiCell(textW-6, 4.8, line, "", "L", false)
		} else {
			setText(p, nhsGrey)
			p.SetFont(family, "I", 9.5)
			p.SetXY(marginL, yy)
			p.MultiCell(textW, 4.8, line, "", "L", false)
		}
		p.Ln(1)
	}
	b.attachments(e.Attachments)
	b.rule()
}

// section is one part of an evidence item's text: its heading as a label, then the text.
func (b *portfolioBuild) section(title, text string) {
	d, p := b.d, b.d.pdf
	// The heading keeps the first lines of its text with it.
	p.SetFont(family, "", 10.5)
	first, _, _ := strings.Cut(clean(text), "\n")
	d.space(6 + float64(min(len(p.SplitText(first, textW)), 3))*5.4 + 0.5)
	setText(p, nhsDarkBlue)
	p.SetFont(family, "B", 9.5)
	p.SetX(marginL)
	p.MultiCell(textW, 5, clean(title), "", "L", false)
	setText(p, nhsText)
	p.SetFont(family, "", 10.5)
	p.SetX(marginL)
	b.flow(marginL, textW, 5.4, text)
	p.Ln(1.5)
}

// flow prints text at x, w wide, in the current font and colour, line by line, breaking
// pages itself so that no page ends with the first line of a paragraph or starts with its
// last (no orphans, no widows).
func (b *portfolioBuild) flow(x, w, lh float64, text string) {
	p := b.d.pdf
	bottom := pageH - marginB
	for _, para := range strings.Split(clean(text), "\n") {
		lines := p.SplitText(para, w)
		if len(lines) == 0 {
			lines = []string{""}
		}
		for i := 0; i < len(lines); {
			rest := len(lines) - i
			room := int((bottom-p.GetY())/lh + 1e-6)
			n := rest
			if room < rest {
				n = min(room, rest-2)
				if n < 2 {
					n = 0
				}
			}
			for _, l := range lines[i : i+n] {
				p.SetX(x)
				p.CellFormat(w, lh, l, "", 2, "L", false, 0, "")
			}
			i += n
			if i < len(lines) {
				p.AddPage()
			}
		}
	}
	p.SetX(marginL)
}

func portfolioHours(h float64) string {
	s := fmt.Sprintf("%.1f", h)
	return strings.TrimSuffix(s, ".0")
}

// ---- evidence × competency matrix ----

func (b *portfolioBuild) matrix() {
	d, p := b.d, b.d.pdf
	b.open("Evidence × competency matrix", len(b.evidence) == 0)
	if len(b.evidence) == 0 {
		d.para("No evidence is linked to competencies yet. Once evidence is added, this matrix shows at a glance which competencies each item supports, and where evidence is still needed.")
		return
	}
	evidence := b.evidenceFor()
	type mrow struct {
		code, title string
		level       model.Level
		has         map[int]bool
		n           int
	}
	var rows []mrow
	seen := map[string]bool{}
	add := func(code, title string, level model.Level) {
		k := portfolioCode(code)
		if seen[k] {
			return
		}
		seen[k] = true
		r := mrow{code: code, title: title, level: level, has: map[int]bool{}}
		for _, e := range evidence[k] {
			r.has[b.number[e.ID]] = true
		}
		r.n = len(evidence[k])
		rows = append(rows, r)
	}
	for _, c := range b.orderedCompetencies() {
		if !c.Retired || len(evidence[portfolioCode(c.Code)]) > 0 {
			add(c.Code, c.Title, c.Level)
		}
	}
	for _, e := range b.evidence {
		for _, c := range e.Codes {
			add(c, "(not in this plan)", "")
		}
	}
	empty := 0
	for _, r := range rows {
		if r.n == 0 && r.level == model.Must {
			empty++
		}
	}
	intro := "A dot shows that an evidence item supports a competency. Rows are the competencies of the plan, by level; columns are the evidence items, numbered as in the Evidence section and listed in the key after the matrix. The last column counts the items for each competency."
	if empty > 0 {
		intro += fmt.Sprintf(" %d “must” competenc%s no evidence yet (in red).", empty, map[bool]string{true: "y has", false: "ies have"}[empty == 1])
	}
	d.note(intro)

	const per = 20
	const codeW, colW, countW, groupH = 17.0, 5.2, 10.0, 4.6
	titleW := textW - codeW - per*colW - countW
	gridX := marginL + codeW + titleW
	groups := 0
	for i, r := range rows {
		if i == 0 || r.level != rows[i-1].level {
			groups++
		}
	}
	n := len(b.evidence)
	for start := 1; start <= n; start += per {
		end := min(start+per-1, n)
		cols := end - start + 1
		if start > 1 {
			p.AddPage()
		}
		d.heading(fmt.Sprintf("Evidence E%d–E%d", start, end), 2)
		// Fit the rows to what is left of the page, while they can be read at that size.
		rh := min(4.6, max(3.7, (pageH-marginB-p.GetY()-7-float64(groups)*groupH)/float64(len(rows))))
		top := 0.0
		head := func() {
			y := p.GetY()
			setFill(p, nhsBlue)
			p.Rect(marginL, y, textW, 6.5, "F")
			p.SetTextColor(255, 255, 255)
			p.SetFont(family, "B", 7.5)
			p.SetXY(marginL+1, y+1)
			p.CellFormat(codeW+titleW-1, 4.5, "Competency", "", 0, "L", false, 0, "")
			for i := range cols {
				label := fmt.Sprintf("E%d", start+i)
				size := 6.5
				if len(label) > 3 {
					size = 5.2
				}
				p.SetFont(family, "B", size)
				p.SetXY(gridX+float64(i)*colW, y+1)
				p.CellFormat(colW, 4.5, label, "", 0, "C", false, 0, "")
			}
			p.SetFont(family, "B", 7)
			p.SetXY(marginL+textW-countW, y+1)
			p.CellFormat(countW, 4.5, "Items", "", 0, "C", false, 0, "")
			p.SetXY(marginL, y+6.5)
			top = y + 6.5
		}
		grid := func() { // faint column rules over this page's rows
			bottom := p.GetY()
			setDraw(p, portfolioRule)
			p.SetLineWidth(0.1)
			for i := 0; i <= cols; i++ {
				x := gridX + float64(i)*colW
				p.Line(x, top, x, bottom)
			}
			p.SetLineWidth(0.2)
			p.Line(marginL, bottom, marginL+textW, bottom)
		}
		head()
		shade := 0
		for i, r := range rows {
			group := i == 0 || r.level != rows[i-1].level
			need := rh
			if group {
				need += groupH
			}
			if p.GetY()+need > pageH-marginB {
				grid()
				p.AddPage()
				head()
			}
			if group {
				y := p.GetY()
				setFill(p, portfolioPaleBlue)
				p.Rect(marginL, y, textW, groupH, "F")
				setText(p, nhsDarkBlue)
				p.SetFont(family, "B", 7.5)
				p.SetXY(marginL+0.8, y)
				label := "Not in this plan"
				if name := portfolioLevelName[r.level]; name != "" {
					label = "“" + name + "” competencies"
				}
				p.CellFormat(textW, groupH, label, "", 0, "L", false, 0, "")
				p.SetXY(marginL, y+groupH)
				shade = 0
			}
			y := p.GetY()
			if shade%2 == 1 {
				p.SetFillColor(244, 247, 248)
				p.Rect(marginL, y, textW, rh, "F")
			}
			shade++
			setText(p, nhsBlue)
			p.SetFont(family, "B", 7)
			p.SetXY(marginL+0.8, y)
			p.CellFormat(codeW-0.8, rh, clean(r.code), "", 0, "L", false, 0, "")
			setText(p, nhsText)
			p.SetFont(family, "", 7)
			p.SetXY(marginL+codeW, y)
			p.CellFormat(titleW-1, rh, portfolioFit(p.GetStringWidth, clean(r.title), titleW-1.5), "", 0, "L", false, 0, "")
			for c := range cols {
				if r.has[start+c] {
					setFill(p, nhsBlue)
					p.Circle(gridX+float64(c)*colW+colW/2, y+rh/2, 1.05, "F")
				}
			}
			switch {
			case r.n == 0 && r.level == model.Must:
				setText(p, portfolioRed)
			case r.n == 0:
				setText(p, nhsGrey)
			default:
				setText(p, nhsText)
			}
			p.SetFont(family, "B", 7)
			p.SetXY(marginL+textW-countW, y)
			p.CellFormat(countW, rh, fmt.Sprint(r.n), "", 0, "C", false, 0, "")
			p.SetXY(marginL, y+rh)
		}
		grid()
	}

	// The key.
	d.space(40)
	d.heading("Key to the evidence numbers", 2)
	for _, e := range b.evidence {
		p.SetFont(family, "", 8.5)
		lines := len(p.SplitText(clean(e.Title), textW-34))
		d.space(float64(lines) * 4.3)
		y := p.GetY()
		setText(p, nhsBlue)
		p.SetFont(family, "B", 8.5)
		p.SetXY(marginL, y)
		p.CellFormat(11, 4.3, fmt.Sprintf("E%d", b.number[e.ID]), "", 0, "L", false, 0, "")
		setText(p, nhsGrey)
		p.SetFont(family, "", 8)
		p.SetXY(marginL+11, y)
		p.CellFormat(23, 4.3, e.OccurredOn.Display(), "", 0, "L", false, 0, "")
		setText(p, nhsText)
		p.SetFont(family, "", 8.5)
		p.SetXY(marginL+34, y)
		p.MultiCell(textW-34, 4.3, clean(e.Title), "", "L", false)
		p.SetY(p.GetY() + 0.4)
	}
}

// portfolioFit shortens text with an ellipsis to fit a width.
func portfolioFit(width func(string) float64, s string, w float64) string {
	if width(s) <= w {
		return s
	}
	r := []rune(s)
	for len(r) > 1 && width(string(r)+"…") > w {
		r = r[:len(r)-1]
	}
	return strings.TrimRight(string(r), " ,;:–-") + "…"
}

// ---- career conversations ----

func (b *portfolioBuild) conversations() {
	d, p := b.d, b.d.pdf
	b.open("Career conversations", len(b.pf.Conversations) == 0)
	msg := "Confidential. Career conversations are between the preceptee and the facilitator; they are in this portfolio because the preceptee chose to include them."
	p.SetFont(family, "B", 9.5)
	lines := p.SplitText(msg, textW-12)
	h := float64(len(lines))*4.8 + 6
	y := p.GetY()
	callout(p, marginL, y, textW, h, [3]int{253, 236, 234}, portfolioRed)
	setText(p, nhsText)
	p.SetXY(marginL+7, y+3)
	p.MultiCell(textW-12, 4.8, msg, "", "L", false)
	p.SetY(y + h + 5)
	cs := slices.Clone(b.pf.Conversations)
	slices.SortStableFunc(cs, func(x, y model.CareerConversation) int { return cmp.Compare(x.Milestone, y.Milestone) })
	if len(cs) == 0 {
		d.para("No career conversations are recorded yet. They are held at 6 and 12 months with a senior member of staff, to think about a career pathway within the Trust.")
	}
	for _, c := range cs {
		d.space(40)
		d.heading(fmt.Sprintf("%d-month career conversation", c.Milestone), 2)
		state := "Planned for " + c.Date.Display()
		if c.Held {
			state = "Held on " + c.Date.Display()
		}
		d.facts([][2]string{{"Date", state}})
		if strings.TrimSpace(c.Aspirations+c.Notes+c.NextSteps) == "" {
			if c.Held {
				d.note("The notes of this conversation can be read only by the preceptee and the facilitator, or none were written.")
			}
			continue
		}
		d.labelled("Aspirations", c.Aspirations)
		d.labelled("Notes", c.Notes)
		d.labelled("Next steps", c.NextSteps)
	}
}

// ownedActions prints the actions of a goal or meeting under a label, kept with at least
// their first line.
func (b *portfolioBuild) ownedActions(label, ownerID string, labelW float64) {
	acts := model.ActionsOf(b.pf.Actions, ownerID)
	if len(acts) == 0 {
		return
	}
	d, p := b.d, b.d.pdf
	d.space(10)
	setText(p, nhsGrey)
	p.SetFont(family, "B", 8.5)
	y := p.GetY()
	p.SetXY(marginL, y+0.2)
	p.CellFormat(labelW, 4.5, label, "", 0, "L", false, 0, "")
	p.SetXY(marginL, y)
	b.actions(acts, marginL+labelW)
}
