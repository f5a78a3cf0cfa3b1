package report

import (
	"cmp"
	"context"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"pursuit/model"
)

// PortfolioOptions choose what goes into the PACE portfolio.
type PortfolioOptions struct {
	Purpose              string                              // e.g. "PACE meeting 14 March 2027"; printed on the cover
	Today                model.Date                          // the day it is generated (month N of 12 is computed from it)
	Since                model.Date                          // zero: everything; else only evidence, meetings, training and learning dated on or after it (competency status and sign-offs always complete)
	Sections             []string                            // nil or empty: all; else any of PortfolioSections
	Attachments          bool                                // embed pictures, list other files; false: list nothing about files
	IncludeConversations bool                                // career conversations are confidential: left out unless the preceptee chooses
	File                 func(sha256 string) ([]byte, error) // attachment bytes; an error (e.g. not on this device yet) prints a placeholder line, the export still succeeds
	Progress             func(done, total int)               // optional, called as pages/sections are built
}

// PortfolioSections are the section keys, in document order.
var PortfolioSections = []string{"summary", "competencies", "plan", "meetings", "training", "learning", "evidence", "matrix", "conversations"}

// Portfolio writes the PACE portfolio PDF for one preceptee. It stops with ctx.Err() when cancelled.
//
// The document is laid out twice: the first pass learns where every section falls and how
// many pages there are; the second prints the contents and "page X of Y" from that. Pictures
// are decoded, turned upright, shrunk and re-encoded once, before either pass, on a few
// goroutines: opt.File may be called from several at once.
func Portfolio(ctx context.Context, w io.Writer, pf model.Portfolio, fonts Fonts, opt PortfolioOptions) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	want := map[string]bool{}
	for _, s := range opt.Sections {
		s = strings.ToLower(strings.TrimSpace(s))
		if s == "" {
			continue
		}
		if !slices.Contains(PortfolioSections, s) {
			return fmt.Errorf("portfolio: %w: %q is not a section; use %s", model.ErrInvalid, s, strings.Join(PortfolioSections, ", "))
		}
		want[s] = true
	}
	if len(want) == 0 {
		for _, s := range PortfolioSections {
			want[s] = true
		}
	}
	if !opt.IncludeConversations {
		delete(want, "conversations")
	}
	if opt.Today.IsZero() {
		opt.Today = model.DateOf(time.Now())
	}
	b := newPortfolioBuild(pf, opt, want)

	// Work to report: the pictures, then each section of both passes, then writing.
	b.steps = len(b.pictureJobs()) + 2*(len(b.sections)+2) + 1
	if err := b.preparePictures(ctx); err != nil {
		return err
	}

	first, _, err := b.pass(ctx, fonts, 0, nil)
	if err != nil {
		return err
	}
	toc, total := first.toc, first.pages()
	second, contentsPages, err := b.pass(ctx, fonts, total, toc)
	if err != nil {
		return err
	}
	if contentsPages > 1 {
		// The contents ran over a page in the second pass (the first reserved one page), so
		// every later page moved on: print the page numbers again, shifted.
		shift := contentsPages - 1
		moved := make([]tocEntry, len(toc))
		for i, e := range toc {
			e.Page += shift
			moved[i] = e
		}
		b.steps += len(b.sections) + 2
		if second, _, err = b.pass(ctx, fonts, total+shift, moved); err != nil {
			return err
		}
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	if err := second.output(w); err != nil {
		return fmt.Errorf("portfolio for %s: %w", pf.Preceptee.Name, err)
	}
	b.step()
	return nil
}

// portfolioBuild holds what both passes share: the filtered records, the evidence numbers
// and the prepared pictures.
type portfolioBuild struct {
	pf       model.Portfolio // as given: competencies, sign-offs and history are always whole
	opt      PortfolioOptions
	sections []string // in document order
	want     map[string]bool

	evidence []model.Evidence // filtered, in document order (by type, then date)
	number   map[string]int   // evidence id → E-number
	earlier  int              // evidence items left out by Since
	meetings []model.Meeting
	training []model.TrainingRecord
	learning []model.LearningEvent
	superv   []model.Supervision

	pictures map[string]*portfolioPicture // by SHA-256

	done, steps int
	d           *doc
	contentsEnd int // the last page of the contents: nothing follows on from it
}

func newPortfolioBuild(pf model.Portfolio, opt PortfolioOptions, want map[string]bool) *portfolioBuild {
	b := &portfolioBuild{pf: pf, opt: opt, want: want, number: map[string]int{}, pictures: map[string]*portfolioPicture{}}
	for _, s := range PortfolioSections {
		if want[s] {
			b.sections = append(b.sections, s)
		}
	}
	since := opt.Since
	keep := func(d model.Date) bool { return since.IsZero() || !d.Before(since) }

	// Evidence: grouped as the handbook names it, oldest first within a group, numbered
	// E1…En in the order it is printed.
	for _, e := range pf.Evidence {
		if keep(e.OccurredOn) {
			b.evidence = append(b.evidence, e)
		} else {
			b.earlier++
		}
	}
	slices.SortStableFunc(b.evidence, func(x, y model.Evidence) int {
		return cmp.Or(cmp.Compare(portfolioTypeIndex(x.Type), portfolioTypeIndex(y.Type)), x.OccurredOn.Compare(y.OccurredOn), cmp.Compare(x.Title, y.Title))
	})
	for i, e := range b.evidence {
		b.number[e.ID] = i + 1
	}
	for _, m := range pf.Meetings {
		if keep(m.Date) {
			b.meetings = append(b.meetings, m)
		}
	}
	slices.SortStableFunc(b.meetings, func(x, y model.Meeting) int { return x.Date.Compare(y.Date) })
	for _, t := range pf.Training {
		if t.CompletedOn.IsZero() || keep(t.CompletedOn) {
			b.training = append(b.training, t)
		}
	}
	for _, l := range pf.Learning {
		if keep(l.Date) {
			b.learning = append(b.learning, l)
		}
	}
	slices.SortStableFunc(b.learning, func(x, y model.LearningEvent) int { return x.Date.Compare(y.Date) })
	for _, s := range pf.Supervision {
		if keep(s.Date) {
			b.superv = append(b.superv, s)
		}
	}
	slices.SortStableFunc(b.superv, func(x, y model.Supervision) int { return x.Date.Compare(y.Date) })
	return b
}

// portfolioGroups are the evidence sub-headings, in the order the handbook lists them.
var portfolioGroups = []struct {
	Type  model.EvidenceType
	Title string
}{
	{model.Reflection, "Reflections on practice"},
	{model.FormalLearning, "Formal learning"},
	{model.Testimony, "Testimonies from staff"},
	{model.Feedback, "Service-user feedback"},
	{model.OtherEvidence, "Other evidence"},
}

func portfolioTypeIndex(t model.EvidenceType) int {
	for i, g := range portfolioGroups {
		if g.Type == t {
			return i
		}
	}
	return len(portfolioGroups) - 1 // unknown types count as "other"
}

func (b *portfolioBuild) step() {
	b.done++
	if b.opt.Progress != nil {
		b.opt.Progress(min(b.done, b.steps), b.steps)
	}
}

// pass lays the whole document out once. total and toc come from the first pass (zero and
// nil on it); it returns the document and how many pages the contents took.
func (b *portfolioBuild) pass(ctx context.Context, fonts Fonts, total int, toc []tocEntry) (*doc, int, error) {
	name := strings.TrimSpace(b.pf.Preceptee.Name)
	if name == "" {
		name = "Preceptee"
	}
	d, err := newDoc(fonts, "Preceptorship portfolio – "+name, name+" · Preceptorship portfolio", total)
	if err != nil {
		return nil, 0, err
	}
	b.d = d
	b.cover()
	b.step()
	if err := ctx.Err(); err != nil {
		return nil, 0, err
	}
	d.section("Contents")
	d.toc = d.toc[:len(d.toc)-1] // the contents do not list themselves
	start := d.pdf.PageNo()
	if len(toc) > 0 {
		d.contents(toc)
	} else {
		d.note("The contents are filled in with page numbers once the document is laid out.")
	}
	contentsPages := d.pdf.PageNo() - start + 1
	b.contentsEnd = d.pdf.PageNo()
	b.step()
	for _, s := range b.sections {
		if err := ctx.Err(); err != nil {
			return nil, 0, err
		}
		switch s {
		case "summary":
			b.summary()
		case "competencies":
			b.competencies()
		case "plan":
			b.plan()
		case "meetings":
			b.meetingsSection()
		case "training":
			b.trainingSection()
		case "learning":
			b.learningSection()
		case "evidence":
			if err := b.evidenceSection(ctx); err != nil {
				return nil, 0, err
			}
		case "matrix":
			b.matrix()
		case "conversations":
			b.conversations()
		}
		if err := d.pdf.Error(); err != nil {
			return nil, 0, fmt.Errorf("portfolio, %s: %w", s, err)
		}
		b.step()
	}
	return d, contentsPages, d.pdf.Error()
}

// ---- cover ----

func (b *portfolioBuild) cover() {
	d, p := b.d, b.d.pdf
	pf, opt := b.pf, b.opt
	prog := pf.Programme.WithDefaults()
	tl := prog.Timeline()

	d.noHeader = true
	p.AddPage()
	d.noHeader = false

	setFill(p, nhsBlue)
	p.Rect(0, 0, pageW, 16, "F")
	p.SetTextColor(255, 255, 255)
	p.SetFont(family, "B", 10.5)
	p.SetXY(marginL, 5.5)
	p.CellFormat(textW, 5, "Pursuit of Excellence Preceptorship Programme", "", 0, "L", false, 0, "")

	star(p, marginL+11, 42, 11, 4.6)

	setText(p, nhsDarkBlue)
	p.SetFont(family, "B", 26)
	p.SetXY(marginL, 60)
	p.CellFormat(textW, 12, "Preceptorship portfolio", "", 1, "L", false, 0, "")
	setFill(p, nhsYellow)
	p.Rect(marginL, 74, 26, 1.6, "F")

	name := strings.TrimSpace(pf.Preceptee.Name)
	if name == "" {
		name = "Preceptee not named"
	}
	setText(p, nhsText)
	p.SetFont(family, "B", 30)
	p.SetXY(marginL, 82)
	p.MultiCell(textW, 13, clean(name), "", "L", false)
	prof := model.ProfessionByKey(prog.Profession).Label
	setText(p, nhsGrey)
	p.SetFont(family, "", 14)
	p.SetX(marginL)
	p.MultiCell(textW, 7, clean(prof), "", "L", false)

	// Where the preceptee stands in the programme, as a slim bar.
	month := prog.Month(opt.Today)
	y := p.GetY() + 8
	stage := fmt.Sprintf("Month %d of %d", month, tl.TotalMonths)
	switch {
	case prog.Status == model.ProgrammeCompleted:
		stage = "Programme completed"
		if !prog.CompletedOn.IsZero() {
			stage += " on " + prog.CompletedOn.Display()
		}
	case prog.Status == model.ProgrammeLeft:
		stage = "Left the programme"
		if !prog.LeftOn.IsZero() {
			stage += " on " + prog.LeftOn.Display()
		}
	case month == 0:
		stage = "Starts on " + tl.Start.Display()
	}
	setText(p, nhsDarkBlue)
	p.SetFont(family, "B", 13)
	p.SetXY(marginL, y)
	p.CellFormat(textW, 7, clean(stage), "", 1, "L", false, 0, "")
	barY := p.GetY() + 1.5
	setFill(p, [3]int{226, 232, 236})
	p.Rect(marginL, barY, textW, 3, "F")
	frac := float64(month) / float64(max(tl.TotalMonths, 1))
	if prog.Status == model.ProgrammeCompleted {
		frac = 1
	}
	setFill(p, nhsBlue)
	p.Rect(marginL, barY, textW*frac, 3, "F")

	// The facts a reader needs first.
	p.SetY(barY + 10)
	facts := [][2]string{
		{"Service", portfolioOr(prog.Service, "—")},
		{"Preceptor", portfolioOr(pf.Preceptor.Name, "Not yet named")},
		{"Line manager", portfolioOr(pf.LineManager.Name, "Not yet named")},
		{"Programme", fmt.Sprintf("%s – %s (%d months)", tl.Start.Display(), tl.End.Display(), tl.TotalMonths)},
	}
	if prog.ExtensionMonths > 0 {
		facts = append(facts, [2]string{"Extended", fmt.Sprintf("by %d month%s", prog.ExtensionMonths, portfolioPlural(prog.ExtensionMonths))})
	}
	if !opt.Since.IsZero() {
		facts = append(facts, [2]string{"Covers", "Evidence, meetings, training and learning dated from " + opt.Since.Display() + "; competencies and sign-offs in full"})
	}
	facts = append(facts, [2]string{"Generated on", opt.Today.Display()})
	for _, kv := range facts {
		yy := p.GetY()
		setText(p, nhsGrey)
		p.SetFont(family, "B", 10)
		p.SetXY(marginL, yy)
		p.CellFormat(36, 6.4, kv[0], "", 0, "L", false, 0, "")
		setText(p, nhsText)
		p.SetFont(family, "", 11)
		p.SetXY(marginL+36, yy)
		p.MultiCell(textW-36, 6.4, clean(kv[1]), "", "L", false)
		p.SetY(p.GetY() + 0.8)
	}

	// The purpose, in a pale box so it is the first thing a reader sees after the name.
	if strings.TrimSpace(opt.Purpose) != "" {
		y := p.GetY() + 6
		p.SetFont(family, "B", 13)
		lines := p.SplitText(clean(opt.Purpose), textW-16)
		h := float64(len(lines))*6.6 + 13
		callout(p, marginL, y, textW, h, [3]int{232, 240, 249}, nhsBlue)
		setText(p, nhsGrey)
		p.SetFont(family, "B", 9)
		p.SetXY(marginL+8, y+3.5)
		p.CellFormat(textW-16, 4.5, "PREPARED FOR", "", 1, "L", false, 0, "")
		setText(p, nhsDarkBlue)
		p.SetFont(family, "B", 13)
		p.SetX(marginL + 8)
		p.MultiCell(textW-16, 6.6, clean(opt.Purpose), "", "L", false)
	}

	// Confidentiality, at the foot of the cover.
	conf := "Confidential. This portfolio holds personal information about the preceptee's professional development. " +
		"It is for the preceptee, their preceptor and line manager, and anyone else the preceptee chooses to share it with. " +
		"Keep printed copies secure and shred them when no longer needed."
	if b.want["conversations"] {
		conf += " It includes the preceptee's career conversations, at the preceptee's own request."
	}
	// Said on the cover: a reader of a copy without them would not know they exist.
	if n := b.attachmentsInCopy(); !opt.Attachments && n > 0 {
		conf += fmt.Sprintf(" This copy leaves out the %s attached to its records (pictures and certificates); the full portfolio holds them.", filesWord(n))
	}
	p.SetFont(family, "", 9)
	lines := p.SplitText(clean(conf), textW-14)
	h := float64(len(lines))*4.6 + 8
	y = pageH - marginB - 8 - h
	setDraw(p, [3]int{216, 221, 224})
	p.SetLineWidth(0.3)
	p.Rect(marginL, y, textW, h, "D")
	setFill(p, nhsYellow)
	p.Rect(marginL, y, 1.6, h, "F")
	setText(p, nhsGrey)
	p.SetXY(marginL+7, y+4)
	p.MultiCell(textW-14, 4.6, clean(conf), "", "L", false)
}

// ---- summary ----

// Colours of a competency's status, shared by the chart, the legend and the badges.
var (
	portfolioGreen     = [3]int{0, 150, 57}
	portfolioRed       = [3]int{218, 41, 28}
	portfolioAmber     = [3]int{237, 139, 0}
	portfolioPaleGrey  = [3]int{222, 228, 232}
	portfolioRule      = [3]int{216, 221, 224}
	portfolioPaleBlue  = [3]int{232, 240, 249}
	portfolioWhite     = [3]int{255, 255, 255}
	portfolioLevelName = map[model.Level]string{model.Must: "Must", model.Should: "Should", model.Could: "Could"}
)

func portfolioStatusColours(s model.Status) (fill, text [3]int) {
	switch s {
	case model.SignedOff:
		return portfolioGreen, portfolioWhite
	case model.EvidenceSubmitted:
		return nhsBlue, portfolioWhite
	case model.InProgress:
		return nhsYellow, nhsText
	case model.Returned:
		return portfolioAmber, nhsText
	}
	return portfolioPaleGrey, nhsGrey
}

func (b *portfolioBuild) summary() {
	d, p := b.d, b.d.pdf
	pf := b.pf
	prog := pf.Programme.WithDefaults()
	tl := prog.Timeline()
	d.section("Summary")

	// Four figures a manager reads first.
	r := model.CompletionReadiness(pf)
	held := 0
	for _, m := range pf.Meetings {
		if m.Held {
			held++
		}
	}
	month := prog.Month(b.opt.Today)
	tiles := [][2]string{
		{fmt.Sprintf("%d of %d", month, tl.TotalMonths), "months of the programme"},
		{fmt.Sprintf("%d of %d", r.MustSignedOff, r.MustTotal), "“must” competencies signed off"},
		{fmt.Sprint(len(pf.Evidence)), "evidence items in the portfolio"},
		{fmt.Sprint(held), "meetings held"},
	}
	if !b.opt.Since.IsZero() {
		tiles[2][1] = fmt.Sprintf("evidence items (%d since %s)", len(b.evidence), b.opt.Since.Display())
	}
	gap := 4.0
	tw := (textW - 3*gap) / 4
	y := p.GetY()
	for i, t := range tiles {
		x := marginL + float64(i)*(tw+gap)
		setFill(p, portfolioPaleBlue)
		p.Rect(x, y, tw, 22, "F")
		setText(p, nhsDarkBlue)
		p.SetFont(family, "B", 16)
		p.SetXY(x+3, y+3)
		p.CellFormat(tw-6, 8, t[0], "", 0, "L", false, 0, "")
		setText(p, nhsGrey)
		p.SetFont(family, "", 8.5)
		p.SetXY(x+3, y+11.5)
		p.MultiCell(tw-6, 3.9, clean(t[1]), "", "L", false)
	}
	p.SetXY(marginL, y+28)

	d.heading("Progress by level", 2)
	b.levelChart()

	b.readiness(r)

	d.heading("Programme timeline", 2)
	b.timeline(tl)

	d.heading("Overdue and due soon", 2)
	b.pressing()
}

// levelChart draws progress by level as horizontal stacked bars.
func (b *portfolioBuild) levelChart() {
	d, p := b.d, b.d.pdf
	levels := model.ProgressByLevel(b.pf.Competencies)
	const labelW, barW, rowH, barH = 30.0, 104.0, 13.0, 8.0
	d.space(float64(len(levels))*rowH + 14)
	for _, lp := range levels {
		y := p.GetY()
		setText(p, nhsText)
		p.SetFont(family, "B", 11)
		p.SetXY(marginL, y)
		p.CellFormat(labelW, 5, portfolioLevelName[lp.Level], "", 0, "L", false, 0, "")
		setText(p, nhsGrey)
		p.SetFont(family, "", 8)
		p.SetXY(marginL, y+4.6)
		p.CellFormat(labelW, 4, fmt.Sprintf("%d competenc%s", lp.Total, portfolioIES(lp.Total)), "", 0, "L", false, 0, "")
		x := marginL + labelW
		if lp.Total == 0 {
			setDraw(p, portfolioRule)
			p.SetLineWidth(0.3)
			p.Rect(x, y, barW, barH, "D")
			setText(p, nhsGrey)
			p.SetFont(family, "I", 8.5)
			p.SetXY(x+2, y+1.5)
			p.CellFormat(barW-4, 5, "None in this plan", "", 0, "L", false, 0, "")
		}
		parts := []struct {
			n int
			s model.Status
		}{{lp.SignedOff, model.SignedOff}, {lp.Submitted, model.EvidenceSubmitted}, {lp.InProgress, model.InProgress}, {lp.NotStarted, model.NotStarted}}
		for _, part := range parts {
			if part.n == 0 || lp.Total == 0 {
				continue
			}
			w := barW * float64(part.n) / float64(lp.Total)
			fill, text := portfolioStatusColours(part.s)
			setFill(p, fill)
			p.Rect(x, y, w, barH, "F")
			if w >= 5 {
				setText(p, text)
				p.SetFont(family, "B", 8.5)
				p.SetXY(x, y+1.5)
				p.CellFormat(w, 5, fmt.Sprint(part.n), "", 0, "C", false, 0, "")
			}
			x += w
		}
		setText(p, nhsText)
		p.SetFont(family, "", 9.5)
		p.SetXY(marginL+labelW+barW+3, y+1.5)
		if lp.Total > 0 {
			p.CellFormat(textW-labelW-barW-3, 5, fmt.Sprintf("%d of %d signed off", lp.SignedOff, lp.Total), "", 0, "L", false, 0, "")
		}
		p.SetXY(marginL, y+rowH)
	}
	// Legend.
	legend := []struct {
		s     model.Status
		label string
	}{{model.SignedOff, "Signed off"}, {model.EvidenceSubmitted, model.EvidenceSubmitted.Label()}, {model.InProgress, "In progress or returned"}, {model.NotStarted, "Not started"}}
	x := marginL + labelW
	y := p.GetY()
	p.SetFont(family, "", 8.5)
	for _, l := range legend {
		fill, _ := portfolioStatusColours(l.s)
		setFill(p, fill)
		p.Rect(x, y+1, 3.2, 3.2, "F")
		setText(p, nhsGrey)
		w := p.GetStringWidth(l.label) + 2
		p.SetXY(x+4.2, y)
		p.CellFormat(w, 5.2, l.label, "", 0, "L", false, 0, "")
		x += 4.2 + w + 4
	}
	p.SetXY(marginL, y+10)
}

// timeline draws the programme's months as a bar with meetings, career conversations and today.
func (b *portfolioBuild) timeline(tl model.Timeline) {
	d, p := b.d, b.d.pdf
	d.space(46)
	x0, x1 := marginL+2, marginL+textW-2
	days := float64(max(tl.Start.DaysUntil(tl.End), 1))
	xOf := func(dt model.Date) float64 {
		f := float64(tl.Start.DaysUntil(dt)) / days
		return x0 + (x1-x0)*min(max(f, 0), 1)
	}
	top := p.GetY()
	barY := top + 12
	// The elapsed part of the programme in blue, the rest pale.
	setFill(p, portfolioPaleGrey)
	p.Rect(x0, barY, x1-x0, 3.4, "F")
	today := b.opt.Today
	if !today.Before(tl.Start) {
		setFill(p, [3]int{153, 191, 228})
		p.Rect(x0, barY, xOf(today)-x0, 3.4, "F")
	}
	// Month ticks and their names.
	setDraw(p, nhsGrey)
	p.SetLineWidth(0.2)
	p.SetFont(family, "", 7)
	setText(p, nhsGrey)
	step := 1
	if tl.TotalMonths > 18 {
		step = 3
	}
	for m := 0; m <= tl.TotalMonths; m++ {
		x := xOf(tl.Start.AddMonths(m))
		p.Line(x, barY+3.4, x, barY+5)
		if m%step == 0 && m < tl.TotalMonths {
			// Named after the calendar month most of the programme month falls in.
			mid := tl.Start.AddMonths(m).AddDays(14)
			p.SetXY(xOf(mid)-6, barY+5)
			p.CellFormat(12, 4, mid.Time().Format("Jan"), "", 0, "C", false, 0, "")
		}
	}
	// Start and end.
	p.SetFont(family, "B", 7.5)
	setText(p, nhsText)
	p.SetXY(x0, barY+9)
	p.CellFormat(50, 4, "Start "+tl.Start.Display(), "", 0, "L", false, 0, "")
	p.SetXY(x1-50, barY+9)
	p.CellFormat(50, 4, "End "+tl.End.Display(), "", 0, "R", false, 0, "")
	// Meetings above the bar: held filled, planned hollow.
	for _, m := range b.pf.Meetings {
		if m.Date.Before(tl.Start) || m.Date.After(tl.End) {
			continue
		}
		x := xOf(m.Date)
		if m.Held {
			setFill(p, nhsBlue)
			p.Circle(x, barY-2.6, 1.25, "F")
		} else {
			setDraw(p, nhsBlue)
			p.SetLineWidth(0.35)
			p.Circle(x, barY-2.6, 1.15, "D")
		}
	}
	// Career conversations: held or booked on their own date, else when they are due.
	for _, due := range []struct {
		months int
		date   model.Date
	}{{6, tl.CareerConversation6}, {12, tl.CareerConversation12}} {
		dt := due.date
		for _, c := range b.pf.Conversations {
			if c.Milestone == due.months && !c.Date.IsZero() {
				dt = c.Date
			}
		}
		star(p, xOf(dt), barY-7.2, 2.2, 0.95)
	}
	// Today.
	if !today.Before(tl.Start) && !today.After(tl.End) {
		x := xOf(today)
		setDraw(p, portfolioRed)
		p.SetLineWidth(0.5)
		p.Line(x, barY-10.5, x, barY+4.6)
		setText(p, portfolioRed)
		p.SetFont(family, "B", 7)
		w := 20.0
		lx := min(max(x-w/2, x0), x1-w)
		p.SetXY(lx, top-1.2)
		p.CellFormat(w, 3.6, "Today", "", 0, "C", false, 0, "")
	}
	// Legend.
	y := barY + 15
	x := x0
	p.SetFont(family, "", 8)
	setText(p, nhsGrey)
	item := func(draw func(x, y float64), label string) {
		draw(x+1.5, y+2.3)
		w := p.GetStringWidth(label) + 2
		p.SetXY(x+4, y)
		p.CellFormat(w, 4.6, label, "", 0, "L", false, 0, "")
		x += 4 + w + 5
	}
	item(func(x, y float64) { setFill(p, nhsBlue); p.Circle(x, y, 1.25, "F") }, "Meeting held")
	item(func(x, y float64) { setDraw(p, nhsBlue); p.SetLineWidth(0.35); p.Circle(x, y, 1.15, "D") }, "Meeting planned")
	item(func(x, y float64) { star(p, x, y, 2.2, 0.95) }, "Career conversation")
	item(func(x, y float64) { setDraw(p, portfolioRed); p.SetLineWidth(0.5); p.Line(x, y-2, x, y+2) }, "Today")
	setText(p, nhsGrey)
	p.SetXY(marginL, y+8)
}

// pressing lists what is overdue or due in the next fortnight.
func (b *portfolioBuild) pressing() {
	d, p := b.d, b.d.pdf
	items := model.Pressing(model.DueItems(b.pf, b.opt.Today))
	if len(items) == 0 {
		switch b.pf.Programme.Status {
		case model.ProgrammeCompleted:
			d.para("The programme is complete: nothing is outstanding.")
		case model.ProgrammeLeft:
			d.para("The preceptee has left the programme.")
		default:
			d.para(fmt.Sprintf("Nothing is overdue, and nothing falls due in the next %d days.", model.DueSoonDays))
		}
		return
	}
	const limit = 10
	for i, it := range items {
		if i == limit {
			d.note(fmt.Sprintf("…and %d more; the app's dashboard lists them all.", len(items)-limit))
			break
		}
		d.space(7)
		y := p.GetY()
		label, fill := "Due soon", nhsYellow
		if it.State == model.Overdue {
			label, fill = "Overdue", portfolioRed
		}
		text := nhsText
		if fill == portfolioRed {
			text = portfolioWhite
		}
		portfolioBadge(p, marginL, y+0.4, 19, label, fill, text)
		setText(p, nhsText)
		p.SetFont(family, "", 9.5)
		p.SetXY(marginL+22, y)
		due := "due " + it.Due.Display()
		p.MultiCell(textW-22-32, 5, clean(it.Title), "", "L", false)
		end := p.GetY()
		setText(p, nhsGrey)
		p.SetFont(family, "", 9)
		p.SetXY(marginL+textW-32, y)
		p.CellFormat(32, 5, due, "", 0, "R", false, 0, "")
		p.SetXY(marginL, end+1.2)
	}
	p.Ln(2)
}

func (b *portfolioBuild) readiness(r model.Readiness) {
	d := b.d
	var who = func(role model.Role) string {
		for _, c := range b.pf.Confirmations {
			if c.Kind == model.CompletionConfirmation && c.Role == role {
				return fmt.Sprintf("Confirmed by %s on %s", c.UserName, model.DateOf(c.At).Display())
			}
		}
		return "Not yet"
	}
	final := "Not yet held"
	for _, m := range b.pf.Meetings {
		if m.Kind == model.MeetingFinal && m.Held {
			final = "Held on " + m.Date.Display()
		}
	}
	facts := [][2]string{
		{"“Must” competencies", fmt.Sprintf("%d of %d signed off", r.MustSignedOff, r.MustTotal)},
	}
	switch n := len(r.MissingMust); {
	case n > 10:
		facts = append(facts, [2]string{"Still to sign off", fmt.Sprintf("%d competencies (listed under Competencies)", n)})
	case n > 0:
		facts = append(facts, [2]string{"Still to sign off", strings.Join(r.MissingMust, ", ")})
	}
	facts = append(facts,
		[2]string{"Final review", final},
		[2]string{"Preceptor confirmation", who(model.RolePreceptor)},
		[2]string{"Manager confirmation", who(model.RoleLineManager)})
	// The heading, the sentence and the facts stay together.
	d.space(float64(len(facts))*5.6 + 32)
	d.heading("Completion", 2)
	switch {
	case r.Complete():
		d.para("The programme is complete: every “must” competency is signed off, the final review is held, and the preceptor and line manager have both confirmed completion.")
	case r.Ready():
		d.para("Every “must” competency is signed off and the final review is held: the preceptor and line manager can now confirm completion.")
	case r.MustTotal == 0:
		d.para("No “must” competencies are in this plan yet.")
	default:
		d.para("Completion needs every “must” competency signed off and the final review held; the preceptor and line manager then both confirm it.")
	}
	d.facts(facts)
}

// ---- small helpers ----

// portfolioBadge draws a small coloured label at (x, y), at least w wide; it returns its width.
func portfolioBadge(p *page, x, y, w float64, label string, fill, text [3]int) float64 {
	p.SetFont(family, "B", 7.5)
	w = max(w, p.GetStringWidth(label)+4)
	p.SetFillColor(fill[0], fill[1], fill[2])
	p.RoundedRect(x, y, w, 4.4, 1, "1234", "F")
	p.SetTextColor(text[0], text[1], text[2])
	p.SetXY(x, y+0.1)
	p.CellFormat(w, 4.2, label, "", 0, "C", false, 0, "")
	return w
}

func portfolioOr(s, alt string) string {
	if strings.TrimSpace(s) == "" {
		return alt
	}
	return s
}

func portfolioPlural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

func portfolioIES(n int) string {
	if n == 1 {
		return "y"
	}
	return "ies"
}

// portfolioWhen is the calendar day of a moment, as a nurse reads it.
func portfolioWhen(t time.Time) string {
	if t.IsZero() {
		return "—"
	}
	return model.DateOf(t).Display()
}

// attachmentsInCopy counts the files attached to the evidence and training this copy prints.
func (b *portfolioBuild) attachmentsInCopy() int {
	n := 0
	for _, e := range b.evidence {
		n += len(e.Attachments)
	}
	for _, t := range b.training {
		n += len(t.Attachments)
	}
	return n
}

// filesWord is "1 file" or "N files".
func filesWord(n int) string {
	if n == 1 {
		return "1 file"
	}
	return fmt.Sprintf("%d files", n)
}
