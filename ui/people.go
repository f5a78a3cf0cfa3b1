package ui

import (
	"context"
	"fmt"
	"image/color"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"pursuit/model"
)

// PeopleScreen is the administrator's desk: the accounts of everyone who uses Pursuit, and
// each preceptee's programme — who supports them, from when, and extensions. The lead
// manages programmes here too; only an administrator manages accounts.
type PeopleScreen struct {
	s          *Shell
	Users      []model.User
	Programmes []model.Programme
	Frameworks []model.Framework

	AccountsTab, ProgrammesTab *Button
	Search                     *Field
	RoleFilter                 *Select
	AccountList                *widget.List
	ProgrammeList              *widget.List
	AddAccount                 *Button
	StartProgramme             *Button

	Account       *PeopleAccountForm   // the add-account form on show
	Detail        *PeopleAccountDetail // the account on show
	Programme     *PeopleProgrammeForm // the programme form on show
	ProgDetail    *PeopleProgrammeDetail
	Reset         *PeoplePasswordDialog // the last reset-password dialog
	Extend        *PeopleExtendDialog   // the last extend dialog
	Tab           string                // "accounts" or "programmes"
	ShownAccounts []model.User
	ShownProgs    []model.Programme

	manageUsers bool
	glancing    bool // the right-hand pane shows the numbers at a glance
	gone        bool // left: what was read is let go
	byID        map[string]model.User
	left        *fyne.Container
	detail      *fyne.Container
	root        fyne.CanvasObject

	detailScroll *container.Scroll
}

// PeopleAccountForm adds an account.
type PeopleAccountForm struct {
	Name, Username, Email, Password *Field
	Role                            *Select
	Save, Cancel                    *Button
	Message                         *widget.Label
}

// PeopleAccountDetail shows one account with what can be done to it.
type PeopleAccountDetail struct {
	User          model.User
	ResetPassword *Button
	Toggle        *Button // disable or enable
	Start         *Button // start a programme, for a preceptee without one
}

// PeopleProgrammeForm starts a programme or changes who supports a preceptee.
type PeopleProgrammeForm struct {
	Base                                                       model.Programme // the programme being changed; zero for a new one
	Preceptee, Preceptor, LineManager, Supervisor, Facilitator *Select
	Profession, Framework                                      *Select
	Start                                                      *DateField
	Service                                                    *Field
	Save, Cancel                                               *Button
	Message                                                    *widget.Label

	people map[*Select][]string // the user ids behind each select's options
	fwIDs  []string
}

// PeopleProgrammeDetail shows one programme.
type PeopleProgrammeDetail struct {
	Programme model.Programme
	Change    *Button
	Extend    *Button
}

// PeoplePasswordDialog sets a new password for someone who forgot theirs.
type PeoplePasswordDialog struct {
	Password, Repeat *Field
	Confirm          *Button
	Message          *widget.Label
	dlg              dialog.Dialog
}

// PeopleExtendDialog lengthens a programme.
type PeopleExtendDialog struct {
	Months  *Select
	Confirm *Button
	Message *widget.Label
	dlg     dialog.Dialog
}

const peopleNoOne = "No one yet"

var peopleAccountRoles = []model.Role{model.RolePreceptee, model.RolePreceptor, model.RoleLineManager, model.RoleLead, model.RoleFacilitator, model.RoleAdmin}

func newPeopleScreen(s *Shell) *PeopleScreen {
	x := &PeopleScreen{s: s, Search: newField(), detail: container.NewStack(), left: container.NewStack(),
		manageUsers: model.Allowed(s.ss.User, model.ManageUsers, nil), byID: map[string]model.User{}}
	x.Search.SetPlaceHolder("Search (Ctrl+F)")
	x.Search.OnChanged = func(string) { s.u.Idle.Touch(); x.filter() }
	roles := []string{"All roles"}
	for _, r := range peopleAccountRoles {
		roles = append(roles, r.Label())
	}
	x.RoleFilter = newSelect(roles, nil)
	x.RoleFilter.SetSelectedIndex(0)
	x.RoleFilter.OnChanged = func(string) { x.filter() }

	x.AccountList = widget.NewList(func() int { return len(x.ShownAccounts) }, peopleNewRow, func(id widget.ListItemID, o fyne.CanvasObject) {
		u := x.ShownAccounts[id]
		c := color.Color(NHSGreen)
		sub := u.Username
		if !u.Active {
			c, sub = NHSMidGrey, u.Username+" · disabled"
		}
		peopleSetRow(o, c, u.Name, sub, u.Role.Label(), NHSPaleGrey)
	})
	x.AccountList.OnSelected = func(id widget.ListItemID) {
		if id < len(x.ShownAccounts) {
			x.ShowAccount(x.ShownAccounts[id].ID)
		}
	}
	x.ProgrammeList = widget.NewList(func() int { return len(x.ShownProgs) }, peopleNewRow, func(id widget.ListItemID, o fyne.CanvasObject) {
		p := x.ShownProgs[id]
		sub := model.ProfessionByKey(p.Profession).Label
		if p.Service != "" {
			sub += " · " + p.Service
		}
		_, c := peopleStatus(p.Status)
		peopleSetRow(o, c, x.name(p.PrecepteeID), sub, x.progTag(p), NHSPaleGrey)
	})
	x.ProgrammeList.OnSelected = func(id widget.ListItemID) {
		if id < len(x.ShownProgs) {
			x.ShowProgramme(x.ShownProgs[id].ID)
		}
	}
	x.AddAccount = newButtonWithIcon("Add account", theme.ContentAddIcon(), func() { x.NewAccount() })
	x.AddAccount.Importance = widget.HighImportance
	x.StartProgramme = newButtonWithIcon("Start a programme", theme.ContentAddIcon(), func() { x.NewProgramme("") })
	x.StartProgramme.Importance = widget.HighImportance
	x.AccountsTab = newButtonWithIcon("Accounts", theme.AccountIcon(), func() { x.ShowTab("accounts") })
	x.ProgrammesTab = newButtonWithIcon("Programmes", theme.CalendarIcon(), func() { x.ShowTab("programmes") })

	sub := "Everyone's accounts, and each preceptee's programme: who supports them and from when."
	tabs := flow(x.AccountsTab, x.ProgrammesTab)
	if !x.manageUsers {
		sub = "Each preceptee's programme: who supports them, from when, and extensions."
		tabs = container.NewHBox()
	}
	top := container.NewVBox(pageTitle("People & programmes", sub), tabs)
	x.detailScroll = container.NewVScroll(x.detail)
	ld := listBeside(card("", x.left), x.detailScroll, x.detail, 0.4)
	x.root = container.NewBorder(top, nil, nil, nil, ld.Content())
	ld.makeWayAbove(top, x.root, s.afterLayout)
	if x.manageUsers {
		x.ShowTab("accounts")
	} else {
		x.ShowTab("programmes")
	}
	x.reload(nil)
	return x
}

func (x *PeopleScreen) content() fyne.CanvasObject { return x.root }
func (x *PeopleScreen) focusSearch()               { x.s.u.Window.Canvas().Focus(x.Search) }

// save (Ctrl+S) saves the form on show.
func (x *PeopleScreen) save() {
	switch {
	case x.Account != nil:
		x.saveAccount()
	case x.Programme != nil:
		x.saveProgramme()
	}
}

// peopleNewRow is a list line: a dot, a name over a detail, a tag on the right.
func peopleNewRow() fyne.CanvasObject {
	name := widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	name.Truncation = fyne.TextTruncateEllipsis
	sub := widget.NewLabel("")
	sub.Importance = widget.LowImportance
	sub.Truncation = fyne.TextTruncateEllipsis
	return container.NewBorder(nil, nil, container.NewStack(container.NewCenter(dot(NHSMidGrey))), container.NewStack(),
		container.New(&peopleTight{}, name, sub))
}

func peopleSetRow(o fyne.CanvasObject, c color.Color, name, sub, tag string, tagBg color.Color) {
	box := o.(*fyne.Container)
	text := box.Objects[0].(*fyne.Container)
	text.Objects[0].(*widget.Label).SetText(name)
	text.Objects[1].(*widget.Label).SetText(sub)
	left := box.Objects[1].(*fyne.Container)
	showOnly(left, container.NewCenter(dot(c)))
	right := box.Objects[2].(*fyne.Container)
	right.Objects = []fyne.CanvasObject{pill(tag, tagBg)}
	right.Refresh()
	box.Refresh()
}

// peopleTight stacks two labels with less space between them than a VBox leaves.
type peopleTight struct{}

func (peopleTight) MinSize(objs []fyne.CanvasObject) fyne.Size {
	var w, h float32
	for _, o := range objs {
		m := o.MinSize()
		w = max(w, m.Width)
		h += m.Height - 2*theme.Padding()
	}
	return fyne.NewSize(w, h+2*theme.Padding())
}

func (peopleTight) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	y := float32(0)
	for _, o := range objs {
		m := o.MinSize()
		o.Move(fyne.NewPos(0, y))
		o.Resize(fyne.NewSize(size.Width, m.Height))
		y += m.Height - 2*theme.Padding()
	}
}

func peopleStatus(s model.ProgrammeStatus) (string, color.Color) {
	switch s {
	case model.ProgrammeExtended:
		return "Extended", NHSYellow
	case model.ProgrammeCompleted:
		return "Completed", NHSBlue
	case model.ProgrammeLeft:
		return "Left", NHSMidGrey
	}
	return "Active", NHSGreen
}

// progTag says where a programme is: the month, or that it has not started or has ended.
func (x *PeopleScreen) progTag(p model.Programme) string {
	switch p.Status {
	case model.ProgrammeCompleted, model.ProgrammeLeft:
		label, _ := peopleStatus(p.Status)
		return label
	}
	m := p.Month(model.DateOf(x.s.u.opt.Now()))
	if m == 0 {
		return "Starts " + p.StartDate.Display()
	}
	return fmt.Sprintf("Month %d of %d", m, p.Timeline().TotalMonths)
}

// name is a person's name by account id.
func (x *PeopleScreen) name(id string) string {
	if u, ok := x.byID[id]; ok {
		return u.Name
	}
	if id == "" {
		return "—"
	}
	return "Unknown account"
}

// reload reads accounts, programmes and frameworks again, then runs then.
func (x *PeopleScreen) reload(then func()) {
	s := x.s
	var users []model.User
	var progs []model.Programme
	var fws []model.Framework
	s.run(func(ctx context.Context) (err error) {
		if users, err = s.ss.Users(ctx); err != nil {
			return err
		}
		if progs, err = s.ss.Programmes(ctx); err != nil {
			return err
		}
		fws, err = s.u.st.Frameworks(ctx)
		return err
	}, func() {
		if x.gone {
			return
		}
		x.Users, x.Programmes, x.Frameworks = users, progs, fws
		x.byID = map[string]model.User{}
		for _, u := range users {
			x.byID[u.ID] = u
		}
		x.AccountsTab.SetText(fmt.Sprintf("Accounts (%d)", len(users)))
		x.ProgrammesTab.SetText(fmt.Sprintf("Programmes (%d)", len(progs)))
		x.filter()
		if x.glancing {
			x.showPlaceholder() // the numbers at a glance, as they now are
		}
		if then != nil {
			then()
		}
	})
}

// ShowTab switches between the accounts and the programmes.
func (x *PeopleScreen) ShowTab(tab string) {
	x.s.u.Idle.Touch()
	if !x.manageUsers {
		tab = "programmes"
	}
	x.Tab = tab
	x.AccountsTab.Importance, x.ProgrammesTab.Importance = widget.LowImportance, widget.LowImportance
	var list, add fyne.CanvasObject
	var filters fyne.CanvasObject = x.Search
	if tab == "accounts" {
		x.AccountsTab.Importance = widget.HighImportance
		list, add = x.AccountList, x.AddAccount
		filters = container.NewBorder(nil, nil, nil, x.RoleFilter, x.Search)
	} else {
		x.ProgrammesTab.Importance = widget.HighImportance
		list, add = x.ProgrammeList, x.StartProgramme
	}
	x.showPlaceholder()
	x.AccountsTab.Refresh()
	x.ProgrammesTab.Refresh()
	x.left.Objects = []fyne.CanvasObject{container.NewBorder(filters, container.NewHBox(add), nil, nil, list)}
	x.left.Refresh()
	x.filter()
}

func (x *PeopleScreen) clearChosen() {
	x.Account, x.Detail, x.Programme, x.ProgDetail = nil, nil, nil, nil
}

// showPlaceholder shows the numbers at a glance where nothing is chosen.
func (x *PeopleScreen) showPlaceholder() {
	x.clearChosen()
	x.setDetail(x.glance())
	x.glancing = true
}

// setDetail shows o in the right-hand pane, from its top: the pane's scroll is shared by
// everything shown there, and a long form left scrolled to its end showed the next, short
// account as an empty card.
func (x *PeopleScreen) setDetail(o fyne.CanvasObject) {
	x.glancing = false
	showOnly(x.detail, o)
	x.detailScroll.ScrollToTop()
}

// filter narrows both lists to the search and the role.
func (x *PeopleScreen) filter() {
	q := strings.ToLower(strings.TrimSpace(x.Search.Text))
	role := ""
	if i := x.RoleFilter.SelectedIndex(); i > 0 {
		role = string(peopleAccountRoles[i-1])
	}
	x.ShownAccounts = x.ShownAccounts[:0]
	for _, u := range x.Users {
		if role != "" && string(u.Role) != role {
			continue
		}
		if q != "" && !strings.Contains(strings.ToLower(u.Name+" "+u.Username+" "+u.Email), q) {
			continue
		}
		x.ShownAccounts = append(x.ShownAccounts, u)
	}
	x.ShownProgs = x.ShownProgs[:0]
	for _, p := range x.Programmes {
		hay := strings.ToLower(x.name(p.PrecepteeID) + " " + x.byID[p.PrecepteeID].Username + " " + x.name(p.PreceptorID) + " " +
			p.Service + " " + model.ProfessionByKey(p.Profession).Label)
		if q != "" && !strings.Contains(hay, q) {
			continue
		}
		x.ShownProgs = append(x.ShownProgs, p)
	}
	x.AccountList.UnselectAll()
	x.ProgrammeList.UnselectAll()
	x.AccountList.Refresh()
	x.ProgrammeList.Refresh()
}

// programmeOf is a preceptee's newest programme.
func (x *PeopleScreen) programmeOf(userID string) (model.Programme, bool) {
	for _, p := range x.Programmes { // newest start first
		if p.PrecepteeID == userID {
			return p, true
		}
	}
	return model.Programme{}, false
}

// peopleSay shows a message under a form; an empty one takes no room.
func peopleSay(l *widget.Label, text string) {
	l.SetText(text)
	if text == "" {
		l.Hide()
	} else {
		l.Show()
	}
}

// peopleMessage is the red line under a form, hidden until there is something to say.
func peopleMessage() *widget.Label {
	l := errorText()
	l.Hide()
	return l
}

// ---- Accounts ----

// NewAccount opens the add-account form.
func (x *PeopleScreen) NewAccount() *PeopleAccountForm {
	x.s.u.Idle.Touch()
	if x.Tab != "accounts" {
		x.ShowTab("accounts")
	}
	x.clearChosen()
	f := &PeopleAccountForm{Name: newField(), Username: newField(), Email: newField(), Password: newPasswordField(), Message: peopleMessage()}
	labels := make([]string, len(peopleAccountRoles))
	for i, r := range peopleAccountRoles {
		labels[i] = r.Label()
	}
	f.Role = newSelect(labels, nil)
	f.Role.SetSelectedIndex(0)
	f.Name.SetPlaceHolder("Full name, as on their badge")
	f.Username.SetPlaceHolder("For example, jo.bloggs")
	f.Email.SetPlaceHolder("Optional")
	f.Password.SetPlaceHolder(fmt.Sprintf("At least %d characters", model.MinPasswordLen))
	f.Password.OnSubmitted = func(string) { x.saveAccount() }
	f.Save = newButtonWithIcon("Add account", theme.ConfirmIcon(), x.saveAccount)
	f.Save.Importance = widget.HighImportance
	f.Cancel = newButton("Cancel", func() { x.ShowTab("accounts") })
	body := container.NewVBox(
		fieldLabel("Full name"), f.Name,
		fieldLabel("Username"), f.Username,
		note("Lower-case letters, digits, dots, dashes or underscores. The person signs in with it on any PC."),
		fieldLabel("Role"), f.Role,
		note("One role per account. Someone who is both a preceptor and a line manager has an account for each, so every sign-off says in which capacity it was made."),
		fieldLabel("Email"), f.Email,
		fieldLabel("Initial password"), f.Password,
		note("Give it to the person in private; they can change it in Settings."),
		f.Message, container.NewHBox(f.Cancel, f.Save))
	x.Account = f
	x.setDetail(card("Add an account", container.New(&maxWidth{560}, body)))
	x.s.u.Window.Canvas().Focus(f.Name)
	return f
}

func (x *PeopleScreen) saveAccount() {
	f := x.Account
	if f == nil {
		return
	}
	s := x.s
	s.u.Idle.Touch()
	u := model.User{Name: strings.TrimSpace(f.Name.Text), Username: f.Username.Text, Email: strings.TrimSpace(f.Email.Text)}
	if i := f.Role.SelectedIndex(); i >= 0 {
		u.Role = peopleAccountRoles[i]
	}
	password := f.Password.Text
	var added model.User
	var err error
	f.Save.Disable()
	s.u.opt.Async(func() { added, err = s.ss.AddUser(context.Background(), u, password) }, func() {
		f.Save.Enable()
		if err != nil {
			peopleSay(f.Message, sentence(err))
			return
		}
		x.Search.SetText("")
		x.reload(func() {
			x.ShowAccount(added.ID)
			s.toast(fmt.Sprintf("Account added for %s (%s). Give them their password in private.", added.Name, added.Username))
		})
	})
}

// ShowAccount shows one account with its actions.
func (x *PeopleScreen) ShowAccount(id string) *PeopleAccountDetail {
	u, ok := x.byID[id]
	if !ok {
		return nil
	}
	x.Account, x.Programme, x.ProgDetail = nil, nil, nil
	d := &PeopleAccountDetail{User: u}
	d.ResetPassword = newButtonWithIcon("Reset password…", theme.ViewRefreshIcon(), func() { x.ResetPassword(u) })
	if u.Active {
		d.Toggle = newButtonWithIcon("Disable account", theme.CancelIcon(), func() { x.setActive(u, false) })
	} else {
		d.Toggle = newButtonWithIcon("Enable account", theme.ConfirmIcon(), func() { x.setActive(u, true) })
	}
	if u.ID == x.s.ss.User.ID {
		d.Toggle.Disable()
	}
	status := pill("Active", NHSGreen)
	if !u.Active {
		status = pill("Disabled", NHSMidGrey)
	}
	email := u.Email
	if email == "" {
		email = "—"
	}
	facts := container.NewVBox(
		peopleFact("Username", u.Username),
		peopleFact("Role", u.Role.Label()),
		peopleFact("Email", email),
		peopleFact("Added", u.CreatedAt.Local().Format("2 January 2006")))
	body := container.NewVBox(container.NewBorder(nil, nil, nil, status, subheading(u.Name)), facts)
	if u.Role == model.RolePreceptee {
		if p, ok := x.programmeOf(u.ID); ok {
			tl := p.Timeline()
			open := newButtonWithIcon("Open the programme", theme.NavigateNextIcon(), func() {
				x.ShowTab("programmes")
				x.ShowProgramme(p.ID)
			})
			body.Add(widget.NewSeparator())
			body.Add(wrapped(fmt.Sprintf("Programme from %s to %s with %s as preceptor.", tl.Start.Display(), tl.End.Display(), x.name(p.PreceptorID))))
			body.Add(container.NewHBox(open))
		} else {
			d.Start = newButtonWithIcon("Start a programme for "+u.Name, theme.ContentAddIcon(), func() { x.NewProgramme(u.ID) })
			d.Start.Importance = widget.HighImportance
			body.Add(widget.NewSeparator())
			body.Add(note("No programme yet: without one, " + u.Name + " has no portfolio to work in."))
			body.Add(container.NewHBox(d.Start))
		}
	}
	if !u.Active {
		body.Add(note("A disabled account cannot sign in. Everything the person recorded is kept."))
	}
	body.Add(flow(d.ResetPassword, d.Toggle))
	x.Detail = d
	x.setDetail(card("", container.New(&maxWidth{600}, body)))
	return d
}

// peopleFact is a caption beside a value.
func peopleFact(caption, value string) fyne.CanvasObject {
	return container.NewBorder(nil, nil, container.New(&fixedWidth{scaled(190)}, fieldLabel(caption)), nil, wrapped(value))
}

func (x *PeopleScreen) setActive(u model.User, active bool) {
	s := x.s
	do := func() {
		s.run(func(ctx context.Context) error { return s.ss.SetActive(ctx, u.ID, active) }, func() {
			x.reload(func() { x.ShowAccount(u.ID) })
		})
	}
	if active {
		do()
		return
	}
	s.confirm("Disable "+u.Name+"'s account?", "They will not be able to sign in on any PC. Everything they recorded, and every sign-off they gave, is kept; the account can be enabled again.", "Disable account", do)
}

// ResetPassword asks for a new password for someone who forgot theirs.
func (x *PeopleScreen) ResetPassword(u model.User) *PeoplePasswordDialog {
	s := x.s
	s.u.Idle.Touch()
	d := &PeoplePasswordDialog{Password: newPasswordField(), Repeat: newPasswordField(), Message: peopleMessage()}
	d.Password.SetPlaceHolder(fmt.Sprintf("At least %d characters", model.MinPasswordLen))
	d.Repeat.SetPlaceHolder("The same password again")
	submit := func() {
		s.u.Idle.Touch()
		if d.Password.Text != d.Repeat.Text {
			peopleSay(d.Message, "The two passwords are not the same. Type them again.")
			return
		}
		pw := d.Password.Text
		var err error
		d.Confirm.Disable()
		s.u.opt.Async(func() { err = s.ss.ResetPassword(context.Background(), u.ID, pw) }, func() {
			d.Confirm.Enable()
			if err != nil {
				peopleSay(d.Message, sentence(err))
				return
			}
			d.dlg.Hide()
			s.toast("New password set for " + u.Name + ". Give it to them in private; they can change it in Settings.")
		})
	}
	d.Repeat.OnSubmitted = func(string) { submit() }
	d.Confirm = newButtonWithIcon("Set password", theme.ConfirmIcon(), submit)
	d.Confirm.Importance = widget.HighImportance
	cancel := newButton("Cancel", func() { d.dlg.Hide() })
	form := container.NewVBox(wrapped("Set a new password for "+u.Name+" ("+u.Username+"). Their old password stops working at once."),
		fieldLabel("New password"), d.Password, fieldLabel("Repeat the new password"), d.Repeat, d.Message)
	body := container.NewBorder(nil, container.NewHBox(cancel, d.Confirm), nil, nil, column(460, form))
	d.dlg = dialog.NewCustomWithoutButtons("Reset password", body, s.u.Window)
	d.dlg.Resize(fyne.NewSize(500, 10))
	d.dlg.Show()
	s.u.Window.Canvas().Focus(d.Password)
	x.Reset = d
	return d
}

// ---- Programmes ----

// NewProgramme opens the form to start a programme, for a preceptee if one is given.
func (x *PeopleScreen) NewProgramme(precepteeID string) *PeopleProgrammeForm {
	if x.Tab != "programmes" {
		x.ShowTab("programmes")
	}
	p := model.Programme{PrecepteeID: precepteeID, StartDate: model.DateOf(x.s.u.opt.Now())}
	if len(x.Frameworks) > 0 {
		p.FrameworkID = x.Frameworks[0].ID
	}
	return x.programmeForm(p)
}

// ChangeProgramme opens the form on an existing programme.
func (x *PeopleScreen) ChangeProgramme(p model.Programme) *PeopleProgrammeForm {
	return x.programmeForm(p)
}

func (x *PeopleScreen) programmeForm(p model.Programme) *PeopleProgrammeForm {
	s := x.s
	s.u.Idle.Touch()
	x.clearChosen()
	f := &PeopleProgrammeForm{Base: p, Start: newDateField(), Service: newField(), Message: peopleMessage(), people: map[*Select][]string{}}
	f.Preceptee = x.personSelect(f, model.RolePreceptee, p.PrecepteeID, false)
	if p.ID != "" {
		f.Preceptee.Disable() // a programme stays with its preceptee (model: Identity)
	}
	f.Preceptor = x.personSelect(f, model.RolePreceptor, p.PreceptorID, false)
	f.LineManager = x.personSelect(f, model.RoleLineManager, p.LineManagerID, true)
	f.Supervisor = x.personSelect(f, model.RoleFacilitator, p.SupervisorID, true)
	f.Facilitator = x.personSelect(f, model.RoleFacilitator, p.FacilitatorID, true)
	if p.ID != "" {
		f.Preceptee.Disable() // a programme stays with its preceptee
	}
	profs := make([]string, len(model.Professions))
	for i, pr := range model.Professions {
		profs[i] = pr.Label
	}
	f.Profession = newSelect(profs, nil)
	f.Profession.PlaceHolder = "Choose the profession"
	for i, pr := range model.Professions {
		if pr.Key == p.Profession {
			f.Profession.SetSelectedIndex(i)
		}
	}
	var fwLabels []string
	for _, fw := range x.Frameworks {
		fwLabels = append(fwLabels, fw.Name+" (version "+fw.Version+")")
		f.fwIDs = append(f.fwIDs, fw.ID)
	}
	f.Framework = newSelect(fwLabels, nil)
	f.Framework.PlaceHolder = "Choose the framework"
	if i := slices.Index(f.fwIDs, p.FrameworkID); i >= 0 {
		f.Framework.SetSelectedIndex(i)
	}
	f.Start.SetValue(p.StartDate)
	f.Service.SetText(p.Service)
	f.Service.SetPlaceHolder("Ward, team or service, for example Ward 9 — Acute Medicine")
	f.Save = newButtonWithIcon("Start the programme", theme.ConfirmIcon(), x.saveProgramme)
	title := "Start a programme"
	if p.ID != "" {
		f.Save.SetText("Save changes")
		title = "Change " + x.name(p.PrecepteeID) + "'s programme"
	}
	f.Save.Importance = widget.HighImportance
	f.Cancel = newButton("Cancel", func() {
		if p.ID != "" {
			x.ShowProgramme(p.ID)
		} else {
			x.ShowTab("programmes")
		}
	})
	field := func(caption string, w fyne.CanvasObject) fyne.CanvasObject {
		return container.NewVBox(fieldLabel(caption), w)
	}
	people := grid(2,
		field("Preceptee", f.Preceptee), field("Preceptor", f.Preceptor),
		field("Line manager", f.LineManager), field("Clinical supervisor", f.Supervisor),
		field("Career-conversation facilitator", f.Facilitator), field("Start date", f.Start))
	intro := "The programme lasts 12 months, with 4 supernumerary weeks and a meeting with the preceptor at least every 8 weeks. A named preceptor is needed from day one; the others can be added later."
	if f.Base.ID != "" {
		intro += " The preceptee stays the same: their sign-offs belong to this programme."
	}
	body := container.NewVBox(
		wrapped(intro),
		people,
		field("Profession", f.Profession),
		field("Service", f.Service),
		field("Competency framework", f.Framework),
		f.Message, container.NewHBox(f.Cancel, f.Save))
	x.Programme = f
	x.setDetail(card(title, container.New(&maxWidth{720}, body)))
	return f
}

// personSelect offers the active accounts of one role (and whoever is named already).
func (x *PeopleScreen) personSelect(f *PeopleProgrammeForm, role model.Role, current string, optional bool) *Select {
	var labels, ids []string
	if optional {
		labels, ids = append(labels, peopleNoOne), append(ids, "")
	}
	for _, u := range x.Users {
		if u.Role != role || (!u.Active && u.ID != current) {
			continue
		}
		label := u.Name + " (" + u.Username + ")"
		if role == model.RolePreceptee && f.Base.ID == "" {
			if _, has := x.programmeOf(u.ID); has {
				label += " — has a programme"
			}
		}
		labels, ids = append(labels, label), append(ids, u.ID)
	}
	sel := newSelect(labels, nil)
	sel.PlaceHolder = "Choose…"
	if len(labels) == 0 || (optional && len(labels) == 1) {
		sel.PlaceHolder = "No " + strings.ToLower(role.Label()) + " accounts yet"
	}
	f.people[sel] = ids
	if i := slices.Index(ids, current); i >= 0 && (current != "" || optional) {
		sel.SetSelectedIndex(i)
	}
	return sel
}

// Choose selects a person by account id in one of the form's selects (for tests, too).
func (f *PeopleProgrammeForm) Choose(sel *Select, userID string) {
	if i := slices.Index(f.people[sel], userID); i >= 0 {
		sel.SetSelectedIndex(i)
	}
}

func (f *PeopleProgrammeForm) chosen(sel *Select) string {
	i := sel.SelectedIndex()
	if i < 0 || i >= len(f.people[sel]) {
		return ""
	}
	return f.people[sel][i]
}

// Value is the programme as the form describes it.
func (f *PeopleProgrammeForm) Value() model.Programme {
	p := f.Base
	p.PrecepteeID = f.chosen(f.Preceptee)
	p.PreceptorID = f.chosen(f.Preceptor)
	p.LineManagerID = f.chosen(f.LineManager)
	p.SupervisorID = f.chosen(f.Supervisor)
	p.FacilitatorID = f.chosen(f.Facilitator)
	p.StartDate = f.Start.Value()
	p.Service = strings.TrimSpace(f.Service.Text)
	p.Profession = ""
	if i := f.Profession.SelectedIndex(); i >= 0 {
		p.Profession = model.Professions[i].Key
	} else if f.Base.Profession != "" {
		p.Profession = f.Base.Profession
	}
	if i := f.Framework.SelectedIndex(); i >= 0 {
		p.FrameworkID = f.fwIDs[i]
	}
	return p
}

func (x *PeopleScreen) saveProgramme() {
	f := x.Programme
	if f == nil {
		return
	}
	s := x.s
	s.u.Idle.Touch()
	p := f.Value()
	var saved model.Programme
	var err error
	f.Save.Disable()
	s.u.opt.Async(func() { saved, err = s.ss.SaveProgramme(context.Background(), p) }, func() {
		f.Save.Enable()
		if err != nil {
			peopleSay(f.Message, sentence(err))
			return
		}
		x.Search.SetText("")
		x.reload(func() {
			x.ShowProgramme(saved.ID)
			if f.Base.ID == "" {
				s.toast(x.name(saved.PrecepteeID) + "'s programme has started. They can sign in and find their portfolio ready.")
			} else {
				s.toast("Changes saved.")
			}
		})
	})
}

// ShowProgramme shows one programme with its people and dates.
func (x *PeopleScreen) ShowProgramme(id string) *PeopleProgrammeDetail {
	i := slices.IndexFunc(x.Programmes, func(p model.Programme) bool { return p.ID == id })
	if i < 0 {
		return nil
	}
	p := x.Programmes[i]
	x.Account, x.Detail, x.Programme = nil, nil, nil
	d := &PeopleProgrammeDetail{Programme: p}
	d.Change = newButtonWithIcon("Change…", theme.DocumentCreateIcon(), func() { x.ChangeProgramme(p) })
	d.Extend = newButtonWithIcon("Extend…", theme.HistoryIcon(), func() { x.ExtendProgramme(p) })
	if p.Status == model.ProgrammeCompleted || p.Status == model.ProgrammeLeft {
		d.Extend.Disable()
	}
	tl := p.Timeline()
	label, bg := peopleStatus(p.Status)
	length := fmt.Sprintf("%s to %s (%d months", tl.Start.Display(), tl.End.Display(), tl.TotalMonths)
	if p.ExtensionMonths > 0 {
		length += fmt.Sprintf(", extended by %d", p.ExtensionMonths)
	}
	length += ")"
	month := p.Month(model.DateOf(x.s.u.opt.Now()))
	now := fmt.Sprintf("Month %d of %d", month, tl.TotalMonths)
	if month == 0 {
		now = "Not started yet"
	}
	fw := p.FrameworkID
	for _, f := range x.Frameworks {
		if f.ID == p.FrameworkID {
			fw = f.Name + " (version " + f.Version + ")"
		}
	}
	service := p.Service
	if service == "" {
		service = "—"
	}
	facts := container.NewVBox(
		peopleFact("Profession", model.ProfessionByKey(p.Profession).Label),
		peopleFact("Service", service),
		peopleFact("Dates", length),
		peopleFact("Now", now),
		peopleFact("Supernumerary until", tl.SupernumeraryEnd.Display()),
		widget.NewSeparator(),
		peopleFact("Preceptor", x.name(p.PreceptorID)),
		peopleFact("Line manager", x.name(p.LineManagerID)),
		peopleFact("Clinical supervisor", x.name(p.SupervisorID)),
		peopleFact("Career conversations", x.name(p.FacilitatorID)),
		widget.NewSeparator(),
		peopleFact("Framework", fw))
	body := container.NewVBox(container.NewBorder(nil, nil, nil, pill(label, bg), subheading(x.name(p.PrecepteeID))),
		flow(d.Change, d.Extend), widget.NewSeparator(), facts)
	x.ProgDetail = d
	x.setDetail(card("", container.New(&maxWidth{640}, body)))
	return d
}

// ExtendProgramme asks by how many months to lengthen a programme.
func (x *PeopleScreen) ExtendProgramme(p model.Programme) *PeopleExtendDialog {
	s := x.s
	s.u.Idle.Touch()
	d := &PeopleExtendDialog{Message: peopleMessage()}
	var months []string
	for m := 1; m <= 12; m++ {
		if m == 1 {
			months = append(months, "1 month")
		} else {
			months = append(months, fmt.Sprintf("%d months", m))
		}
	}
	d.Months = newSelect(months, nil)
	d.Months.SetSelectedIndex(2)
	d.Confirm = newButtonWithIcon("Extend", theme.ConfirmIcon(), func() {
		s.u.Idle.Touch()
		n := d.Months.SelectedIndex() + 1
		var err error
		d.Confirm.Disable()
		s.u.opt.Async(func() { _, err = s.ss.ExtendProgramme(context.Background(), p.ID, n) }, func() {
			d.Confirm.Enable()
			if err != nil {
				peopleSay(d.Message, sentence(err))
				return
			}
			d.dlg.Hide()
			x.reload(func() { x.ShowProgramme(p.ID) })
		})
	})
	d.Confirm.Importance = widget.HighImportance
	cancel := newButton("Cancel", func() { d.dlg.Hide() })
	form := container.NewVBox(
		wrapped("Extend "+x.name(p.PrecepteeID)+"'s programme, for example after long leave or when more support is agreed. The end date moves with it; everything recorded so far is kept."),
		container.NewBorder(nil, nil, sideLabel("Extend by"), nil, d.Months), d.Message)
	body := container.NewBorder(nil, container.NewHBox(cancel, d.Confirm), nil, nil, column(460, form))
	d.dlg = dialog.NewCustomWithoutButtons("Extend the programme", body, s.u.Window)
	d.dlg.Resize(fyne.NewSize(500, 10))
	d.dlg.Show()
	x.Extend = d
	return d
}

// leave lets go of the accounts and programmes: a Trust's are megabytes for each screen left.
func (x *PeopleScreen) leave() {
	x.gone = true
	x.Users, x.Programmes, x.Frameworks, x.ShownAccounts, x.ShownProgs, x.byID = nil, nil, nil, nil, nil, nil
}
