package report

import (
	"cmp"
	"context"
	"fmt"
	"io"
	"math"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"pursuit/model"
)

// RevalidationOptions: what period the pack covers.
type RevalidationOptions struct {
	Today model.Date // the day the pack is made (zero: the clock's today)
	Since model.Date // zero: everything
}

// What the NMC asks for in the three years before a nurse or midwife revalidates.
const (
	revalAccountsWanted      = 5
	revalFeedbackWanted      = 5
	revalCPDHoursWanted      = 35
	revalParticipatoryWanted = 20
	revalNotRecorded         = "Not recorded — add before revalidation"
)

// The four themes of the NMC Code, in the Code's order, with the clauses each covers.
var revalThemes = []struct {
	Name     string
	re       *regexp.Regexp
	from, to int // clauses of the Code under this theme
}{
	{"Prioritise people", regexp.MustCompile(`priorit[iy][sz]\w*\s+people`), 1, 5},
	{"Practise effectively", regexp.MustCompile(`practi[sc]\w*\s+effective`), 6, 12},
	{"Preserve safety", regexp.MustCompile(`preserv\w*\s+(patient\s+|public\s+)?safety`), 13, 19},
	{"Promote professionalism and trust", regexp.MustCompile(`promot\w*\s+professionalism`), 20, 25},
}

// revalClauseRE finds references to clauses of the Code: "Code 16", "(Code 3.2)".
var revalClauseRE = regexp.MustCompile(`\bcode\W{0,3}(\d{1,2})\b`)

// revalFindThemes picks out which themes of the Code a text speaks to, by name or by the
// number of a clause.
func revalFindThemes(text string) [4]bool {
	var found [4]bool
	low := strings.ToLower(text)
	for i, th := range revalThemes {
		found[i] = th.re.MatchString(low)
	}
	for _, m := range revalClauseRE.FindAllStringSubmatch(low, -1) {
		n, _ := strconv.Atoi(m[1])
		for i, th := range revalThemes {
			if n >= th.from && n <= th.to {
				found[i] = true
			}
		}
	}
	return found
}

func revalThemeList(found [4]bool) string {
	var names []string
	for i, ok := range found {
		if ok {
			names = append(names, revalThemes[i].Name)
		}
	}
	if len(names) == 0 {
		return "—"
	}
	return strings.Join(names, "; ")
}

// revalAccount is one reflection laid out as the NMC's reflective account form.
type revalAccount struct {
	Title                    string
	Date                     model.Date
	Gibbs                    bool
	Nature, Learned, Changed string
	CodeText                 string
	Themes                   [4]bool
	Codes                    []string
}

// revalFeedback is one line of the practice-related feedback log.
type revalFeedback struct {
	Date                  model.Date
	Source, Summary, Used string
}

// revalCPD is one line of the CPD log.
type revalCPD struct {
	Date                 model.Date
	Method, Topic, Link  string
	Hours, Participatory float64
}

type revalData struct {
	name, profession, service string
	nursing                   bool // an NMC registrant; others (HCPC) use the pack for a CPD audit
	opt                       RevalidationOptions
	start, end                model.Date // of the preceptorship programme
	from                      model.Date
	accounts                  []revalAccount
	feedback                  []revalFeedback
	cpd                       []revalCPD // with hours
	other                     []revalCPD // training and sessions whose hours Pursuit does not hold
	hours, participatory      float64
}

// Revalidation writes the NMC revalidation pack for one preceptee as PDF: reflective
// accounts in the NMC form's structure, a practice-related feedback log and a CPD log, with
// the NMC's numbers alongside. It supports, and does not replace, the NMC's own forms.
func Revalidation(ctx context.Context, w io.Writer, pf model.Portfolio, fonts Fonts, opt RevalidationOptions) error {
	if opt.Today.IsZero() {
		opt.Today = model.DateOf(time.Now())
	}
	data := revalCollect(pf, opt)
	first, err := revalBuild(ctx, data, fonts, 0, nil)
	if err != nil {
		return err
	}
	final, err := revalBuild(ctx, data, fonts, first.pages(), first.toc)
	if err != nil {
		return err
	}
	if err := final.output(w); err != nil {
		return fmt.Errorf("revalidation pack: %w", err)
	}
	return nil
}

func revalCollect(pf model.Portfolio, opt RevalidationOptions) revalData {
	prof := model.ProfessionByKey(pf.Programme.Profession)
	rv := revalData{
		name: pf.Preceptee.Name, profession: prof.Label, service: pf.Programme.Service,
		nursing: prof.Group != model.GroupAHP, opt: opt, from: opt.Since,
	}
	if !pf.Programme.StartDate.IsZero() {
		tl := pf.Programme.Timeline()
		rv.start, rv.end = tl.Start, tl.End
	}
	// Revalidation counts what has happened: a session booked for next month is not CPD yet.
	in := func(d model.Date) bool { return (opt.Since.IsZero() || !d.Before(opt.Since)) && !d.After(opt.Today) }
	if rv.from.IsZero() {
		rv.from = pf.Programme.StartDate
	}
	earliest := func(d model.Date) {
		if opt.Since.IsZero() && !d.IsZero() && (rv.from.IsZero() || d.Before(rv.from)) {
			rv.from = d
		}
	}
	for _, e := range pf.Evidence {
		if !in(e.OccurredOn) {
			continue
		}
		earliest(e.OccurredOn)
		switch e.Type {
		case model.Reflection:
			rv.accounts = append(rv.accounts, revalAccountOf(e))
		case model.Feedback, model.Testimony:
			rv.feedback = append(rv.feedback, revalFeedbackOf(e))
		}
		if e.Hours > 0 {
			rv.cpd = append(rv.cpd, revalCPD{
				Date: e.OccurredOn, Method: revalMethod(e), Topic: e.Title,
				Link: revalThemeList(revalFindThemes(e.Text())), Hours: e.Hours, Participatory: e.ParticipatoryHours,
			})
			rv.hours += e.Hours
			rv.participatory += e.ParticipatoryHours
		}
	}
	for _, t := range pf.Training {
		if t.CompletedOn.IsZero() || !in(t.CompletedOn) {
			continue
		}
		earliest(t.CompletedOn)
		method := t.Category.Label() + " training"
		if t.Category == model.RoleSpecific {
			method = "Role-specific e-learning"
		}
		rv.other = append(rv.other, revalCPD{Date: t.CompletedOn, Method: method, Topic: t.Course, Link: "Not recorded"})
	}
	for _, l := range pf.Learning {
		if l.Attendance != model.Attended || !in(l.Date) {
			continue
		}
		earliest(l.Date)
		rv.other = append(rv.other, revalCPD{Date: l.Date, Method: l.Kind.Label(), Topic: l.Title, Link: "Not recorded"})
	}
	byDate := func(a, b revalCPD) int {
		return cmp.Or(a.Date.Compare(b.Date), strings.Compare(a.Topic, b.Topic))
	}
	slices.SortStableFunc(rv.accounts, func(a, b revalAccount) int {
		return cmp.Or(a.Date.Compare(b.Date), strings.Compare(a.Title, b.Title))
	})
	slices.SortStableFunc(rv.feedback, func(a, b revalFeedback) int { return a.Date.Compare(b.Date) })
	slices.SortStableFunc(rv.cpd, byDate)
	slices.SortStableFunc(rv.other, byDate)
	return rv
}

func revalAccountOf(e model.Evidence) revalAccount {
	s := e.Sections
	a := revalAccount{Title: e.Title, Date: e.OccurredOn, Codes: e.Codes}
	if e.Template == "nmc" {
		a.Nature, a.Learned, a.Changed, a.CodeText = s["what_happened"], s["what_learned"], s["practice_changed"], s["code_link"]
		a.Themes = revalFindThemes(a.CodeText)
		if a.Themes == [4]bool{} {
			a.Themes = revalFindThemes(e.Text())
		}
		return a
	}
	// Gibbs' cycle, or any other template: map its parts onto the NMC's four questions.
	a.Gibbs = e.Template == "gibbs"
	a.Nature = s["description"]
	a.Learned = revalJoin(s["conclusion"], s["analysis"])
	a.Changed = s["action_plan"]
	a.Themes = revalFindThemes(e.Text())
	return a
}

func revalFeedbackOf(e model.Evidence) revalFeedback {
	f := revalFeedback{Date: e.OccurredOn}
	if e.Type == model.Testimony {
		// The witness's role, not their name: the pack identifies nobody but its owner.
		f.Source = "Colleague"
		if r := strings.TrimSpace(e.WitnessRole); r != "" {
			f.Source = "Colleague: " + r
		}
		f.Summary = revalClip(revalFirst(e.Sections["statement"], e.Sections["context"], e.Title), 200)
		f.Used = "Not recorded — note how you used it"
		return f
	}
	f.Source = "Service user"
	if revalFamilyRE.MatchString(strings.ToLower(e.Title + " " + e.Sections["context"] + " " + e.Sections["feedback"])) {
		f.Source = "Service user's family or carer"
	}
	f.Summary = revalClip(revalFirst(e.Sections["feedback"], e.Sections["context"], e.Title), 200)
	f.Used = revalClip(e.Sections["response"], 280)
	if f.Used == "" {
		f.Used = "Not recorded — note how you used it"
	}
	return f
}

var revalFamilyRE = regexp.MustCompile(`\b(family|relatives?|carers?|daughter|son|wife|husband|partner|mother|father|parents?|grandchild)\b`)

// revalMethod names the kind of CPD an evidence item was, for the log's "method" column.
func revalMethod(e model.Evidence) string {
	switch e.Type {
	case model.Reflection:
		return "Reflection on practice"
	case model.FormalLearning:
		low := strings.ToLower(e.Title + " " + e.Sections["activity"])
		for _, m := range []struct{ word, method string }{
			{"e-learning", "E-learning"}, {"elearning", "E-learning"}, {"online", "E-learning"}, {"webinar", "Webinar"},
			{"study day", "Study day"}, {"conference", "Conference"}, {"workshop", "Workshop"},
			{"simulation", "Simulation"}, {"course", "Course"}, {"module", "Module"},
			{"masterclass", "Masterclass"}, {"teaching", "Teaching session"}, {"session", "Teaching session"},
		} {
			if strings.Contains(low, m.word) {
				return m.method
			}
		}
		return "Formal learning"
	}
	return e.Type.Label()
}

func revalFirst(ss ...string) string {
	for _, s := range ss {
		if strings.TrimSpace(s) != "" {
			return s
		}
	}
	return ""
}

func revalJoin(parts ...string) string {
	var out []string
	for _, p := range parts {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return strings.Join(out, "\n\n")
}

// revalClip shortens text for a table cell: one line of prose, cut at a word near n runes.
func revalClip(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	cut := n
	for i := n; i > n*3/4; i-- {
		if r[i] == ' ' {
			cut = i
			break
		}
	}
	return strings.TrimRight(string(r[:cut]), " ,;:.–—") + "…"
}

// revalHours prints 7.5 as "7.5" and 7 as "7".
func revalHours(h float64) string {
	return strconv.FormatFloat(math.Round(h*100)/100, 'f', -1, 64)
}

func revalBuild(ctx context.Context, rv revalData, fonts Fonts, total int, toc []tocEntry) (*doc, error) {
	d, err := newDoc(fonts, "NMC revalidation evidence – "+rv.name, rv.name+" · NMC revalidation evidence", total)
	if err != nil {
		return nil, fmt.Errorf("revalidation pack: %w", err)
	}
	d.footer = "Confidential — " + rv.name + "’s own revalidation evidence"
	d.pdf.SetSubject("Reflective accounts, practice-related feedback and CPD log", true)
	d.pdf.SetAuthor(rv.name, true)
	revalCover(d, rv, toc)

	d.section("Reflective accounts")
	n := len(rv.accounts)
	switch {
	case n == 0:
		d.para("There are no reflections in this period yet.")
		d.note("Write reflections in Pursuit with the \"NMC reflective account\" template: what happened, what you learned, " +
			"how your practice changed, and how it relates to the Code. They will appear here in the NMC form's structure. " +
			"The NMC asks for five written reflective accounts in the three years before you revalidate.")
	default:
		d.para(fmt.Sprintf("%s in this period, set out in the structure of the NMC's reflective account form. "+
			"The NMC asks for five written reflective accounts, each about your CPD, practice-related feedback or an event in your practice; "+
			"choose the ones that best show your learning and discuss them in your reflective discussion.", revalCount(n, "reflective account", "reflective accounts")))
		if rv.nursing {
			d.note("Reflections written with Gibbs' cycle are mapped onto the form: the description answers the first question, " +
				"the conclusion and analysis the second, the action plan the third. Themes of the Code are picked out of the text; check them before you submit.")
		} else {
			d.note("HCPC registrants: the same accounts support your CPD profile; the last question then concerns the HCPC's standards.")
		}
		d.pdf.Ln(2)
	}
	for i, a := range rv.accounts {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		revalDrawAccount(d, a, i+1, n)
	}

	// Each part starts a page unless the last left more than half of one empty.
	d.sectionAfter("Practice-related feedback log", 130)
	revalFeedbackLog(d, rv)
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	d.sectionAfter("CPD log", 130)
	revalCPDLog(d, rv)

	d.sectionAfter("Before you revalidate", 150)
	revalChecklist(d, rv)
	return d, ctx.Err()
}

func revalCount(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

// revalCover is the first page: who, what, the period, the numbers at a glance, contents.
func revalCover(d *doc, rv revalData, toc []tocEntry) {
	p := d.pdf
	d.noHeader = true
	p.AddPage()
	d.noHeader = false

	setFill(p, nhsBlue)
	p.Rect(0, 0, pageW, 10, "F")
	star(p, marginL+7, 36, 7, 2.9)
	setText(p, nhsBlue)
	p.SetFont(family, "B", 10)
	p.SetXY(marginL+18, 31)
	p.CellFormat(textW-18, 5, "Pursuit of Excellence Preceptorship Programme", "", 0, "L", false, 0, "")
	setText(p, nhsDarkBlue)
	p.SetFont(family, "B", 30)
	p.SetXY(marginL, 52)
	p.MultiCell(textW, 13, "NMC revalidation evidence", "", "L", false)
	setText(p, nhsGrey)
	p.SetFont(family, "", 12.5)
	p.MultiCell(textW, 6.5, "Reflective accounts · practice-related feedback · CPD log", "", "L", false)
	setFill(p, nhsBlue)
	p.Rect(marginL, p.GetY()+3, 30, 1.6, "F")

	p.SetY(p.GetY() + 12)
	setText(p, nhsText)
	p.SetFont(family, "B", 22)
	p.MultiCell(textW, 10, clean(rv.name), "", "L", false)
	setText(p, nhsGrey)
	p.SetFont(family, "", 12)
	p.MultiCell(textW, 6, clean(strings.Trim(rv.profession+" · "+rv.service, " ·")), "", "L", false)
	p.Ln(5)
	period := "Everything recorded up to " + rv.opt.Today.Display()
	if !rv.from.IsZero() {
		period = rv.from.Display() + " to " + rv.opt.Today.Display()
	}
	programme := ""
	if !rv.start.IsZero() {
		programme = rv.start.Display() + " to " + rv.end.Display()
	}
	d.facts([][2]string{{"Period covered", period}, {"Preceptorship", programme}, {"Generated", rv.opt.Today.Display()}})

	// At a glance: the three numbers the NMC asks about, each against its target.
	p.Ln(3)
	setText(p, nhsDarkBlue)
	p.SetFont(family, "B", 13)
	p.CellFormat(textW, 7, "At a glance", "", 1, "L", false, 0, "")
	p.Ln(2)
	y := p.GetY()
	const gap = 5.0
	w := (textW - 2*gap) / 3
	cards := []struct {
		label, value, target string
		have, want           float64
	}{
		{"Reflective accounts", strconv.Itoa(len(rv.accounts)), "The NMC asks for 5", float64(len(rv.accounts)), revalAccountsWanted},
		{"Practice-related feedback", strconv.Itoa(len(rv.feedback)), "The NMC asks for 5", float64(len(rv.feedback)), revalFeedbackWanted},
		{"CPD hours", revalHours(rv.hours), fmt.Sprintf("%s participatory · NMC: 35 (20)", revalHours(rv.participatory)), min(rv.hours/revalCPDHoursWanted, rv.participatory/revalParticipatoryWanted), 1},
	}
	for i, c := range cards {
		x := marginL + float64(i)*(w+gap)
		callout(p, x, y, w, 31, [3]int{240, 244, 248}, nhsBlue)
		setText(p, nhsGrey)
		p.SetFont(family, "B", 9)
		p.SetXY(x+5, y+3)
		p.CellFormat(w-8, 5, c.label, "", 0, "L", false, 0, "")
		setText(p, nhsDarkBlue)
		p.SetFont(family, "B", 22)
		p.SetXY(x+5, y+9)
		p.CellFormat(w-8, 10, c.value, "", 0, "L", false, 0, "")
		// A bar: how far towards the NMC's number.
		frac := min(c.have/c.want, 1)
		p.SetFillColor(214, 224, 234)
		p.Rect(x+5, y+21, w-10, 1.8, "F")
		if frac > 0 {
			colour := nhsBlue
			if frac >= 1 {
				colour = [3]int{0, 150, 57}
			}
			setFill(p, colour)
			p.Rect(x+5, y+21, (w-10)*frac, 1.8, "F")
		}
		setText(p, nhsGrey)
		p.SetFont(family, "", 8.5)
		p.SetXY(x+5, y+24.5)
		p.CellFormat(w-8, 4.5, c.target, "", 0, "L", false, 0, "")
	}
	p.SetXY(marginL, y+31+8)

	if len(toc) > 0 {
		setText(p, nhsDarkBlue)
		p.SetFont(family, "B", 13)
		p.CellFormat(textW, 7, "Contents", "", 1, "L", false, 0, "")
		p.Ln(1)
		var top []tocEntry
		for _, e := range toc {
			if e.Level == 0 {
				top = append(top, e)
			}
		}
		d.contents(top)
	}

	// The caution, boxed at the foot of the cover.
	const boxH = 30.0
	by := pageH - marginB - boxH - 4
	callout(p, marginL, by, textW, boxH, [3]int{255, 248, 225}, nhsYellow)
	setText(p, nhsText)
	p.SetFont(family, "B", 9.5)
	p.SetXY(marginL+5, by+3)
	p.CellFormat(textW-8, 5, "How to use this pack", "", 1, "L", false, 0, "")
	p.SetFont(family, "", 9)
	p.SetX(marginL + 5)
	msg := "This pack gathers the evidence you recorded in Pursuit to support your revalidation; it does not replace the NMC's own forms or your online application. " +
		"Copy or attach what you choose to the NMC's templates. Nothing in it may identify a patient, service user or colleague: read every account and log entry before you share it."
	if !rv.nursing {
		msg = "This pack gathers the evidence you recorded in Pursuit. As an HCPC registrant you do not revalidate with the NMC, but the same reflections, feedback and CPD log support the HCPC's CPD audit. " +
			"Nothing in it may identify a patient, service user or colleague: read every entry before you share it."
	}
	p.MultiCell(textW-10, 4.6, msg, "", "L", false)
}

var revalQuestions = [4]string{
	"What was the nature of the CPD activity or practice-related feedback or event?",
	"What did you learn?",
	"How did you change or improve your practice as a result?",
	"How is this relevant to the Code?",
}

// revalDrawAccount lays one reflection out as the NMC's form: the four questions in turn.
func revalDrawAccount(d *doc, a revalAccount, i, n int) {
	p := d.pdf
	d.space(62) // the account's heading never sits alone at the foot of a page
	if i > 1 {
		p.Ln(3)
	}
	y := p.GetY()
	setFill(p, nhsBlue)
	p.Rect(marginL, y, textW, 0.8, "F")
	p.SetY(y + 3)
	setText(p, nhsBlue)
	p.SetFont(family, "B", 8.5)
	p.CellFormat(textW/2, 5, fmt.Sprintf("REFLECTIVE ACCOUNT %d OF %d", i, n), "", 0, "L", false, 0, "")
	setText(p, nhsGrey)
	p.SetFont(family, "", 8.5)
	form := "Written on the NMC form"
	if a.Gibbs {
		form = "Written with Gibbs' cycle"
	}
	p.CellFormat(textW/2, 5, a.Date.Display()+" · "+form, "", 1, "R", false, 0, "")
	p.Bookmark(clean(a.Title), 1, -1)
	setText(p, nhsDarkBlue)
	p.SetFont(family, "B", 13.5)
	p.MultiCell(textW, 6.6, clean(a.Title), "", "L", false)
	if len(a.Codes) > 0 {
		setText(p, nhsGrey)
		p.SetFont(family, "", 8.5)
		p.MultiCell(textW, 4.5, clean("Competencies: "+strings.Join(a.Codes, ", ")), "", "L", false)
	}
	p.Ln(1)
	answers := []string{a.Nature, a.Learned, a.Changed}
	for q, text := range answers {
		revalQuestion(d, revalQuestions[q])
		if strings.TrimSpace(text) == "" {
			d.note(revalNotRecorded)
			continue
		}
		d.para(text)
	}
	d.space(30) // the question stays with its tick boxes
	revalQuestion(d, revalQuestions[3])
	revalTickBoxes(d, a.Themes)
	switch {
	case strings.TrimSpace(a.CodeText) != "":
		d.para(a.CodeText)
	case a.Themes == [4]bool{}:
		d.note(revalNotRecorded)
	default:
		d.note("Themes picked out of the text of the reflection: check them, and say how the account relates to them, before you submit.")
	}
}

func revalQuestion(d *doc, q string) {
	p := d.pdf
	d.space(16)
	p.Ln(0.5)
	setText(p, nhsText)
	p.SetFont(family, "B", 10.5)
	p.MultiCell(textW, 5.4, q, "", "L", false)
	p.Ln(0.8)
}

// revalTickBoxes draws the Code's four themes as the form's tick boxes, two to a row.
func revalTickBoxes(d *doc, found [4]bool) {
	p := d.pdf
	const rowH, box = 6.0, 3.6
	y := p.GetY()
	for i, th := range revalThemes {
		x := marginL + float64(i%2)*textW/2
		yy := y + float64(i/2)*rowH
		setDraw(p, nhsGrey)
		p.SetLineWidth(0.3)
		if found[i] {
			setFill(p, nhsBlue)
			setDraw(p, nhsBlue)
			p.Rect(x, yy+0.7, box, box, "FD")
			p.SetDrawColor(255, 255, 255)
			p.SetLineWidth(0.55)
			p.Line(x+0.8, yy+0.7+box*0.55, x+box*0.42, yy+0.7+box-0.8)
			p.Line(x+box*0.42, yy+0.7+box-0.8, x+box-0.7, yy+0.7+0.8)
		} else {
			p.Rect(x, yy+0.7, box, box, "D")
		}
		setText(p, nhsText)
		p.SetFont(family, "", 10)
		if found[i] {
			p.SetFont(family, "B", 10)
		}
		p.SetXY(x+box+2, yy)
		p.CellFormat(textW/2-box-4, 5, th.Name, "", 0, "L", false, 0, "")
	}
	p.SetXY(marginL, y+2*rowH+1)
}

func revalFeedbackLog(d *doc, rv revalData) {
	n := len(rv.feedback)
	if n == 0 {
		d.para("There is no practice-related feedback in this period yet.")
		d.note("Record feedback from service users and their families (anonymised) and testimonies from colleagues in Pursuit; " +
			"each will appear here with what you did with it. The NMC asks for five pieces of practice-related feedback in the three years before you revalidate.")
		return
	}
	d.para(fmt.Sprintf("%s from service users, their families and colleagues in this period; the NMC asks for five. "+
		"Feedback can come from anyone you work with or care for, and can be praise or criticism: what matters is how you used it.",
		revalCount(n, "piece of feedback", "pieces of feedback")))
	d.note("Colleagues are named by role only, and service users not at all. Feedback is summarised: the full words are in your portfolio.")
	rows := make([][]string, 0, n)
	for _, f := range rv.feedback {
		rows = append(rows, []string{f.Date.Display(), f.Source, f.Summary, f.Used})
	}
	d.table([]column{{"Date", 24}, {"Source", 34}, {"What was said", 64}, {"How you used it", 52}}, rows, nil)
}

func revalCPDLog(d *doc, rv revalData) {
	p := d.pdf
	if len(rv.cpd) == 0 {
		d.para("No learning with CPD hours is recorded in this period yet.")
		d.note("When you record formal learning or a reflection in Pursuit, enter its hours and how many of them were participatory " +
			"(learning with others: a study day, a workshop, a simulation). The NMC asks for 35 hours of CPD in the three years before you revalidate, 20 of them participatory.")
	} else {
		d.para("Learning recorded with its hours: method, topic, date, hours, participatory hours (learning with others) and the themes of the Code it relates to.")
		rows := make([][]string, 0, len(rv.cpd))
		for _, c := range rv.cpd {
			part := "—"
			if c.Participatory > 0 {
				part = revalHours(c.Participatory)
			}
			rows = append(rows, []string{c.Date.Display(), c.Method, c.Topic, revalHours(c.Hours), part, c.Link})
		}
		d.table([]column{{"Date", 24}, {"Method", 28}, {"Topic", 50}, {"Hours", 12}, {"Participatory", 22}, {"Link to the Code", 38}}, rows, nil)
	}

	// The totals, against the NMC's numbers.
	d.space(26)
	y := p.GetY()
	callout(p, marginL, y, textW, 20, [3]int{232, 240, 250}, nhsBlue)
	setText(p, nhsDarkBlue)
	p.SetFont(family, "B", 11.5)
	p.SetXY(marginL+5, y+3)
	p.CellFormat(textW-8, 6, fmt.Sprintf("Total CPD: %s hours, of which %s participatory", revalHours(rv.hours), revalHours(rv.participatory)), "", 1, "L", false, 0, "")
	setText(p, nhsGrey)
	p.SetFont(family, "", 9)
	p.SetX(marginL + 5)
	p.MultiCell(textW-10, 4.6, fmt.Sprintf("For reference, the NMC asks for %d hours of CPD in the three years before you revalidate, including %d participatory hours.", revalCPDHoursWanted, revalParticipatoryWanted), "", "L", false)
	p.SetXY(marginL, y+26)

	if len(rv.other) > 0 {
		d.heading("Training and programme sessions", 1)
		d.para("Mandatory and essential training, e-learning and the programme's own sessions also count as CPD where they are relevant to your practice. " +
			"Pursuit does not hold their hours, so they are not in the total above: add them from your certificates or the session programme. " +
			"The programme's induction days and monthly sessions are participatory learning.")
		rows := make([][]string, 0, len(rv.other))
		for _, c := range rv.other {
			rows = append(rows, []string{c.Date.Display(), c.Method, c.Topic, c.Link})
		}
		d.table([]column{{"Date", 24}, {"Method", 50}, {"Topic", 70}, {"Hours", 30}}, rows, nil)
	}
}

// revalChecklist lists everything revalidation asks for, ticking what the pack already shows.
func revalChecklist(d *doc, rv revalData) {
	p := d.pdf
	if !rv.nursing {
		d.note("This list is the NMC's. HCPC registrants renew their registration every two years and may be chosen for a CPD audit, for which the CPD log and reflections in this pack are the evidence.")
	}
	d.para("Revalidation asks for more than this pack holds. Use this list to see what is still to do.")
	items := []struct {
		title, detail string
		done          bool
	}{
		{"Practice hours", "450 hours of practice in the three years (900 if you revalidate as both a nurse and a midwife). Keep a record of dates, settings and hours.", false},
		{"Continuing professional development", fmt.Sprintf("35 hours, 20 of them participatory, with a record of each. This pack shows %s hours, %s participatory.", revalHours(rv.hours), revalHours(rv.participatory)),
			rv.hours >= revalCPDHoursWanted && rv.participatory >= revalParticipatoryWanted},
		{"Practice-related feedback", fmt.Sprintf("Five pieces. This pack shows %d.", len(rv.feedback)), len(rv.feedback) >= revalFeedbackWanted},
		{"Written reflective accounts", fmt.Sprintf("Five, on the NMC's form. This pack shows %d.", len(rv.accounts)), len(rv.accounts) >= revalAccountsWanted},
		{"Reflective discussion", "Discuss your five accounts with another NMC registrant and record it on the NMC's form, signed by them.", false},
		{"Health and character", "A declaration of your health and character, made in your online application.", false},
		{"Professional indemnity arrangement", "Confirm you have one; as a Trust employee it is usually provided through your employment.", false},
		{"Confirmation", "An appropriate confirmer, ideally your line manager, confirms that you have met the requirements.", false},
	}
	const box = 4.2
	for _, it := range items {
		d.space(16)
		y := p.GetY()
		if it.done {
			c := [3]int{0, 150, 57}
			setFill(p, c)
			setDraw(p, c)
			p.SetLineWidth(0.3)
			p.Rect(marginL, y+0.6, box, box, "FD")
			p.SetDrawColor(255, 255, 255)
			p.SetLineWidth(0.6)
			p.Line(marginL+0.9, y+0.6+box*0.55, marginL+box*0.42, y+0.6+box-0.9)
			p.Line(marginL+box*0.42, y+0.6+box-0.9, marginL+box-0.8, y+0.6+0.9)
		} else {
			setDraw(p, nhsGrey)
			p.SetLineWidth(0.3)
			p.Rect(marginL, y+0.6, box, box, "D")
		}
		setText(p, nhsText)
		p.SetFont(family, "B", 10.5)
		p.SetXY(marginL+8, y)
		p.MultiCell(textW-8, 5.4, it.title, "", "L", false)
		setText(p, nhsGrey)
		p.SetFont(family, "", 9.5)
		p.SetX(marginL + 8)
		p.MultiCell(textW-8, 4.8, clean(it.detail), "", "L", false)
		p.Ln(3)
	}
	d.note("A ticked box means this pack already holds enough for that requirement; everything else is done outside Pursuit, through NMC Online.")
}
