package ui

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"pursuit/model"
	"pursuit/model/sqlite"
)

// EvidenceScreen is the portfolio of evidence: a list with type, date and linked
// competencies beside the item being read or written.
type EvidenceScreen struct {
	s     *Shell
	p     model.Programme
	Items []model.Evidence
	Views []model.CompetencyView

	Search     *Field
	TypeFilter *Select
	List       *widget.List
	NewButtons map[model.EvidenceType]*Button
	Editor     *EvidenceEditor

	shown []int
	opening
	unsent map[string]bool // records with changes not yet on the shared folder
	detail *fyne.Container
	root   fyne.CanvasObject
}

func newEvidenceScreen(s *Shell, p model.Programme) *EvidenceScreen {
	e := &EvidenceScreen{s: s, p: p, Search: newField(), NewButtons: map[model.EvidenceType]*Button{}, detail: container.NewStack()}
	e.Search.SetPlaceHolder("Search evidence (Ctrl+F)")
	e.Search.OnChanged = func(string) { s.u.Idle.Touch(); e.filter() }
	types := []string{"All types"}
	for _, t := range model.EvidenceTypes {
		types = append(types, t.Label())
	}
	e.TypeFilter = newSelect(types, nil)
	e.TypeFilter.SetSelectedIndex(0)
	e.List = widget.NewList(func() int { return len(e.shown) }, e.newRow, e.updateRow)
	e.TypeFilter.OnChanged = func(string) { e.filter() }
	e.List.OnSelected = func(id widget.ListItemID) {
		if id < len(e.shown) {
			e.Open(e.Items[e.shown[id]].ID)
		}
	}
	newBar := flow()
	if model.Allowed(s.ss.User, model.EditPortfolio, &p) {
		for _, t := range model.EvidenceTypes {
			b := newButtonWithIcon(shortType(t), theme.ContentAddIcon(), func() { e.New(t) })
			if t == model.Reflection {
				b.Importance = widget.HighImportance
			}
			e.NewButtons[t] = b
			newBar.Add(b)
		}
	}
	hint := "Choose an item to read it."
	if len(e.NewButtons) > 0 {
		hint = "Choose an item, or add new evidence: a reflection, formal learning, a testimony from a colleague, service-user feedback."
	}
	e.detail.Objects = []fyne.CanvasObject{placeholder(hint)}
	top := container.NewVBox(pageTitle("Evidence", "Reflections on practice, formal learning, testimonies and feedback, each linked to the competencies it shows."),
		newBar, container.NewBorder(nil, nil, nil, e.TypeFilter, e.Search))
	ld := listBeside(card("", e.List), e.detail, e.detail, 0.4)
	e.root = container.NewBorder(top, nil, nil, nil, ld.Content())
	ld.makeWayAbove(top, e.root, s.afterLayout)
	e.reload("")
	return e
}

func shortType(t model.EvidenceType) string {
	switch t {
	case model.Reflection:
		return "Reflection"
	case model.FormalLearning:
		return "Formal learning"
	case model.Testimony:
		return "Testimony"
	case model.Feedback:
		return "Service-user feedback"
	}
	return "Other"
}

func typeColor(t model.EvidenceType) fyne.CanvasObject {
	c := map[model.EvidenceType]fyne.CanvasObject{
		model.Reflection: pill("REFLECTION", NHSBlue), model.FormalLearning: pill("LEARNING", NHSDarkBlue),
		model.Testimony: pill("TESTIMONY", NHSGreen), model.Feedback: pill("FEEDBACK", NHSYellow),
	}[t]
	if c == nil {
		c = pill("OTHER", NHSMidGrey)
	}
	return c
}

func (e *EvidenceScreen) content() fyne.CanvasObject { return e.root }
func (e *EvidenceScreen) focusSearch()               { e.s.u.Window.Canvas().Focus(e.Search) }

func (e *EvidenceScreen) save() {
	if e.Editor != nil {
		e.Editor.Save()
	}
}

func (e *EvidenceScreen) saveDraft() {
	if e.Editor != nil {
		e.Editor.draft.Keep()
	}
}

func (e *EvidenceScreen) dropped(uris []fyne.URI) {
	if e.Editor == nil || e.Editor.locked() {
		e.s.toast("Open or start an evidence item, then drop files on the window to attach them.")
		return
	}
	for _, u := range uris {
		e.Editor.Files.AttachPath(u.Path(), u.Name())
	}
}

func (e *EvidenceScreen) reload(open string) { e.reloadThen(open, nil) }

// reloadThen reads the items again, opens one, then runs then (when it is open).
func (e *EvidenceScreen) reloadThen(open string, then func()) {
	var items []model.Evidence
	var views []model.CompetencyView
	var unsent map[string]bool
	e.s.run(func(ctx context.Context) (err error) {
		if items, err = e.s.ss.Evidence(ctx, e.p.ID); err != nil {
			return err
		}
		if unsent, err = e.s.notOnShare(ctx); err != nil {
			return err
		}
		views, err = e.s.ss.Competencies(ctx, e.p.ID)
		return err
	}, func() {
		e.Items, e.Views, e.unsent = items, views, unsent
		e.filter()
		if open != "" {
			e.Open(open)
		}
		e.opening.read(e.Open)
		if then != nil {
			then()
		}
	})
}

func (e *EvidenceScreen) filter() {
	q := strings.ToLower(strings.TrimSpace(e.Search.Text))
	e.shown = e.shown[:0]
	for i, it := range e.Items {
		if k := e.TypeFilter.SelectedIndex(); k > 0 && it.Type != model.EvidenceTypes[k-1] {
			continue
		}
		if q != "" && !strings.Contains(strings.ToLower(it.Text()+" "+strings.Join(it.Codes, " ")), q) {
			continue
		}
		e.shown = append(e.shown, i)
	}
	e.List.UnselectAll()
	e.List.Refresh()
}

// Shown lists the titles the list shows, for tests.
func (e *EvidenceScreen) Shown() []string {
	var out []string
	for _, i := range e.shown {
		out = append(out, e.Items[i].Title)
	}
	return out
}

func (e *EvidenceScreen) newRow() fyne.CanvasObject {
	title := widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	title.Truncation = fyne.TextTruncateEllipsis
	sub := when("")
	sub.Truncation = fyne.TextTruncateEllipsis
	return container.NewVBox(title, container.NewBorder(nil, nil, container.NewStack(), nil, sub))
}

// updateRow shows the title across the full width, and the type, date and links beneath.
func (e *EvidenceScreen) updateRow(id widget.ListItemID, o fyne.CanvasObject) {
	it := e.Items[e.shown[id]]
	box := o.(*fyne.Container)
	box.Objects[0].(*widget.Label).SetText(it.Title)
	line := box.Objects[1].(*fyne.Container)
	sub := it.OccurredOn.Display()
	if len(it.Codes) > 0 {
		sub += " · " + strings.Join(it.Codes, ", ")
	}
	if n := len(it.Attachments); n > 0 {
		sub += fmt.Sprintf(" · %d attached", n)
	}
	switch {
	case it.WitnessedByAccount():
		sub += " · confirmed by its witness"
	case it.Locked:
		sub += " · witness named"
	}
	if e.unsent[it.ID] {
		sub += " · " + notOnShareMark
	}
	line.Objects[0].(*widget.Label).SetText(sub)
	left := line.Objects[1].(*fyne.Container)
	showOnly(left, typeColor(it.Type))
}

// New starts a new item of type t.
func (e *EvidenceScreen) New(t model.EvidenceType) {
	e.show(model.Evidence{ProgrammeID: e.p.ID, Type: t, Template: model.DefaultTemplate(t), OccurredOn: model.DateOf(e.s.u.opt.Now())})
	// The cursor waits in the title: Ctrl+N and start typing.
	if e.Editor != nil && e.Editor.editable {
		e.s.u.Window.Canvas().Focus(e.Editor.Title)
	}
}

func (e *EvidenceScreen) openSoon(id string) { e.opening.soon(id, e.Open) }

// Open shows an existing item.
func (e *EvidenceScreen) Open(id string) {
	for _, it := range e.Items {
		if it.ID == id {
			e.show(it)
			return
		}
	}
}

// show opens an editor on item. What was typed in the one open before is kept first, so
// that a new editor for the same item finds it.
func (e *EvidenceScreen) show(item model.Evidence) {
	e.saveDraft()
	ed := newEvidenceEditor(e, item)
	if old := e.Editor; old != nil && item.ID != "" && (old.Item.ID == item.ID || old.savedAs == item.ID) {
		keepPlace(old.Content, ed.Content)
	}
	e.Editor = ed
	showOnly(e.detail, ed.Content)
}

// EvidenceEditor writes or reads one evidence item.
type EvidenceEditor struct {
	e    *EvidenceScreen
	Item model.Evidence

	Template      *Select
	Title         *Field
	Date          *DateField
	Sections      map[string]*TextArea
	Hours         *Field
	Participatory *Field
	WitnessName   *Field
	WitnessRole   *Field
	Codes         []string
	Files         *AttachmentList

	LinkButton    *Button
	AttachButton  *Button
	SaveButton    *Button
	DeleteButton  *Button
	ConfirmButton *Button
	Message       *widget.Label

	links    *fyne.Container
	sections *fyne.Container
	Content  fyne.CanvasObject
	Picker   *CompetencyPicker
	Witness  *WitnessDialog
	draft    *Draft[model.Evidence] // nil when the item cannot be changed here
	editable bool
	savedAs  string // the id a new item was saved under, so its pane keeps its place
}

func newEvidenceEditor(e *EvidenceScreen, item model.Evidence) *EvidenceEditor {
	s := e.s
	ed := &EvidenceEditor{e: e, Item: item, Sections: map[string]*TextArea{}, Codes: slices.Clone(item.Codes),
		Message: note(""), links: container.NewVBox(), sections: container.NewVBox()}
	ed.editable = model.Allowed(s.ss.User, model.EditPortfolio, &e.p)
	touched := func() { s.u.Idle.Touch(); ed.draft.Schedule() }

	ed.Title = newField()
	ed.Title.SetPlaceHolder("A short title, e.g. \"Escalating a deteriorating patient on a late shift\"")
	ed.Title.SetText(item.Title)
	ed.Title.OnChanged = func(string) { touched() }
	ed.Date = newDateField()
	ed.Date.SetValue(item.OccurredOn)
	ed.Hours, ed.Participatory = newField(), newField()
	ed.Hours.SetPlaceHolder("0")
	ed.Participatory.SetPlaceHolder("0")
	ed.Hours.SetText(hoursText(item.Hours))
	ed.Participatory.SetText(hoursText(item.ParticipatoryHours))
	ed.Hours.OnChanged = func(string) { touched() }
	ed.Participatory.OnChanged = func(string) { touched() }
	ed.WitnessName, ed.WitnessRole = newField(), newField()
	ed.WitnessName.SetPlaceHolder("Colleague's full name")
	ed.WitnessRole.SetPlaceHolder("e.g. Ward Sister, Consultant Physiotherapist")
	ed.WitnessName.SetText(item.WitnessName)
	ed.WitnessRole.SetText(item.WitnessRole)
	ed.WitnessName.OnChanged = func(string) { touched() }
	ed.WitnessRole.OnChanged = func(string) { touched() }

	var templates []string
	for _, t := range model.Templates {
		if t.Type == item.Type {
			templates = append(templates, t.Name)
		}
	}
	ed.Template = newSelect(templates, func(name string) {
		for _, t := range model.Templates {
			if t.Name == name && t.Key != ed.Item.Template {
				ed.Item.Sections = ed.texts()
				ed.Item.Template = t.Key
				ed.buildSections()
				touched()
			}
		}
	})
	if t, ok := model.TemplateByKey(item.Template); ok {
		ed.Template.SetSelected(t.Name)
	}
	ed.buildSections()
	ed.Date.OnChanged = func(*time.Time) { touched() }

	ed.LinkButton = newButtonWithIcon("Link competencies…", theme.ContentAddIcon(), ed.pickCompetencies)
	ed.Files = newAttachmentList(s, ed.Item.Attachments, ed.editable && !item.Locked, "No files attached.", func(m string) { ed.Message.SetText(m) }, touched)
	ed.AttachButton = newButtonWithIcon("Attach a file…", theme.FileIcon(), ed.Files.Choose)
	ed.SaveButton = newButtonWithIcon("Save", theme.DocumentSaveIcon(), ed.Save)
	ed.SaveButton.Importance = widget.HighImportance
	ed.DeleteButton = newButtonWithIcon("Delete", theme.DeleteIcon(), ed.delete)
	ed.DeleteButton.Importance = widget.DangerImportance
	ed.refreshLinks()
	if ed.editable && !ed.locked() {
		ed.draft = newDraft(s, ed.draftKey(), ed.Value, ed.fill, ed.Message)
		ed.draft.Restore()
	}

	head := container.NewBorder(nil, nil, typeColor(item.Type), nil, headline(item.Type.Label(), 20))
	form := container.NewVBox(head)
	if ed.locked() {
		colour := NHSGreen
		if !item.WitnessedByAccount() {
			colour = NHSSecondary // the preceptee's own record of who the witness was
		}
		form.Add(banner(item.WitnessLine(func(t time.Time) string { return model.DateOf(t).Display() })+" — it can no longer be changed", colour, White))
	}
	if item.Type == model.Feedback {
		form.Add(banner("Anonymise: no names, dates of birth, NHS numbers or addresses of service users", NHSYellow, NHSText))
	}
	if ed.readOnly() {
		meta := item.OccurredOn.Display()
		if t, ok := model.TemplateByKey(item.Template); ok && item.Type == model.Reflection {
			meta += " · " + t.Name
		}
		if item.Hours > 0 {
			meta += fmt.Sprintf(" · %g CPD hours (%g participatory)", item.Hours, item.ParticipatoryHours)
		}
		form.Add(subheading(item.Title))
		form.Add(note(meta))
	} else {
		form.Add(columns(container.NewVBox(fieldLabel("Title"), ed.Title), container.NewVBox(fieldLabel("Date"), ed.Date)))
		if len(templates) > 1 {
			form.Add(container.NewBorder(nil, nil, sideLabel("Template"), nil, ed.Template))
		}
	}
	form.Add(ed.sections)
	if ed.readOnly() {
		// nothing more to type
	} else if item.Type == model.Reflection || item.Type == model.FormalLearning || item.Type == model.OtherEvidence {
		form.Add(columns(
			container.NewVBox(fieldLabel("CPD hours"), ed.Hours),
			container.NewVBox(fieldLabel("…of which participatory (learning with others)"), ed.Participatory)))
	}
	if item.Type == model.Testimony && !ed.readOnly() {
		form.Add(columns(container.NewVBox(fieldLabel("Witness"), ed.WitnessName), container.NewVBox(fieldLabel("Witness's role"), ed.WitnessRole)))
		if !ed.locked() && ed.editable && item.ID != "" {
			ed.ConfirmButton = newButtonWithIcon("Witness: confirm this testimony…", theme.ConfirmIcon(), ed.confirmTestimony)
			ed.ConfirmButton.Importance = widget.SuccessImportance
			form.Add(ed.ConfirmButton)
			form.Add(note("The colleague writes the statement on this PC and confirms it; after that its words are locked."))
		} else if item.ID == "" {
			form.Add(note("Save the testimony first; then the colleague confirms it on this PC, which locks it."))
		}
	}
	form.Add(card("Competencies it shows", container.NewVBox(ed.links, ed.linkRow())))
	form.Add(card("Attachments", container.NewVBox(ed.Files.Box, ed.attachRow())))
	if ed.editable {
		buttons := container.NewHBox(ed.SaveButton)
		if ed.locked() {
			ed.SaveButton.SetText("Save links")
		}
		if item.ID != "" && !ed.locked() { // a confirmed testimony stays in the portfolio
			buttons.Add(ed.DeleteButton)
		}
		form.Add(container.NewBorder(nil, nil, nil, buttons, ed.draft.beside(ed.Message)))
	}
	ed.Content = container.NewVScroll(container.NewPadded(form))
	return ed
}

// hoursText shows CPD hours, nothing for none.
func hoursText(h float64) string {
	if h <= 0 {
		return ""
	}
	return strconv.FormatFloat(h, 'f', -1, 64)
}

func (ed *EvidenceEditor) locked() bool { return ed.Item.Locked }

// readOnly: a confirmed testimony, or someone else's portfolio.
func (ed *EvidenceEditor) readOnly() bool { return ed.locked() || !ed.editable }

func (ed *EvidenceEditor) linkRow() fyne.CanvasObject {
	if !ed.editable {
		return container.NewStack()
	}
	return container.NewHBox(ed.LinkButton)
}

func (ed *EvidenceEditor) attachRow() fyne.CanvasObject {
	if !ed.editable || ed.locked() {
		return container.NewStack()
	}
	// The hint takes the width beside the button (in a row of its own it would get none).
	return container.NewBorder(nil, nil, ed.AttachButton, nil, note("…or drop files onto the window. Pictures, PDFs and documents up to 50 MB."))
}

// buildSections lays out the template's headings with their prompts.
func (ed *EvidenceEditor) buildSections() {
	t, _ := model.TemplateByKey(ed.Item.Template)
	old := ed.texts()
	ed.sections.Objects = nil
	ed.Sections = map[string]*TextArea{}
	for _, sec := range t.Sections {
		entry := multiline(sec.Prompt, 5)
		text := ed.Item.Sections[sec.Key]
		if v, ok := old[sec.Key]; ok {
			text = v
		}
		entry.SetText(text)
		entry.OnChanged = func(string) { ed.e.s.u.Idle.Touch(); ed.draft.Schedule() }
		ed.Sections[sec.Key] = entry
		if ed.readOnly() {
			// Reading, not writing: plain text reads better than a greyed-out box.
			if text != "" {
				ed.sections.Add(container.NewVBox(fieldLabel(sec.Title), wrapped(text)))
			}
			continue
		}
		ed.sections.Add(container.NewVBox(fieldLabel(sec.Title), entry))
	}
	ed.sections.Refresh()
}

func (ed *EvidenceEditor) texts() map[string]string {
	out := map[string]string{}
	for k, e := range ed.Sections {
		if e.Text != "" {
			out[k] = e.Text
		}
	}
	return out
}

// Value is the item as typed.
func (ed *EvidenceEditor) Value() model.Evidence {
	v := ed.Item
	v.Title = strings.TrimSpace(ed.Title.Text)
	v.OccurredOn = ed.Date.Value()
	v.Sections = ed.texts()
	v.Codes = slices.Clone(ed.Codes)
	v.Attachments = slices.Clone(ed.Files.Files)
	v.Hours, _ = strconv.ParseFloat(strings.TrimSpace(ed.Hours.Text), 64)
	v.ParticipatoryHours, _ = strconv.ParseFloat(strings.TrimSpace(ed.Participatory.Text), 64)
	v.WitnessName, v.WitnessRole = strings.TrimSpace(ed.WitnessName.Text), strings.TrimSpace(ed.WitnessRole.Text)
	return v
}

// Save checks for patient identifiers, then saves.
func (ed *EvidenceEditor) Save() {
	if !ed.editable {
		return
	}
	v := ed.Value()
	s := ed.e.s
	s.checkIdentifiers(v.Text(), func() {
		var saved model.Evidence
		s.run(func(ctx context.Context) (err error) {
			saved, err = s.ss.SaveEvidence(ctx, v)
			return err
		}, func() {
			ed.draft.Saved(v)
			ed.savedAs = saved.ID
			ed.e.reloadThen(saved.ID, func() {
				// Beside the Save button, where the person is looking: the pane keeps its place.
				if ed.e.Editor != nil {
					ed.e.Editor.Message.SetText("Saved at " + s.u.opt.Now().Format("15:04"))
				}
			})
		})
	})
}

func (ed *EvidenceEditor) delete() {
	s := ed.e.s
	s.confirm("Delete evidence", "Delete \""+ed.Item.Title+"\" and its attachments from the portfolio?", "Delete", func() {
		s.run(func(ctx context.Context) error { return s.ss.DeleteEvidence(ctx, ed.Item.ID) }, func() {
			ed.draft.RecordDeleted()
			ed.e.Editor = nil
			showOnly(ed.e.detail, placeholder("Deleted."))
			ed.e.reload("")
		})
	})
}

func (ed *EvidenceEditor) draftKey() string {
	if ed.Item.ID == "" {
		return "evidence:" + ed.e.p.ID + ":new:" + string(ed.Item.Type)
	}
	return "evidence:" + ed.Item.ID
}

// fill shows v in the fields: a restored draft, or what is saved when a draft is discarded.
func (ed *EvidenceEditor) fill(v model.Evidence) {
	ed.Title.SetText(v.Title)
	ed.Date.SetValue(v.OccurredOn)
	ed.Hours.SetText(hoursText(v.Hours))
	ed.Participatory.SetText(hoursText(v.ParticipatoryHours))
	ed.WitnessName.SetText(v.WitnessName)
	ed.WitnessRole.SetText(v.WitnessRole)
	ed.Item.Template, ed.Item.Sections = v.Template, v.Sections
	if t, ok := model.TemplateByKey(v.Template); ok {
		ed.Template.SetSelected(t.Name)
	}
	ed.Sections = map[string]*TextArea{} // else buildSections would keep the texts on show
	ed.buildSections()
	ed.Codes = slices.Clone(v.Codes)
	ed.refreshLinks()
	ed.Files.Files = slices.Clone(v.Attachments)
	ed.Files.Refresh()
}

// refreshLinks shows the linked competencies as removable lines.
func (ed *EvidenceEditor) refreshLinks() {
	ed.links.Objects = nil
	titles := map[string]string{}
	for _, v := range ed.e.Views {
		titles[v.Code] = v.Title
	}
	for _, code := range ed.Codes {
		line := container.NewBorder(nil, nil, widget.NewLabelWithStyle(code, fyne.TextAlignLeading, fyne.TextStyle{Monospace: true}), nil, wrapped(titles[code]))
		if ed.editable {
			rm := newButtonWithIcon("", theme.CancelIcon(), func() {
				ed.Codes = slices.DeleteFunc(ed.Codes, func(c string) bool { return c == code })
				ed.refreshLinks()
				ed.draft.Schedule()
			})
			rm.Importance = widget.LowImportance
			line = container.NewBorder(nil, nil, widget.NewLabelWithStyle(code, fyne.TextAlignLeading, fyne.TextStyle{Monospace: true}), rm, wrapped(titles[code]))
		}
		ed.links.Add(line)
	}
	if len(ed.Codes) == 0 {
		ed.links.Add(note("Not linked to any competency yet."))
	}
	ed.links.Refresh()
}

// pickCompetencies links the item to the competencies ticked in the picker.
func (ed *EvidenceEditor) pickCompetencies() {
	ed.Picker = ed.e.s.pickCompetencies("Which competencies does this evidence show?", ed.e.Views, ed.Codes, func(codes []string) {
		ed.Codes = codes
		ed.refreshLinks()
		ed.draft.Schedule()
	})
}

// confirmTestimony lets the witness confirm, on this PC, that the statement is theirs:
// with their own username and password, so that the confirmation is theirs and signed by
// them. A witness without an account (an agency nurse, a service user) is named by the
// preceptee instead, and the testimony says so wherever it is shown.
func (ed *EvidenceEditor) confirmTestimony() {
	s := ed.e.s
	d := &WitnessDialog{Username: newField(), Password: newPasswordField(), Name: newField(), Role: newField(), Message: errorText()}
	d.Username.SetPlaceHolder("The witness's Pursuit username")
	d.Password.SetPlaceHolder("The witness's password")
	d.Name.SetText(ed.WitnessName.Text)
	d.Role.SetText(ed.WitnessRole.Text)
	d.Role.SetPlaceHolder("For example, Ward sister")
	// The words of each tick box are a wrapped line beside a tick with a short label: a
	// check box's words do not wrap, and these ran past the dialog's edge.
	const ownAccount, asGiven = "This statement is my own account of the preceptee's practice.", "I have shown this statement to the witness and it is as they gave it."
	d.Statement = wrapped(ownAccount)
	d.Agree = widget.NewCheck("I confirm it", nil)
	account := container.NewVBox(fieldLabel("Your username"), d.Username, fieldLabel("Your password"), d.Password)
	named := container.NewVBox(fieldLabel("The witness's full name"), d.Name,
		note("The testimony will say that the preceptee recorded it and named the witness, not that the witness confirmed it."))
	named.Hide()
	d.NoAccount = widget.NewCheck("The witness has no Pursuit account", func(on bool) {
		account.Hidden, named.Hidden = on, !on
		d.Statement.SetText(ownAccount)
		d.Confirm.SetText("Confirm and lock")
		if on {
			d.Statement.SetText(asGiven)
			d.Confirm.SetText("Record and lock")
		}
		account.Refresh()
		named.Refresh()
	})
	var pop *widget.PopUp
	d.Confirm = newButtonWithIcon("Confirm and lock", theme.ConfirmIcon(), func() {
		if !d.Agree.Checked {
			d.Message.SetText("Tick the confirmation first.")
			return
		}
		var saved model.Evidence
		v := ed.Value()
		noAccount := d.NoAccount.Checked
		by := sqlite.Countersignature{Username: d.Username.Text, Password: d.Password.Text}
		name, role := d.Name.Text, d.Role.Text
		d.Password.SetText("")
		var err error
		// Off the window's goroutine (a password check takes half a second); a refusal is
		// said in the dialog, which stays open for the witness to try again.
		s.u.opt.Async(func() {
			ctx := context.Background()
			if _, err = s.ss.SaveEvidence(ctx, v); err != nil {
				return
			}
			if noAccount {
				saved, err = s.ss.RecordWitness(ctx, v.ID, name, role)
			} else {
				saved, err = s.ss.ConfirmTestimony(ctx, v.ID, by, role)
			}
		}, func() {
			if err != nil {
				d.Message.SetText(sentence(err))
				return
			}
			pop.Hide()
			ed.draft.Saved(v)
			// Back at the top, where the banner now says who confirmed it.
			ed.e.reloadThen(saved.ID, func() {
				if sc, ok := ed.e.Editor.Content.(*container.Scroll); ok {
					sc.ScrollToTop()
				}
			})
		})
	})
	d.Confirm.Importance = widget.HighImportance
	cancel := newButton("Cancel", func() { pop.Hide() })
	body := container.NewVBox(wrapped("For the colleague who gave this testimony: read the statement, then confirm it with your own Pursuit username and password. After this, nobody can change its words."),
		account, named, fieldLabel("Your role, as you would describe it"), d.Role, container.NewHBox(d.NoAccount), note("For example an agency nurse, or a service user."),
		d.Statement, container.NewHBox(d.Agree), d.Message) // a tick box as wide as its words: a click beside them does nothing
	pop = modalForm("Confirm the testimony", 520, body, container.NewHBox(cancel, d.Confirm), s.u.Window.Canvas())
	pop.Show()
	ed.Witness = d
	s.u.Window.Canvas().Focus(d.Username)
}

// WitnessDialog is the open testimony confirmation, for tests.
type WitnessDialog struct {
	Username, Password *Field // a witness with an account
	Name               *Field // one without, named by the preceptee
	Role               *Field
	NoAccount, Agree   *widget.Check
	Statement          *widget.Label // what ticking Agree confirms
	Confirm            *Button
	Message            *widget.Label
}
