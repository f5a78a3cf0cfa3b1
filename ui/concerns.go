package ui

import (
	"context"
	"fmt"
	"image/color"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"pursuit/model"
)

// ConcernsScreen records a need for extra support: raised, escalated to the line manager,
// resolved — as the handbook asks ("Line manager must be informed").
type ConcernsScreen struct {
	s     *Shell
	p     model.Programme
	Items []model.Concern

	Summary  *widget.Label
	Raise    *Button        // nil when the person may not raise a concern
	Form     *ConcernForm   // the open raise or edit form, else nil
	Prompt   *ConcernPrompt // the open escalate or resolve question, else nil
	Escalate map[string]*Button
	Resolve  map[string]*Button
	Edit     map[string]*Button

	users   map[string]model.User
	formBox *fyne.Container
	list    *fyne.Container
	root    fyne.CanvasObject
}

func newConcernsScreen(s *Shell, p model.Programme) *ConcernsScreen {
	x := &ConcernsScreen{s: s, p: p, Summary: note(""), formBox: container.NewVBox(), list: container.NewVBox(), users: map[string]model.User{}}
	if model.Allowed(s.ss.User, model.RaiseConcern, &p) {
		x.Raise = newButtonWithIcon("Raise a concern", theme.ContentAddIcon(), func() { x.OpenForm(model.Concern{ProgrammeID: p.ID}) })
		x.Raise.Importance = widget.HighImportance
	}
	sub := "When a preceptee needs extra support: agree a support plan, escalate to the line manager, and record how it was resolved."
	guidance := "Discuss any issue with the preceptee in good time. The line manager must be informed: use \"Escalate to the line manager\"."
	if s.ss.User.ID == p.PrecepteeID {
		sub = "If you need extra support, or are worried the programme is not giving you what it should, record it here with your preceptor."
		guidance = "Talk to your preceptor or line manager first. You or your preceptor can escalate a concern to your line manager, who records how it was resolved."
	} else if s.ss.User.Role == model.RoleLineManager || s.ss.User.Role == model.RoleLead {
		guidance = "Concerns escalated to you show red on the cohort overview until you resolve them."
	}
	var raise fyne.CanvasObject
	if x.Raise != nil {
		raise = container.NewVBox(x.Raise)
	}
	head := container.NewBorder(nil, nil, nil, raise, container.NewVBox(x.Summary, note(guidance)))
	body := container.NewVBox(pageTitle("Concerns and extra support", sub), head, x.formBox, x.list)
	x.root = container.NewVScroll(trainingClearOfScrollbar(body))
	x.reload()
	return x
}

func (x *ConcernsScreen) content() fyne.CanvasObject { return x.root }

// save saves the open form (Ctrl+S).
func (x *ConcernsScreen) save() {
	if x.Form != nil {
		x.Form.Save()
	}
}

// saveDraft keeps a concern being written.
func (x *ConcernsScreen) saveDraft() {
	if x.Form != nil {
		x.Form.draft.Keep()
	}
}

func (x *ConcernsScreen) reload() {
	var pf model.Portfolio
	var users []model.User
	x.s.run(func(ctx context.Context) (err error) {
		if users, err = x.s.ss.Users(ctx); err != nil {
			return err
		}
		pf, err = x.s.ss.Portfolio(ctx, x.p.ID)
		return err
	}, func() {
		for _, u := range users {
			x.users[u.ID] = u
		}
		x.Items = pf.Concerns
		x.refresh()
	})
}

// name is a person as "Name (role)".
func (x *ConcernsScreen) name(id string) string {
	u, ok := x.users[id]
	if !ok {
		return "someone no longer listed"
	}
	if id == x.s.ss.User.ID {
		return u.Name + " (you)"
	}
	return u.Name + " (" + strings.ToLower(u.Role.Label()) + ")"
}

func concernStatusLabel(st model.ConcernStatus) string {
	switch st {
	case model.ConcernOpen:
		return "Open"
	case model.ConcernEscalated:
		return "Escalated to the line manager"
	case model.ConcernResolved:
		return "Resolved"
	}
	return string(st)
}

func concernStatusColor(st model.ConcernStatus) color.Color {
	switch st {
	case model.ConcernOpen:
		return NHSYellow
	case model.ConcernEscalated:
		return NHSRed
	case model.ConcernResolved:
		return NHSGreen
	}
	return NHSMidGrey
}

// refresh lists the concerns, those still open first, newest first.
func (x *ConcernsScreen) refresh() {
	items := slices.Clone(x.Items)
	slices.SortStableFunc(items, func(a, b model.Concern) int {
		ra, rb := a.Status == model.ConcernResolved, b.Status == model.ConcernResolved
		if ra != rb {
			if ra {
				return 1
			}
			return -1
		}
		return b.RaisedOn.Compare(a.RaisedOn)
	})
	counts := map[model.ConcernStatus]int{}
	for _, c := range items {
		counts[c.Status]++
	}
	var parts []string
	for _, st := range []model.ConcernStatus{model.ConcernOpen, model.ConcernEscalated, model.ConcernResolved} {
		if n := counts[st]; n > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", n, strings.ToLower(concernStatusLabel(st))))
		}
	}
	if len(parts) == 0 {
		x.Summary.SetText("No concerns have been raised.")
	} else {
		x.Summary.SetText(strings.Join(parts, " · "))
	}
	x.Escalate, x.Resolve, x.Edit = map[string]*Button{}, map[string]*Button{}, map[string]*Button{}
	x.list.Objects = nil
	for _, c := range items {
		x.list.Add(x.concernCard(c))
	}
	x.list.Refresh()
}

func (x *ConcernsScreen) concernCard(c model.Concern) fyne.CanvasObject {
	u := x.s.ss.User
	tags := container.NewHBox(pill(concernStatusLabel(c.Status), concernStatusColor(c.Status)))
	if c.Confidential {
		tags.Add(pill("Confidential", NHSDarkBlue))
	}
	box := container.NewVBox(container.NewBorder(nil, nil, nil, container.NewCenter(tags), subheading(c.Summary)))
	box.Add(note("Raised by " + x.name(c.RaisedBy) + " on " + c.RaisedOn.Display()))
	if strings.TrimSpace(c.Detail) != "" {
		box.Add(container.NewVBox(fieldLabel("The concern"), wrapped(c.Detail)))
	}
	if strings.TrimSpace(c.SupportPlan) != "" {
		box.Add(container.NewVBox(fieldLabel("Support plan"), wrapped(c.SupportPlan)))
	}
	if c.EscalatedTo != "" {
		mark := color.Color(NHSMidGrey) // history, once resolved
		if c.Status == model.ConcernEscalated {
			mark = NHSRed
		}
		box.Add(container.NewBorder(nil, nil, container.NewCenter(dot(mark)), nil,
			wrapped("Escalated to "+x.name(c.EscalatedTo)+" on "+c.EscalatedOn.Display())))
	}
	if c.Status == model.ConcernResolved {
		box.Add(container.NewBorder(nil, nil, container.NewCenter(dot(NHSGreen)), nil, wrapped("Resolved on "+c.ResolvedOn.Display())))
		box.Add(container.NewVBox(fieldLabel("How it was resolved"), wrapped(c.Resolution)))
	}
	buttons := container.NewHBox()
	if c.Status == model.ConcernOpen && model.Allowed(u, model.EscalateConcern, &x.p) {
		b := newButtonWithIcon("Escalate to the line manager", theme.MailSendIcon(), func() { x.AskEscalate(c) })
		b.Importance = widget.WarningImportance
		x.Escalate[c.ID] = b
		buttons.Add(b)
	}
	if c.Status != model.ConcernResolved && model.Allowed(u, model.ResolveConcern, &x.p) {
		b := newButtonWithIcon("Resolve…", theme.ConfirmIcon(), func() { x.AskResolve(c) })
		b.Importance = widget.SuccessImportance
		x.Resolve[c.ID] = b
		buttons.Add(b)
	}
	if c.Status != model.ConcernResolved && model.Allowed(u, model.RaiseConcern, &x.p) {
		b := newButtonWithIcon("Edit", theme.DocumentCreateIcon(), func() { x.OpenForm(c) })
		x.Edit[c.ID] = b
		buttons.Add(b)
	}
	if len(buttons.Objects) > 0 {
		box.Add(buttons)
	}
	return card("", box)
}

// OpenForm shows the form to raise a concern (c without an id) or to update one.
func (x *ConcernsScreen) OpenForm(c model.Concern) {
	x.saveDraft() // first, so that a form opened again on the same concern finds it
	x.Form = newConcernForm(x, c)
	showOnly(x.formBox, x.Form.Content)
	x.s.u.Window.Canvas().Focus(x.Form.Summary)
}

// closeForm puts the form away. What was typed is kept as a draft: Cancel loses nothing, and
// Discard draft is offered when the form opens again.
func (x *ConcernsScreen) closeForm() {
	x.saveDraft()
	x.Form = nil
	x.formBox.Objects = nil
	x.formBox.Refresh()
}

// ConcernForm raises or updates a concern: a summary, what it is, the support agreed.
type ConcernForm struct {
	x    *ConcernsScreen
	Item model.Concern

	Summary      *Field
	Detail       *TextArea
	SupportPlan  *TextArea
	Confidential *widget.Check
	SaveButton   *Button
	CancelButton *Button
	Message      *widget.Label
	Content      fyne.CanvasObject

	draft *Draft[model.Concern]
}

func newConcernForm(x *ConcernsScreen, c model.Concern) *ConcernForm {
	s := x.s
	f := &ConcernForm{x: x, Item: c, Message: note("")}
	f.Summary = newField()
	f.Summary.SetPlaceHolder("In a line, e.g. \"Needs more support with medicines rounds\"")
	f.Summary.SetText(c.Summary)
	prompt := "What is the concern? What has been discussed with the preceptee? No patient identifiers."
	if s.ss.User.ID == x.p.PrecepteeID {
		prompt = "What is worrying you, and what would help? No patient identifiers."
	}
	f.Detail = multiline(prompt, 4)
	f.Detail.SetText(c.Detail)
	f.SupportPlan = multiline("What extra support has been agreed, by whom and by when?", 4)
	f.SupportPlan.SetText(c.SupportPlan)
	f.Confidential = widget.NewCheck("Confidential: personal or health matters", nil)
	f.Confidential.SetChecked(c.Confidential)
	f.SaveButton = newButtonWithIcon("Save", theme.DocumentSaveIcon(), f.Save)
	f.SaveButton.Importance = widget.HighImportance
	f.CancelButton = newButton("Cancel", x.closeForm)
	key := "concern:" + x.p.ID + ":new"
	if c.ID != "" {
		key = "concern:" + c.ID
	}
	f.draft = newDraft(s, key, f.Value, f.fill, f.Message)
	f.draft.Restore()
	touched := func() { s.u.Idle.Touch(); f.draft.Schedule() }
	f.Summary.OnChanged = func(string) { touched() }
	for _, e := range []*TextArea{f.Detail, f.SupportPlan} {
		e.OnChanged = func(string) { touched() }
	}
	f.Confidential.OnChanged = func(bool) { touched() }
	title := "Raise a concern"
	if c.ID != "" {
		title = "Update the concern"
	}
	form := container.NewVBox(
		container.NewVBox(fieldLabel("Summary"), f.Summary),
		container.NewVBox(fieldLabel("The concern"), f.Detail),
		container.NewVBox(fieldLabel("Support plan"), f.SupportPlan),
		f.Confidential,
		container.NewBorder(nil, nil, nil, container.NewHBox(f.CancelButton, f.SaveButton), f.draft.beside(f.Message)))
	f.Content = card(title, form)
	return f
}

// Value is the concern as typed.
func (f *ConcernForm) Value() model.Concern {
	v := f.Item
	v.ProgrammeID = f.x.p.ID
	v.Summary = strings.TrimSpace(f.Summary.Text)
	v.Detail = strings.TrimSpace(f.Detail.Text)
	v.SupportPlan = strings.TrimSpace(f.SupportPlan.Text)
	v.Confidential = f.Confidential.Checked
	return v
}

// Save checks for patient identifiers, then raises or updates the concern.
func (f *ConcernForm) Save() {
	s, v := f.x.s, f.Value()
	s.checkIdentifiers(strings.Join([]string{v.Summary, v.Detail, v.SupportPlan}, "\n"), func() {
		var err error
		s.run(func(ctx context.Context) error {
			_, err = s.ss.SaveConcern(ctx, v)
			return nil
		}, func() {
			if err != nil {
				trainingSay(f.Message, sentence(err), true)
				return
			}
			f.draft.Saved(v)
			f.x.closeForm()
			f.x.reload()
		})
	})
}

// fill shows a concern: a restored draft, or what is saved again.
func (f *ConcernForm) fill(v model.Concern) {
	f.Summary.SetText(v.Summary)
	f.Detail.SetText(v.Detail)
	f.SupportPlan.SetText(v.SupportPlan)
	f.Confidential.SetChecked(v.Confidential)
}

// ConcernPrompt is the open question before a concern is escalated or resolved.
type ConcernPrompt struct {
	Resolution *TextArea // only when resolving
	Confirm    *Button
	Cancel     *Button
	Message    *widget.Label
	pop        *widget.PopUp
}

// AskEscalate asks before escalating: the line manager is told, and the concern shows red.
func (x *ConcernsScreen) AskEscalate(c model.Concern) {
	who := "the line manager"
	if u, ok := x.users[x.p.LineManagerID]; ok {
		who = u.Name + ", the line manager"
	}
	text := "Escalate \"" + c.Summary + "\" to " + who + "? The concern will show as escalated, in red, on their overview until it is resolved."
	x.ask("Escalate to the line manager", text, "Escalate", false, func(p *ConcernPrompt) model.Concern {
		v := c
		v.Status = model.ConcernEscalated
		return v
	})
}

// AskResolve asks how the concern was resolved, which the store requires.
func (x *ConcernsScreen) AskResolve(c model.Concern) {
	x.ask("Resolve the concern", "How was \""+c.Summary+"\" resolved? Say what changed and what support continues, if any.", "Mark as resolved", true,
		func(p *ConcernPrompt) model.Concern {
			v := c
			v.Status = model.ConcernResolved
			v.Resolution = strings.TrimSpace(p.Resolution.Text)
			return v
		})
}

func (x *ConcernsScreen) ask(title, text, action string, resolution bool, value func(*ConcernPrompt) model.Concern) {
	s := x.s
	p := &ConcernPrompt{Message: errorText()}
	p.Message.Hide() // until there is something to say
	body := container.NewVBox(wrapped(text))
	if resolution {
		p.Resolution = multiline("e.g. Completed supervised medicines rounds; now confident and safe. Review at the next meeting.", 5)
		body.Add(fieldLabel("Resolution"))
		body.Add(p.Resolution)
	}
	body.Add(p.Message)
	p.Cancel = newButton("Cancel", func() { p.pop.Hide(); x.Prompt = nil })
	p.Confirm = newButtonWithIcon(action, theme.ConfirmIcon(), func() {
		s.u.Idle.Touch()
		v := value(p)
		var err error
		do := func() {
			s.run(func(ctx context.Context) error {
				_, err = s.ss.SaveConcern(ctx, v)
				return nil
			}, func() {
				if err != nil {
					p.Message.SetText(sentence(err))
					p.Message.Show()
					if p.Resolution != nil {
						s.u.Window.Canvas().Focus(p.Resolution)
					}
					return
				}
				p.pop.Hide()
				x.Prompt = nil
				x.reload()
			})
		}
		if resolution {
			s.checkIdentifiers(v.Resolution, do)
		} else {
			do()
		}
	})
	p.Confirm.Importance = widget.HighImportance
	p.pop = modalForm(title, 520, body, container.NewHBox(p.Cancel, p.Confirm), s.u.Window.Canvas())
	p.pop.Resize(fyne.NewSize(560, p.pop.MinSize().Height))
	p.pop.Show()
	if p.Resolution != nil {
		s.u.Window.Canvas().Focus(p.Resolution)
	} else {
		s.u.Window.Canvas().Focus(p.Confirm)
	}
	x.Prompt = p
}
