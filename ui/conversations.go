package ui

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"pursuit/model"
)

// ConversationsScreen holds the two career conversations of the programme, at 6 and 12
// months. They are confidential: only the preceptee and the facilitator can read them,
// which the store enforces; the shell does not even list this screen for anyone else.
type ConversationsScreen struct {
	s *Shell
	p model.Programme

	BannerText string
	Cards      map[int]*ConversationCard // by milestone: 6 and 12
	Message    *widget.Label

	users []model.User
	grid  *fyne.Container // the cards, side by side
	root  *fyne.Container
}

// convMilestones are the conversations the handbook asks for.
var convMilestones = []int{6, 12}

func newConversationsScreen(s *Shell, p model.Programme) *ConversationsScreen {
	x := &ConversationsScreen{s: s, p: p, Cards: map[int]*ConversationCard{}, Message: note(""),
		root: container.NewStack(container.NewCenter(widget.NewLabel("Loading the career conversations…")))}
	x.BannerText = "Confidential — only you and your facilitator can read this"
	if s.ss.User.ID != p.PrecepteeID {
		x.BannerText = "Confidential — only the preceptee and you, as their facilitator, can read this"
	}
	var convs []model.CareerConversation
	var users []model.User
	s.run(func(ctx context.Context) (err error) {
		if users, err = s.ss.Users(ctx); err != nil {
			return err
		}
		convs, err = s.ss.CareerConversations(ctx, p.ID)
		return err
	}, func() {
		x.users = users
		byMilestone := map[int]model.CareerConversation{}
		for _, c := range convs {
			byMilestone[c.Milestone] = c
		}
		for _, m := range convMilestones {
			c, ok := byMilestone[m]
			if !ok {
				c = model.CareerConversation{ProgrammeID: p.ID, Milestone: m, FacilitatorID: p.FacilitatorID}
			}
			x.Cards[m] = newConversationCard(x, c)
		}
		x.Message.Hide()
		if p.FacilitatorID == "" {
			x.Message.SetText("No facilitator is named for this programme yet: the Trust Preceptorship Lead or an administrator names one. You can still note your aspirations.")
			x.Message.Show()
		}
		showOnly(x.root, x.build())
	})
	return x
}

func (x *ConversationsScreen) build() fyne.CanvasObject {
	name := x.userName(x.p.PrecepteeID)
	sub := "At 6 and 12 months a senior member of staff talks with you about your career pathway in the Trust: an honest, professional conversation."
	if x.s.ss.User.ID != x.p.PrecepteeID {
		sub = "At 6 and 12 months you talk with " + name + " about their career pathway in the Trust: an honest, professional conversation."
	}
	bg := canvas.NewRectangle(NHSDarkBlue)
	bg.CornerRadius = 6
	confidential := container.NewStack(bg, container.NewPadded(banner(x.BannerText, NHSDarkBlue, White)))
	var cards []fyne.CanvasObject
	for _, m := range convMilestones {
		cards = append(cards, x.Cards[m].Content)
	}
	x.grid = grid(2, cards...)
	body := container.NewVBox(pageTitle("Career conversations", sub), confidential, x.Message, x.grid)
	return container.NewVScroll(trainingClearOfScrollbar(body))
}

func (x *ConversationsScreen) content() fyne.CanvasObject { return x.root }

// save saves every conversation with changes (Ctrl+S).
func (x *ConversationsScreen) save() {
	for _, m := range convMilestones {
		if c := x.Cards[m]; c != nil && c.draft.Changed() {
			c.Save()
		}
	}
}

// saveDraft keeps what is being typed in each conversation.
func (x *ConversationsScreen) saveDraft() {
	for _, m := range convMilestones {
		if c := x.Cards[m]; c != nil {
			c.draft.Keep()
		}
	}
}

func (x *ConversationsScreen) userName(id string) string {
	for _, u := range x.users {
		if u.ID == id {
			return u.Name
		}
	}
	if id == "" {
		return "—"
	}
	return "someone no longer listed"
}

// ConversationCard is one career conversation: when it is due, whether it was held, and
// what was said.
type ConversationCard struct {
	x    *ConversationsScreen
	Item model.CareerConversation
	Due  model.Date

	Held        *widget.Check
	Date        *DateField
	Facilitator *widget.Label // the programme's own facilitator: the store records no other
	Aspirations *TextArea
	Notes       *TextArea
	NextSteps   *TextArea
	SaveButton  *Button
	Message     *widget.Label
	Content     fyne.CanvasObject

	status   *fyne.Container
	draft    *Draft[model.CareerConversation] // nil for those who only read it
	editable bool
}

func newConversationCard(x *ConversationsScreen, c model.CareerConversation) *ConversationCard {
	s := x.s
	tl := x.p.Timeline()
	cc := &ConversationCard{x: x, Item: c, Due: tl.CareerConversation6, Message: note(""), status: container.NewStack(),
		editable: model.Allowed(s.ss.User, model.EditCareerConversation, &x.p)}
	if c.Milestone == 12 {
		cc.Due = tl.CareerConversation12
	}
	touched := func() { s.u.Idle.Touch(); cc.draft.Schedule() }
	cc.Held = widget.NewCheck("The conversation has taken place", nil)
	cc.Held.SetChecked(c.Held)
	cc.Date = newDateField()
	cc.Date.SetValue(c.Date)
	cc.Date.OnChanged = func(*time.Time) { touched(); cc.refreshStatus() }
	facilitator := c.FacilitatorID
	if facilitator == "" {
		facilitator = x.p.FacilitatorID
	}
	cc.Facilitator = wrapped(x.userName(facilitator))
	// Only the facilitator records that the conversation took place (the store insists).
	if s.ss.User.ID != x.p.FacilitatorID {
		cc.Held.Disable()
	}
	cc.Aspirations = multilineWith(c.Aspirations, "Where would you like your career to go? Roles, specialties, study.", 4)
	cc.Notes = multilineWith(c.Notes, "What you talked about.", 5)
	cc.NextSteps = multilineWith(c.NextSteps, "What happens next, and who does it.", 3)
	cc.SaveButton = newButtonWithIcon("Save", theme.DocumentSaveIcon(), cc.Save)
	cc.SaveButton.Importance = widget.HighImportance
	if cc.editable {
		cc.draft = newDraft(s, fmt.Sprintf("conversation:%s:%d", x.p.ID, c.Milestone), cc.Value, cc.fill, cc.Message)
		cc.draft.Restore()
	}
	cc.refreshStatus()
	// Wired last, so that filling the fields in is not taken for typing.
	cc.Held.OnChanged = func(bool) { touched(); cc.refreshStatus() }
	for _, e := range []*TextArea{cc.Aspirations, cc.Notes, cc.NextSteps} {
		e.OnChanged = func(string) { touched() }
	}

	title := fmt.Sprintf("%d-month conversation", c.Milestone)
	head := container.NewBorder(nil, nil, nil, cc.status, headline(title, 20))
	form := container.NewVBox(head, note("Due by "+cc.Due.Display()+", "+strconv.Itoa(c.Milestone)+" months into the programme."))
	if !cc.editable {
		form.Add(trainingFact("Date", c.Date.Display()))
		form.Add(trainingFact("Facilitator", x.userName(c.FacilitatorID)))
		for _, f := range []struct{ label, text string }{{"Aspirations", c.Aspirations}, {"Notes", c.Notes}, {"Next steps", c.NextSteps}} {
			if strings.TrimSpace(f.text) != "" {
				form.Add(container.NewVBox(fieldLabel(f.label), wrapped(f.text)))
			}
		}
		cc.Content = card("", form)
		return cc
	}
	held := fyne.CanvasObject(cc.Held)
	if cc.Held.Disabled() {
		held = container.NewVBox(cc.Held, note("Your facilitator ticks this once the conversation has taken place."))
	}
	form.Add(held)
	form.Add(columns(container.NewVBox(fieldLabel("Date"), cc.Date), container.NewVBox(fieldLabel("Facilitator"), cc.Facilitator)))
	form.Add(container.NewVBox(fieldLabel("Aspirations"), cc.Aspirations))
	form.Add(container.NewVBox(fieldLabel("Notes"), cc.Notes))
	form.Add(container.NewVBox(fieldLabel("Next steps"), cc.NextSteps))
	form.Add(container.NewBorder(nil, nil, nil, cc.SaveButton, cc.draft.beside(cc.Message)))
	cc.Content = card("", form)
	return cc
}

// refreshStatus shows held, planned or not arranged, from what is typed.
func (cc *ConversationCard) refreshStatus() {
	var p fyne.CanvasObject
	switch {
	case cc.Held.Checked:
		p = pill("Held", NHSGreen)
	case !cc.Date.Value().IsZero():
		p = pill("Planned", NHSBlue)
	default:
		p = pill("Not arranged yet", NHSMidGrey)
	}
	showOnly(cc.status, p)
}

// Value is the conversation as typed.
func (cc *ConversationCard) Value() model.CareerConversation {
	v := cc.Item
	v.Held = cc.Held.Checked
	v.Date = cc.Date.Value()
	v.Aspirations = strings.TrimSpace(cc.Aspirations.Text)
	v.Notes = strings.TrimSpace(cc.Notes.Text)
	v.NextSteps = strings.TrimSpace(cc.NextSteps.Text)
	if v.ID == "" {
		// One conversation per milestone: the same id on whichever PC it is first written.
		v.ID = model.DerivedID("career_conversation", v.ProgrammeID, strconv.Itoa(v.Milestone))
	}
	return v
}

// Save checks for patient identifiers, then saves the conversation.
func (cc *ConversationCard) Save() {
	if !cc.editable {
		return
	}
	s, v := cc.x.s, cc.Value()
	s.checkIdentifiers(strings.Join([]string{v.Aspirations, v.Notes, v.NextSteps}, "\n"), func() {
		var saved model.CareerConversation
		var err error
		s.run(func(ctx context.Context) error {
			saved, err = s.ss.SaveCareerConversation(ctx, v)
			return nil
		}, func() {
			if err != nil {
				trainingSay(cc.Message, sentence(err), true)
				return
			}
			cc.draft.Saved(v)
			fresh := cc.x.reopen(saved)
			trainingSay(fresh.Message, "Saved at "+s.u.opt.Now().Format("15:04"), false)
		})
	})
}

// fill shows a conversation: a restored draft, or what is saved again. Whether it was held
// stays as it is for those who cannot change it: only the facilitator records that.
func (cc *ConversationCard) fill(v model.CareerConversation) {
	if !cc.Held.Disabled() {
		cc.Held.SetChecked(v.Held)
	}
	cc.Date.SetValue(v.Date)
	cc.Aspirations.SetText(v.Aspirations)
	cc.Notes.SetText(v.Notes)
	cc.NextSteps.SetText(v.NextSteps)
	cc.refreshStatus()
}

// reopen shows a fresh card on the conversation as saved, in place of the one that saved it.
func (x *ConversationsScreen) reopen(c model.CareerConversation) *ConversationCard {
	cc := newConversationCard(x, c)
	x.Cards[c.Milestone] = cc
	x.grid.Objects[slices.Index(convMilestones, c.Milestone)] = cc.Content
	x.grid.Refresh()
	return cc
}
