package ui

import (
	"context"
	"fmt"
	"image/color"
	"slices"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"pursuit/model"
)

// PlanScreen is the learning and development plan: goals drawn from the SLOT analyses,
// each linked to the competencies it develops, with actions and a target date. The
// preceptee writes it; the preceptor, line manager and lead read it.
type PlanScreen struct {
	s       *Shell
	p       model.Programme
	Goals   []model.Goal
	Actions []model.ActionItem
	Views   []model.CompetencyView
	unsent  map[string]bool // records with changes not yet on the shared folder

	NewGoal  *Button
	FromSLOT *Select // competencies whose SLOT names learning needs
	Editor   *GoalEditor

	slotCodes []string
	opening
	editable bool
	selected string
	marks    map[string]*canvas.Rectangle
	list     *fyne.Container
	summary  *widget.Label
	detail   *fyne.Container
	root     fyne.CanvasObject
}

// planStatuses in the order the plan offers them.
var planStatuses = []model.GoalStatus{model.GoalPlanned, model.GoalInProgress, model.GoalAchieved, model.GoalDropped}

func planStatusLabel(st model.GoalStatus) string {
	switch st {
	case model.GoalPlanned:
		return "Planned"
	case model.GoalInProgress:
		return "In progress"
	case model.GoalAchieved:
		return "Achieved"
	case model.GoalDropped:
		return "Dropped"
	}
	return string(st)
}

func planStatusColor(st model.GoalStatus) color.Color {
	switch st {
	case model.GoalInProgress:
		return NHSYellow
	case model.GoalAchieved:
		return NHSGreen
	case model.GoalDropped:
		return NHSSecondary
	}
	return NHSMidGrey
}

func newPlanScreen(s *Shell, p model.Programme) *PlanScreen {
	x := &PlanScreen{s: s, p: p, editable: model.Allowed(s.ss.User, model.EditPortfolio, &p),
		list: container.NewVBox(), detail: container.NewStack(), summary: note(""), marks: map[string]*canvas.Rectangle{}}
	sub := "Your goals for the year, drawn from the learning needs in your SLOT analyses. Link each to the competencies it develops and agree the actions that get you there."
	if !x.editable {
		sub = "The preceptee's goals for the year, drawn from their SLOT analyses, with the competencies each develops and the actions agreed."
	}
	top := container.NewVBox(pageTitle("Learning plan", sub))
	if x.editable {
		x.NewGoal = newButtonWithIcon("New goal", theme.ContentAddIcon(), func() { x.Start(model.Goal{}, true) })
		x.NewGoal.Importance = widget.HighImportance
		x.FromSLOT = newSelect(nil, x.startFromSLOT)
		x.FromSLOT.PlaceHolder = "Start a goal from a competency's learning needs…"
		// The choice of a competency goes under the button when the two do not fit abreast.
		top.Add(flow(x.NewGoal, x.FromSLOT))
	}
	x.detail.Objects = []fyne.CanvasObject{placeholder("Choose a goal to see its actions.")}
	left := container.NewVScroll(container.NewVBox(x.summary, x.list))
	ld := listBeside(left, x.detail, x.detail, 0.42)
	x.root = container.NewBorder(top, nil, nil, nil, ld.Content())
	ld.makeWayAbove(top, x.root, s.afterLayout)
	x.reload("", nil)
	return x
}

func (x *PlanScreen) content() fyne.CanvasObject { return x.root }

func (x *PlanScreen) today() model.Date { return model.DateOf(x.s.u.opt.Now()) }

func (x *PlanScreen) save() {
	if x.Editor != nil {
		x.Editor.Save()
	}
}

func (x *PlanScreen) saveDraft() {
	if x.Editor != nil {
		x.Editor.draft.Keep()
	}
}

// reload reads the plan again, reopens goal id (if any), then runs then.
func (x *PlanScreen) reload(open string, then func()) {
	var pf model.Portfolio
	var unsent map[string]bool
	x.s.run(func(ctx context.Context) (err error) {
		if pf, err = x.s.ss.Portfolio(ctx, x.p.ID); err != nil {
			return err
		}
		unsent, err = x.s.notOnShare(ctx)
		return err
	}, func() {
		x.Goals, x.Views, x.unsent = pf.Goals, pf.Competencies, unsent
		x.Actions = nil
		ids := map[string]bool{}
		for _, g := range pf.Goals {
			ids[g.ID] = true
		}
		for _, a := range pf.Actions {
			if ids[a.OwnerID] {
				x.Actions = append(x.Actions, a)
			}
		}
		x.fillSLOT()
		x.fillList()
		if open != "" {
			x.Open(open)
		}
		x.opening.read(x.Open)
		if then != nil {
			then()
		}
	})
}

// fillSLOT offers the competencies whose SLOT analysis names learning needs.
func (x *PlanScreen) fillSLOT() {
	if x.FromSLOT == nil {
		return
	}
	var options []string
	x.slotCodes = nil
	for _, v := range x.Views {
		if strings.TrimSpace(v.Progress.SLOT.LearningNeeds) != "" {
			options = append(options, v.Code+"  "+v.Title)
			x.slotCodes = append(x.slotCodes, v.Code)
		}
	}
	x.FromSLOT.SetOptions(options)
	if len(options) == 0 {
		x.FromSLOT.PlaceHolder = "No SLOT analysis names learning needs yet"
		x.FromSLOT.Disable()
	} else {
		x.FromSLOT.PlaceHolder = "Start a goal from a competency's learning needs…"
		x.FromSLOT.Enable()
	}
	x.FromSLOT.Refresh()
}

// FromSLOTOptions lists what the SLOT picker offers, for tests.
func (x *PlanScreen) FromSLOTOptions() []string {
	if x.FromSLOT == nil {
		return nil
	}
	return x.FromSLOT.Options
}

// startFromSLOT opens a new goal filled from one competency's SLOT analysis.
func (x *PlanScreen) startFromSLOT(string) {
	i := x.FromSLOT.SelectedIndex()
	if i < 0 || i >= len(x.slotCodes) {
		return
	}
	code := x.slotCodes[i]
	for _, v := range x.Views {
		if v.Code != code {
			continue
		}
		slot := v.Progress.SLOT
		needs := strings.TrimSpace(slot.LearningNeeds)
		detail := "From the SLOT analysis of " + v.Code + " " + v.Title + ".\n\nLearning needs: " + needs
		if o := strings.TrimSpace(slot.Opportunities); o != "" {
			detail += "\n\nOpportunities: " + o
		}
		x.Start(model.Goal{Title: planTitleFrom(needs, v.Title), Detail: detail, TargetDate: slot.TargetDate, Codes: []string{v.Code}}, false)
	}
	x.FromSLOT.Selected = "" // ready for another, without starting one again
	x.FromSLOT.Refresh()
}

// planTitleFrom makes a goal's title from a learning need: its first line when that is short
// enough to read as a title, else the competency's own title.
func planTitleFrom(needs, fallback string) string {
	first := strings.TrimSpace(strings.SplitN(needs, "\n", 2)[0])
	first = strings.TrimRight(strings.SplitN(first, ". ", 2)[0], ".")
	if first == "" || len([]rune(first)) > 90 {
		return fallback
	}
	return first
}

func (x *PlanScreen) goalActions(id string) []model.ActionItem {
	return model.ActionsOf(x.Actions, id)
}

// fillList shows the goals as cards: open ones first, by target date.
func (x *PlanScreen) fillList() {
	goals := slices.Clone(x.Goals)
	slices.SortStableFunc(goals, func(a, b model.Goal) int {
		if a.Open() != b.Open() {
			if a.Open() {
				return -1
			}
			return 1
		}
		return a.TargetDate.Compare(b.TargetDate)
	})
	x.list.Objects = nil
	x.marks = map[string]*canvas.Rectangle{}
	open, achieved := 0, 0
	for _, g := range goals {
		if g.Open() {
			open++
		}
		if g.Status == model.GoalAchieved {
			achieved++
		}
		x.list.Add(x.goalCard(g))
	}
	if len(goals) == 0 {
		msg := "No goals yet. Start from the learning needs in a competency's SLOT analysis, or add your own."
		if !x.editable {
			msg = "The preceptee has not set any goals yet."
		}
		x.summary.SetText(msg)
	} else {
		x.summary.SetText(fmt.Sprintf("%d goals: %d open, %d achieved.", len(goals), open, achieved))
	}
	x.list.Refresh()
	x.markSelected()
}

// goalCard is one goal in the list: title, status pill, target date, linked codes, actions.
func (x *PlanScreen) goalCard(g model.Goal) fyne.CanvasObject {
	today := x.today()
	title := widget.NewLabelWithStyle(g.Title, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	title.Wrapping = fyne.TextWrapWord
	tags := container.NewHBox(pill(strings.ToUpper(planStatusLabel(g.Status)), planStatusColor(g.Status)))
	for _, c := range g.Codes {
		tags.Add(pill(c, NHSDarkBlue))
	}
	acts := x.goalActions(g.ID)
	done := 0
	for _, a := range acts {
		if a.Done {
			done++
		}
	}
	progress := ""
	switch {
	case len(acts) > 0 && done == len(acts) && g.Open():
		// Every action ticked and the goal still open read as a contradiction.
		progress = fmt.Sprintf(" · all %s done: mark the goal achieved?", plural(len(acts), "action", "actions"))
	case len(acts) > 0:
		progress = fmt.Sprintf(" · %d of %d actions done", done, len(acts))
	}
	if x.unsent[g.ID] {
		progress += " · " + notOnShareMark
	}
	var target *widget.Label
	switch {
	case g.TargetDate.IsZero():
		target = when("No target date" + progress)
	case g.Open() && g.TargetDate.Before(today):
		target = widget.NewLabelWithStyle("Overdue: target "+g.TargetDate.Display()+progress, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		target.Importance = widget.DangerImportance
	default:
		target = when("Target " + g.TargetDate.Display() + progress)
	}
	target.Wrapping = fyne.TextWrapWord // cut short, it hid how many actions were done
	lines := meetingsTight(-4, title, tags, target)
	bg := canvas.NewRectangle(col(colorSurface))
	bg.CornerRadius = 6
	bg.StrokeColor = col(colorBorder)
	bg.StrokeWidth = 1
	mark := canvas.NewRectangle(color.Transparent)
	mark.CornerRadius = 6
	x.marks[g.ID] = mark
	b := newButton("", func() { x.s.u.Idle.Touch(); x.Open(g.ID) })
	b.Importance = widget.LowImportance
	return container.NewStack(bg, mark, b, container.NewPadded(container.NewPadded(lines)))
}

func (x *PlanScreen) markSelected() {
	for id, r := range x.marks {
		r.FillColor = color.Transparent
		if id == x.selected && id != "" {
			r.FillColor = col(theme.ColorNameSelection)
		}
		r.Refresh()
	}
}

// Start opens a new goal; withDraft brings back a new goal that was being typed.
func (x *PlanScreen) Start(g model.Goal, withDraft bool) {
	g.ProgrammeID = x.p.ID
	if g.Status == "" {
		g.Status = model.GoalPlanned
	}
	x.show(func() *GoalEditor { return newGoalEditor(x, g, nil, withDraft) })
}

func (x *PlanScreen) openSoon(id string) { x.opening.soon(id, x.Open) }

// Open shows a goal.
func (x *PlanScreen) Open(id string) {
	for _, g := range x.Goals {
		if g.ID == id {
			x.show(func() *GoalEditor { return newGoalEditor(x, g, x.goalActions(id), true) })
			return
		}
	}
}

// show opens the editor open builds. What was typed in the one open before is kept first, so
// that a new editor for the same goal finds it.
func (x *PlanScreen) show(open func() *GoalEditor) {
	x.saveDraft()
	ed := open()
	x.Editor = ed
	x.selected = ed.Goal.ID
	x.markSelected()
	showOnly(x.detail, ed.Content)
}

// GoalEditor writes one goal, or shows it to someone who may only read the plan.
type GoalEditor struct {
	x    *PlanScreen
	Goal model.Goal

	Title      *Field
	Detail     *TextArea
	Target     *DateField
	Status     *Select
	Codes      []string
	Actions    *ActionChecklist
	LinkButton *Button
	Picker     *CompetencyPicker

	SaveButton   *Button // nil when the plan is read only
	DeleteButton *Button
	Message      *widget.Label
	Content      fyne.CanvasObject

	links    *fyne.Container
	draft    *Draft[goalDraft] // nil when the plan is read only
	editable bool
}

// goalDraft is what is kept while a goal is being typed.
type goalDraft struct {
	Goal    model.Goal
	Actions []model.ActionItem
	Removed []string
}

func newGoalEditor(x *PlanScreen, g model.Goal, actions []model.ActionItem, withDraft bool) *GoalEditor {
	s := x.s
	ed := &GoalEditor{x: x, Goal: g, Codes: slices.Clone(g.Codes), editable: x.editable, Message: note(""), links: container.NewVBox()}
	today := x.today()
	touched := func() { s.u.Idle.Touch(); ed.draft.Schedule() }
	ed.Actions = newActionChecklist(s, actions, today, ed.editable, true, nil, touched)
	if !ed.editable {
		ed.Content = ed.readView()
		return ed
	}
	ed.Title = newField()
	ed.Title.SetPlaceHolder("What you want to achieve, e.g. \"Lead a safety huddle with confidence\"")
	ed.Title.SetText(g.Title)
	ed.Detail = multiline("Why it matters and how you will know you have got there", 4)
	ed.Detail.SetText(g.Detail)
	ed.Target = newDateField()
	ed.Target.SetValue(g.TargetDate)
	var labels []string
	for _, st := range planStatuses {
		labels = append(labels, planStatusLabel(st))
	}
	ed.Status = newSelect(labels, nil)
	ed.Status.SetSelected(planStatusLabel(g.Status))
	ed.Actions.Text.SetPlaceHolder("Add a step, e.g. \"Ask to shadow the nurse in charge\"")
	ed.draft = newDraft(s, ed.draftKey(), ed.value, ed.fill, ed.Message)
	if withDraft {
		ed.draft.Restore()
	}
	ed.Title.OnChanged = func(string) { touched() }
	ed.Detail.OnChanged = func(string) { touched() }
	ed.Target.OnChanged = func(*time.Time) { touched() }
	ed.Status.OnChanged = func(string) { touched() }
	ed.LinkButton = newButtonWithIcon("Link competencies…", theme.ContentAddIcon(), ed.pickCompetencies)
	ed.SaveButton = newButtonWithIcon("Save goal", theme.DocumentSaveIcon(), ed.Save)
	ed.SaveButton.Importance = widget.HighImportance
	ed.DeleteButton = newButtonWithIcon("Delete", theme.DeleteIcon(), ed.delete)
	ed.DeleteButton.Importance = widget.DangerImportance
	ed.refreshLinks()

	title := "New goal"
	if g.ID != "" {
		title = "Goal"
	}
	buttons := container.NewHBox(ed.SaveButton)
	if g.ID != "" {
		buttons.Add(ed.DeleteButton)
	}
	form := container.NewVBox(headline(title, 20),
		fieldLabel("What do you want to achieve?"), ed.Title,
		fieldLabel("Detail"), ed.Detail,
		columns(container.NewVBox(fieldLabel("Target date"), ed.Target), container.NewVBox(fieldLabel("Status"), ed.Status)),
		card("Competencies this goal develops", container.NewVBox(ed.links, container.NewHBox(ed.LinkButton))),
		card("Actions", ed.Actions.Content),
		container.NewBorder(nil, nil, nil, buttons, ed.draft.beside(ed.Message)))
	ed.Content = container.NewVScroll(container.NewPadded(form))
	return ed
}

// readView shows the goal to the preceptor, line manager or lead.
func (ed *GoalEditor) readView() fyne.CanvasObject {
	g := ed.Goal
	target := "No target date"
	if !g.TargetDate.IsZero() {
		target = "Target " + g.TargetDate.Display()
	}
	box := container.NewVBox(subheading(g.Title), container.NewHBox(pill(strings.ToUpper(planStatusLabel(g.Status)), planStatusColor(g.Status)), when(target)))
	if g.Detail != "" {
		box.Add(wrapped(g.Detail))
	}
	ed.refreshLinks()
	box.Add(card("Competencies this goal develops", ed.links))
	box.Add(card("Actions", ed.Actions.Content))
	return container.NewVScroll(container.NewPadded(box))
}

// Value is the goal as typed.
func (ed *GoalEditor) Value() model.Goal {
	g := ed.Goal
	g.ProgrammeID = ed.x.p.ID
	g.Title = strings.TrimSpace(ed.Title.Text)
	g.Detail = ed.Detail.Text
	g.TargetDate = ed.Target.Value()
	if i := ed.Status.SelectedIndex(); i >= 0 {
		g.Status = planStatuses[i]
	}
	g.Codes = slices.Clone(ed.Codes)
	return g
}

func (ed *GoalEditor) value() goalDraft {
	return goalDraft{Goal: ed.Value(), Actions: slices.Clone(ed.Actions.Items), Removed: slices.Clone(ed.Actions.Removed)}
}

// Save checks the text for patient identifiers, then saves the goal and its actions.
func (ed *GoalEditor) Save() {
	if !ed.editable {
		return
	}
	s := ed.x.s
	if strings.TrimSpace(ed.Actions.Text.Text) != "" && !ed.Actions.add() {
		return
	}
	g := ed.Value()
	if err := model.ValidateGoal(g); err != nil {
		ed.Message.Importance = widget.DangerImportance
		ed.Message.SetText(sentence(err))
		return
	}
	actions, removed := ed.Actions.Value(), slices.Clone(ed.Actions.Removed)
	texts := []string{g.Title, g.Detail}
	for _, a := range actions {
		texts = append(texts, a.Text)
	}
	typed := ed.value()
	s.checkIdentifiers(strings.Join(texts, "\n"), func() {
		var saved model.Goal
		s.run(func(ctx context.Context) (err error) {
			if saved, err = s.ss.SaveGoal(ctx, g); err != nil {
				return err
			}
			for _, a := range actions {
				a.ProgrammeID, a.OwnerID = saved.ProgrammeID, saved.ID
				if _, err := s.ss.SaveAction(ctx, a); err != nil {
					return err
				}
			}
			for _, id := range removed {
				if err := s.ss.DeleteAction(ctx, id); err != nil {
					return err
				}
			}
			return nil
		}, func() {
			x := ed.x
			ed.draft.Saved(typed)
			x.Editor = nil
			x.reload(saved.ID, func() {
				if x.Editor != nil {
					x.Editor.Message.SetText("Saved at " + s.u.opt.Now().Format("15:04") + ".")
				}
			})
		})
	})
}

func (ed *GoalEditor) delete() {
	s, g := ed.x.s, ed.Goal
	s.confirm("Delete goal", "Delete the goal \""+g.Title+"\" and its actions from the plan?", "Delete", func() {
		s.run(func(ctx context.Context) error { return s.ss.DeleteGoal(ctx, g.ID) }, func() {
			x := ed.x
			ed.draft.RecordDeleted()
			x.Editor, x.selected = nil, ""
			showOnly(x.detail, placeholder("The goal is deleted."))
			x.reload("", nil)
		})
	})
}

// refreshLinks shows the linked competencies, removable while editing.
func (ed *GoalEditor) refreshLinks() {
	ed.links.Objects = nil
	titles := map[string]string{}
	for _, v := range ed.x.Views {
		titles[v.Code] = v.Title
	}
	for _, code := range ed.Codes {
		var right fyne.CanvasObject
		if ed.editable {
			rm := newButtonWithIcon("", theme.CancelIcon(), func() {
				ed.Codes = slices.DeleteFunc(ed.Codes, func(c string) bool { return c == code })
				ed.refreshLinks()
				ed.draft.Schedule()
			})
			rm.Importance = widget.LowImportance
			right = rm
		}
		ed.links.Add(container.NewBorder(nil, nil, widget.NewLabelWithStyle(code, fyne.TextAlignLeading, fyne.TextStyle{Monospace: true}), right, wrapped(titles[code])))
	}
	if len(ed.Codes) == 0 {
		ed.links.Add(note("Not linked to any competency yet."))
	}
	ed.links.Refresh()
}

// pickCompetencies links the goal to the competencies ticked in the picker.
func (ed *GoalEditor) pickCompetencies() {
	ed.Picker = ed.x.s.pickCompetencies("Which competencies does this goal develop?", ed.x.Views, ed.Codes, func(codes []string) {
		ed.Codes = codes
		ed.refreshLinks()
		ed.draft.Schedule()
	})
}

func (ed *GoalEditor) draftKey() string {
	if ed.Goal.ID == "" {
		return "goal:" + ed.x.p.ID + ":new"
	}
	return "goal:" + ed.Goal.ID
}

// fill shows a goal and its actions: a restored draft, or what is saved again.
func (ed *GoalEditor) fill(d goalDraft) {
	g := d.Goal
	ed.Title.SetText(g.Title)
	ed.Detail.SetText(g.Detail)
	ed.Target.SetValue(g.TargetDate)
	ed.Status.SetSelected(planStatusLabel(g.Status))
	ed.Codes = slices.Clone(g.Codes)
	ed.refreshLinks()
	ed.Actions.Items, ed.Actions.Removed = slices.Clone(d.Actions), slices.Clone(d.Removed)
	ed.Actions.refresh()
}
