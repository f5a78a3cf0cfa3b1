package ui

import (
	"context"
	"fmt"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"pursuit/model"
	"pursuit/model/sqlite"
)

// Competencies lists a preceptee's competencies grouped by domain, with filters and search,
// beside the chosen one's detail: description, SLOT analysis, status and sign-off.
type Competencies struct {
	s     *Shell
	p     model.Programme
	Views []model.CompetencyView
	Items []model.Evidence

	Search       *Field
	LevelFilter  *Select
	StatusFilter *Select
	List         *widget.List
	Detail       *CompetencyDetail
	Stretch      *Button

	rows []compRow
	// marking is set while Open selects the row of what it opened.
	marking bool
	opening
	detail *fyne.Container
	root   *fyne.Container
}

// compRow is a line of the list: a domain heading (with a summary of its competencies)
// or a competency.
type compRow struct {
	domain, summary string
	view            *model.CompetencyView
}

var statusFilters = []string{"All statuses", "Not started", "In progress", "Evidence submitted", "Returned with comments", "Signed off"}

func newCompetencies(s *Shell, p model.Programme) *Competencies {
	c := &Competencies{s: s, p: p, Search: newField(), detail: container.NewStack()}
	c.Search.SetPlaceHolder("Search competencies (Ctrl+F)")
	c.Search.OnChanged = func(string) { s.u.Idle.Touch(); c.filter() }
	c.LevelFilter = newSelect([]string{"All levels", "Must", "Should", "Could"}, nil)
	c.LevelFilter.SetSelectedIndex(0)
	c.StatusFilter = newSelect(statusFilters, nil)
	c.StatusFilter.SetSelectedIndex(0)
	c.List = widget.NewList(func() int { return len(c.rows) }, c.newRow, c.updateRow)
	c.LevelFilter.OnChanged = func(string) { c.filter() }
	c.StatusFilter.OnChanged = func(string) { c.filter() }
	c.List.OnSelected = func(id widget.ListItemID) {
		if c.marking {
			return // Open marking its row: it is open already
		}
		if id < len(c.rows) && c.rows[id].view != nil {
			c.Open(c.rows[id].view.Code)
		}
	}
	if model.Allowed(s.ss.User, model.AddStretch, &p) {
		c.Stretch = newButtonWithIcon("Add a stretch competency…", theme.ContentAddIcon(), c.addStretch)
	}
	c.detail.Objects = []fyne.CanvasObject{placeholder("Choose a competency to see its SLOT analysis and sign-off.")}
	filters := container.NewBorder(nil, nil, nil, container.NewHBox(c.LevelFilter, c.StatusFilter), c.Search)
	top := container.NewVBox(pageTitle("Competencies", "Grouped by domain. Work through the \"must\" competencies over the programme; \"should\" and \"could\" are stretch goals."), filters)
	left := container.NewBorder(nil, c.stretchButton(), nil, nil, c.List)
	ld := listBeside(card("", left), c.detail, c.detail, 0.42)
	c.root = container.NewBorder(top, nil, nil, nil, ld.Content())
	ld.makeWayAbove(top, c.root, s.afterLayout)
	c.reload("")
	return c
}

func (c *Competencies) stretchButton() fyne.CanvasObject {
	if c.Stretch == nil {
		return nil
	}
	return c.Stretch
}

func (c *Competencies) content() fyne.CanvasObject { return c.root }
func (c *Competencies) focusSearch()               { c.s.u.Window.Canvas().Focus(c.Search) }

func (c *Competencies) save() {
	if c.Detail != nil {
		c.Detail.saveSLOT()
	}
}

func (c *Competencies) saveDraft() {
	if c.Detail != nil {
		c.Detail.draft.Keep()
	}
}

// reload reads the competencies again and reopens code (if any).
func (c *Competencies) reload(code string) { c.reloadThen(code, nil) }

// reloadThen reads the competencies again, reopens code, then runs then.
func (c *Competencies) reloadThen(code string, then func()) {
	var views []model.CompetencyView
	var items []model.Evidence
	c.s.run(func(ctx context.Context) (err error) {
		if views, err = c.s.ss.Competencies(ctx, c.p.ID); err != nil {
			return err
		}
		items, err = c.s.ss.Evidence(ctx, c.p.ID)
		return err
	}, func() {
		c.Views, c.Items = views, items
		c.filter()
		if code != "" {
			c.Open(code)
		}
		c.opening.read(c.Open)
		if then != nil {
			then()
		}
	})
}

// filter rebuilds the list from the search and the two filters.
func (c *Competencies) filter() {
	q := strings.ToLower(strings.TrimSpace(c.Search.Text))
	level := strings.ToLower(c.LevelFilter.Selected)
	status := c.StatusFilter.Selected
	c.rows = nil
	lastDomain := ""
	for i := range c.Views {
		v := &c.Views[i]
		if level != "" && level != "all levels" && string(v.Level) != level {
			continue
		}
		if status != "" && status != statusFilters[0] && v.Progress.Status.Label() != status {
			continue
		}
		if q != "" && !strings.Contains(strings.ToLower(v.Code+" "+v.Title+" "+v.Description+" "+v.Domain), q) {
			continue
		}
		domain := v.Domain
		if domain == "" {
			domain = "Other"
		}
		if v.ProgrammeID != "" {
			domain = "Individual competencies"
		}
		if domain != lastDomain {
			c.rows = append(c.rows, compRow{domain: domain})
			lastDomain = domain
		}
		c.rows = append(c.rows, compRow{view: v})
	}
	c.summarise()
	c.List.UnselectAll()
	c.List.Refresh()
}

// summarise writes each domain heading's second line: how many of its competencies the
// list shows, and how many of those are signed off.
func (c *Competencies) summarise() {
	for i := range c.rows {
		if c.rows[i].view != nil {
			continue
		}
		n, done := 0, 0
		for j := i + 1; j < len(c.rows) && c.rows[j].view != nil; j++ {
			n++
			if c.rows[j].view.Progress.Status == model.SignedOff {
				done++
			}
		}
		c.rows[i].summary = fmt.Sprintf("%d of %d signed off", done, n)
	}
}

// Rows reports what the list shows, for tests: domain headings as "# Domain", then codes.
func (c *Competencies) Rows() []string {
	var out []string
	for _, r := range c.rows {
		if r.view == nil {
			out = append(out, "# "+r.domain)
		} else {
			out = append(out, r.view.Code)
		}
	}
	return out
}

// A row: the status dot, code and level on the first line, and the title across the whole
// width of the second, so that a narrow list still shows enough of it to recognise. A
// domain's heading is the first line alone.
func (c *Competencies) newRow() fyne.CanvasObject {
	title := widget.NewLabel("")
	title.Truncation = fyne.TextTruncateEllipsis
	code := widget.NewLabel("")
	code.Truncation = fyne.TextTruncateEllipsis
	first := container.NewBorder(nil, nil, container.NewCenter(dot(NHSMidGrey)), container.NewStack(), code)
	return container.New(layout.NewCustomPaddedVBoxLayout(-12), first, title)
}

func (c *Competencies) updateRow(id widget.ListItemID, o fyne.CanvasObject) {
	r := c.rows[id]
	box := o.(*fyne.Container)
	first, title := box.Objects[0].(*fyne.Container), box.Objects[1].(*widget.Label)
	code := first.Objects[0].(*widget.Label)
	left, right := first.Objects[1].(*fyne.Container), first.Objects[2].(*fyne.Container)
	if r.view == nil {
		// A domain's heading, over its count: every row is two lines high, which lets the
		// list lay its rows out without measuring each one.
		left.Hide()
		code.TextStyle = fyne.TextStyle{Bold: true}
		code.Importance = widget.HighImportance
		code.SetText(r.domain)
		title.SetText(r.summary)
		title.Importance = widget.LowImportance
		title.Show()
		right.Objects = nil
		right.Refresh()
		return
	}
	v := r.view
	left.Objects[0] = dot(statusColor(v.Progress.Status))
	left.Show()
	left.Refresh()
	code.TextStyle = fyne.TextStyle{Monospace: true, Bold: true}
	code.Importance = widget.MediumImportance
	code.SetText(v.Code)
	title.Importance = widget.MediumImportance
	title.SetText(v.Title)
	title.Show()
	// The status in words beside its dot: the dot's colour alone said it only to those
	// who tell the colours apart.
	tags := []fyne.CanvasObject{when(statusWord(v.Progress.Status)), pill(strings.ToUpper(string(v.Level)), levelColor(v.Level))}
	if v.ValidateFirst {
		tags = append(tags, pill("VALIDATE FIRST", NHSRed))
	}
	showOnly(right, container.NewCenter(container.NewHBox(tags...)))
}

func (c *Competencies) openSoon(code string) { c.opening.soon(code, c.Open) }

// Open shows one competency's detail.
func (c *Competencies) Open(code string) {
	for i := range c.Views {
		if c.Views[i].Code == code {
			c.saveDraft() // first, so that the detail opened again on this code finds it
			old := c.Detail
			c.Detail = newCompetencyDetail(c, c.Views[i])
			if old != nil && old.View.Code == code {
				keepPlace(old.Content, c.Detail.Content)
			}
			showOnly(c.detail, c.Detail.Content)
			c.markRow(code)
			return
		}
	}
}

// markRow selects and scrolls to code's row: a competency opened from elsewhere (the
// preceptor's Review, a due item) left the list chosen and scrolled at another.
func (c *Competencies) markRow(code string) {
	for i, r := range c.rows {
		if r.view != nil && r.view.Code == code {
			c.marking = true
			c.List.Select(i)
			c.marking = false
			return
		}
	}
}

// CompetencyDetail is one competency: what it asks, the SLOT analysis, the evidence linked
// to it, its history, and the buttons that move it towards sign-off.
type CompetencyDetail struct {
	c    *Competencies
	View model.CompetencyView
	// Unproven warns that the competency is stored as signed off with no proven sign-off
	// (nil otherwise).
	Unproven *widget.Label

	Confident     *widget.RadioGroup
	Strengths     *TextArea
	LearningNeeds *TextArea
	Opportunities *TextArea
	Threats       *TextArea
	Target        *DateField
	SaveSLOT      *Button
	Saved         *widget.Label

	Start    *Button
	Request  *Button
	Withdraw *Button
	SignOff  *Button
	Return   *Button

	// ReturnedFor shows what the preceptor asked for, while the competency is returned.
	ReturnedFor *fyne.Container

	Content fyne.CanvasObject
	draft   *Draft[model.SLOT] // nil for those who only read the analysis
}

var confidenceOptions = []string{"Yes", "Partly", "No"}

func newCompetencyDetail(c *Competencies, v model.CompetencyView) *CompetencyDetail {
	d := &CompetencyDetail{c: c, View: v}
	s := c.s
	user := s.ss.User
	canEdit := model.Allowed(user, model.EditPortfolio, &c.p)

	tags := container.NewHBox(pill(strings.ToUpper(string(v.Level)), levelColor(v.Level)), pill(v.Progress.Status.Label(), statusColor(v.Progress.Status)))
	if v.ValidateFirst {
		tags.Add(pill("VALIDATE FIRST", NHSRed))
	}
	if v.Retired {
		tags.Add(pill("No longer in the framework", NHSMidGrey))
	}
	head := container.NewVBox(subheading(v.Code+"  "+v.Title), tags)
	// What the preceptor asked for, at the top while the competency is returned (filled in
	// when the history has been read).
	d.ReturnedFor = container.NewVBox()
	head.Add(d.ReturnedFor)
	head.Add(wrapped(v.Description))
	if v.Unproven {
		d.Unproven = errorText()
		d.Unproven.SetText("Stored as signed off, but no sign-off signed by the preceptor shows it, so it counts as waiting for sign-off. Tell the Trust's Pursuit administrator: pursuit check names it.")
		head.Add(d.Unproven)
	}
	if v.ValidateFirst {
		head.Add(note("Validate first: this is assessed and signed off before you practise it unsupervised."))
	}

	d.Confident = widget.NewRadioGroup(confidenceOptions, nil)
	d.Confident.Horizontal = true
	d.Strengths = multiline("What are my strengths in relation to this competency?", 3)
	d.LearningNeeds = multiline("What are my learning needs?", 3)
	d.Opportunities = multiline("What opportunities will help me develop it?", 3)
	d.Threats = multiline("What could hinder or threaten my development?", 3)
	d.Target = newDateField()
	d.Saved = note("")
	d.fill(v.Progress.SLOT)
	if canEdit {
		d.draft = newDraft(s, "slot:"+c.p.ID+":"+v.Code, d.SLOT, d.fill, d.Saved)
		d.draft.Restore()
	}
	touched := func() { s.u.Idle.Touch(); d.draft.Schedule() }
	for _, e := range []*TextArea{d.Strengths, d.LearningNeeds, d.Opportunities, d.Threats} {
		e.OnChanged = func(string) { touched() }
	}
	d.Confident.OnChanged = func(string) { touched() }
	d.Target.OnChanged = func(*time.Time) { touched() }
	d.SaveSLOT = newButtonWithIcon("Save SLOT analysis", theme.DocumentSaveIcon(), d.saveSLOT)
	d.SaveSLOT.Importance = widget.HighImportance
	var slot *fyne.Container
	if canEdit {
		slot = container.NewVBox(
			fieldLabel("Am I confident and competent in this?"), d.Confident,
			grid(2,
				container.NewVBox(fieldLabel("Strengths"), d.Strengths), container.NewVBox(fieldLabel("Learning needs"), d.LearningNeeds),
				container.NewVBox(fieldLabel("Opportunities"), d.Opportunities), container.NewVBox(fieldLabel("Threats"), d.Threats)),
			container.NewBorder(nil, nil, sideLabel("When will I evidence it by?"), nil, d.Target),
			container.NewBorder(nil, nil, nil, d.SaveSLOT, d.draft.beside(d.Saved)))
	} else {
		// Someone else's analysis is read, not written: words in the text colour, not
		// greyed-out boxes (grey on grey was hard to read).
		slot = readSLOT(v.Progress.SLOT)
	}

	actions := flow()
	// Why a button is not offered yet goes under the buttons, at the pane's full width: a
	// wrapping label in a row of buttons gets no width and shows one letter per line.
	why := container.NewVBox()
	status := v.Progress.Status
	if canEdit {
		switch status {
		case model.NotStarted:
			d.Start = newButton("Start working on it", func() { d.move(model.InProgress, "") })
			actions.Add(d.Start)
		case model.InProgress, model.Returned:
			d.Request = newButtonWithIcon("Request sign-off", theme.MailSendIcon(), func() {
				s.confirm("Request sign-off", "Ask your preceptor to sign off "+v.Code+"? Make sure the evidence that shows it is linked.", "Request sign-off",
					func() { d.move(model.EvidenceSubmitted, "") })
			})
			d.Request.Importance = widget.HighImportance
			actions.Add(d.Request)
			if err := model.ReadyToRequest(v); err != nil {
				d.Request.Disable()
				why.Add(note(sentence(err)))
			}
		case model.EvidenceSubmitted:
			d.Withdraw = newButton("Withdraw the request", func() { d.move(model.InProgress, "withdrawn by the preceptee") })
			actions.Add(d.Withdraw)
		}
	}
	// The preceptor signs off on their own session, or countersigns on the preceptee's PC.
	// The button is offered to the preceptee too; the store refuses her own credentials.
	preceptorHere := model.Allowed(user, model.SignOffCompetency, &c.p) || user.Role == model.RolePreceptee
	if status == model.EvidenceSubmitted && preceptorHere {
		label, back, weight := "Sign off…", "Return with comments…", widget.SuccessImportance
		if user.Role == model.RolePreceptee {
			// Both are the preceptor's, at the preceptee's PC: on her own screen they are
			// quieter than her own Withdraw, and come after a word on whose they are.
			label, back, weight = "Preceptor: sign off on this PC…", "Preceptor: return with comments…", widget.MediumImportance
			actions.Add(when("With your preceptor here:"))
		}
		d.SignOff = newButtonWithIcon(label, theme.ConfirmIcon(), d.signOff)
		d.SignOff.Importance = weight
		d.Return = newButton(back, d.returnIt)
		actions.Add(d.SignOff)
		actions.Add(d.Return)
	}

	evidence := container.NewVBox()
	for _, e := range c.Items {
		for _, code := range e.Codes {
			if code == v.Code {
				item := e
				evidence.Add(openRow(item.OccurredOn.Display()+"  "+item.Title, func() { s.openRecord("evidence", item.ID) }))
			}
		}
	}
	if len(evidence.Objects) == 0 {
		evidence.Add(note("No evidence linked yet. Link reflections, testimonies or certificates to this competency from the Evidence screen."))
	}

	history := container.NewVBox()
	var hist []model.StatusChange
	s.run(func(ctx context.Context) (err error) {
		hist, err = s.ss.History(ctx, c.p.ID, v.Code)
		return err
	}, func() {
		if v.Progress.Status == model.Returned {
			r := model.ReturnedNow(model.Portfolio{Competencies: []model.CompetencyView{v}, History: hist})
			if len(r) > 0 {
				d.ReturnedFor.Add(card("Returned with comments", returnedWords(r[0])))
			}
		}
		for i := len(hist) - 1; i >= 0; i-- {
			h := hist[i]
			line := fmt.Sprintf("%s — %s by %s", h.At.Local().Format("2 Jan 2006 15:04"), h.To.Label(), h.ByName)
			if h.Comment != "" {
				line += ": “" + h.Comment + "”"
			}
			history.Add(wrapped(line))
		}
		if len(hist) == 0 {
			history.Add(note("No changes yet."))
		}
		history.Refresh()
	})

	body := container.NewVBox(head, actions, why, card("SLOT analysis", slot), card("Linked evidence", evidence), card("History", history))
	d.Content = container.NewVScroll(container.NewPadded(body))
	return d
}

// fill shows a SLOT analysis: the saved one, a restored draft, or the saved one again.
// readSLOT shows a SLOT analysis to someone who may read it but not change it.
func readSLOT(s model.SLOT) *fyne.Container {
	text := func(caption, words string) fyne.CanvasObject {
		if strings.TrimSpace(words) == "" {
			return container.NewVBox(fieldLabel(caption), note("Nothing written yet."))
		}
		return container.NewVBox(fieldLabel(caption), wrapped(words))
	}
	confident := map[model.Confidence]string{model.ConfidenceYes: "Yes", model.ConfidencePartly: "Partly", model.ConfidenceNo: "No"}[s.Confident]
	target := "Not set"
	if !s.TargetDate.IsZero() {
		target = s.TargetDate.Display()
	}
	return container.NewVBox(
		text("Am I confident and competent in this?", confident),
		grid(2, text("Strengths", s.Strengths), text("Learning needs", s.LearningNeeds),
			text("Opportunities", s.Opportunities), text("Threats", s.Threats)),
		text("When will I evidence it by?", target))
}

func (d *CompetencyDetail) fill(s model.SLOT) {
	d.Confident.SetSelected("")
	switch s.Confident {
	case model.ConfidenceYes:
		d.Confident.SetSelected("Yes")
	case model.ConfidencePartly:
		d.Confident.SetSelected("Partly")
	case model.ConfidenceNo:
		d.Confident.SetSelected("No")
	}
	d.Strengths.SetText(s.Strengths)
	d.LearningNeeds.SetText(s.LearningNeeds)
	d.Opportunities.SetText(s.Opportunities)
	d.Threats.SetText(s.Threats)
	d.Target.SetValue(s.TargetDate)
}

// SLOT is the analysis as typed.
func (d *CompetencyDetail) SLOT() model.SLOT {
	s := model.SLOT{Strengths: d.Strengths.Text, LearningNeeds: d.LearningNeeds.Text, Opportunities: d.Opportunities.Text, Threats: d.Threats.Text, TargetDate: d.Target.Value()}
	switch d.Confident.Selected {
	case "Yes":
		s.Confident = model.ConfidenceYes
	case "Partly":
		s.Confident = model.ConfidencePartly
	case "No":
		s.Confident = model.ConfidenceNo
	}
	return s
}

func (d *CompetencyDetail) saveSLOT() {
	s := d.c.s
	slot := d.SLOT()
	text := strings.Join([]string{slot.Strengths, slot.LearningNeeds, slot.Opportunities, slot.Threats}, "\n")
	s.checkIdentifiers(text, func() {
		s.run(func(ctx context.Context) error {
			return s.ss.SaveSLOT(ctx, d.c.p.ID, d.View.Code, slot)
		}, func() {
			d.View.Progress.SLOT = slot
			d.draft.Saved(slot)
			// Beside the Save button, where the person is looking: the pane keeps its place.
			at := "Saved at " + s.u.opt.Now().Format("15:04")
			d.c.reloadThen(d.View.Code, func() {
				if d.c.Detail != nil {
					d.c.Detail.Saved.SetText(at)
				}
			})
		})
	})
}

func (d *CompetencyDetail) move(to model.Status, comment string) {
	s := d.c.s
	code := d.View.Code
	s.run(func(ctx context.Context) error { return s.ss.ChangeStatus(ctx, d.c.p.ID, code, to, comment) },
		func() { d.c.reloadThen(code, func() { s.toast(movedTo(to, code)) }) })
}

// movedTo says what a move the preceptee made has done, in a toast.
func movedTo(to model.Status, code string) string {
	switch to {
	case model.InProgress:
		return code + " is in progress."
	case model.EvidenceSubmitted:
		return "Sign-off of " + code + " is requested: it is waiting for your preceptor."
	}
	return code + ": " + strings.ToLower(to.Label()) + "."
}

func (d *CompetencyDetail) signOff() {
	s := d.c.s
	v := d.View
	// Whoever signs, on whichever PC, confirms in their own name what the record will say.
	// The competency's words are quoted: "your" in them is the preceptee's, not the signer's.
	statement := fmt.Sprintf("By signing off you confirm that you have seen evidence that the preceptee is competent in %s, “%s”.", v.Code, v.Title)
	s.countersign("Sign off "+v.Code, statement, func(cs sqlite.Countersignature) error {
		_, err := s.ss.SignOff(context.Background(), d.c.p.ID, v.Code, cs)
		return err
	}, func() { d.c.reloadThen(v.Code, func() { s.toast(v.Code + " is signed off.") }) })
}

func (d *CompetencyDetail) returnIt() {
	s := d.c.s
	v := d.View
	s.countersignWith("Return "+v.Code, "Return "+v.Code+" to the preceptee with your comments.", "What should the preceptee add or change?",
		func(cs sqlite.Countersignature, comment string) error {
			return s.ss.ReturnCompetency(context.Background(), d.c.p.ID, v.Code, cs, comment)
		}, func() {
			d.c.reloadThen(v.Code, func() { s.toast(v.Code + " is returned to the preceptee with your comments.") })
		})
}

// addStretch lets the preceptor add a framework competency, or write one, for this preceptee.
func (c *Competencies) addStretch() {
	s := c.s
	inPlan := map[string]bool{}
	for _, v := range c.Views {
		inPlan[v.Code] = true
	}
	var options []string
	var codes []string
	all, _ := s.u.st.FrameworkCompetencies(context.Background(), c.p.FrameworkID)
	for _, fc := range all {
		if !inPlan[fc.Code] && !fc.Retired {
			options = append(options, fc.Code+"  "+fc.Title)
			codes = append(codes, fc.Code)
		}
	}
	pick := newSelect(options, nil)
	code, title := newField(), newField()
	code.SetPlaceHolder("e.g. IND-01")
	title.SetPlaceHolder("e.g. Lead the ward's tissue viability huddle")
	msg := errorText()
	form := container.NewVBox(
		wrapped("Stretch this preceptee's practice: add a competency from the framework that is not yet in their plan, or write an individual one."),
		fieldLabel("From the framework"), pick,
		fieldLabel("…or an individual competency"), container.NewBorder(nil, nil, code, nil, title), msg)
	var dlg *widget.PopUp
	add := newButtonWithIcon("Add to the plan", theme.ContentAddIcon(), func() {
		s.run(func(ctx context.Context) error {
			if pick.SelectedIndex() >= 0 {
				return s.ss.AddStretch(ctx, c.p.ID, codes[pick.SelectedIndex()])
			}
			_, err := s.ss.AddIndividualCompetency(ctx, c.p.ID, model.Competency{Code: code.Text, Title: title.Text, Domain: "Individual", Level: model.Could})
			return err
		}, func() {
			dlg.Hide()
			c.reload("")
		})
	})
	add.Importance = widget.HighImportance
	cancel := newButton("Cancel", func() { dlg.Hide() })
	dlg = widget.NewModalPopUp(card("Add a stretch competency", container.NewBorder(nil, container.NewHBox(cancel, add), nil, nil, form)), s.u.Window.Canvas())
	dlg.Resize(fyne.NewSize(620, 360))
	dlg.Show()
}
