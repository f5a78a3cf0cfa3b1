package ui

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"pursuit/model"
	"pursuit/model/sqlite"
	"pursuit/report"
)

// Countersign is the dialog in which a person confirms something with their own username
// and password, on whichever PC is to hand: a preceptor signing off on the preceptee's PC.
type Countersign struct {
	Username  *Field
	Password  *Field
	Comment   *TextArea // only when the action takes comments
	Confirm   *Button
	Cancel    *Button
	Message   *widget.Label
	Statement *widget.Label // what the signer confirms, in their own name
	dlg       dialog.Dialog
}

// countersign asks for credentials and runs action with them; done runs after success.
func (s *Shell) countersign(title, statement string, action func(sqlite.Countersignature) error, done func()) *Countersign {
	return s.countersignWith(title, statement, "", func(c sqlite.Countersignature, _ string) error { return action(c) }, done)
}

// countersignWith is countersign with a comment box (returning a competency needs one).
func (s *Shell) countersignWith(title, statement, commentPrompt string, action func(sqlite.Countersignature, string) error, done func()) *Countersign {
	c := &Countersign{Username: newField(), Password: newPasswordField(), Message: errorText(), Statement: wrapped(statement)}
	c.Username.SetPlaceHolder("Your username")
	c.Password.SetPlaceHolder("Your password")
	if s.ss.User.Role != model.RolePreceptee {
		c.Username.SetText(s.ss.User.Username) // a preceptor on their own laptop
	}
	form := container.NewVBox(c.Statement)
	if commentPrompt != "" {
		c.Comment = multiline(commentPrompt, 4)
		form.Add(fieldLabel("Comments for the preceptee"))
		form.Add(c.Comment)
	}
	form.Add(note("Confirm with your own username and password. It is checked now, and recorded with the time."))
	form.Add(fieldLabel("Username"))
	form.Add(c.Username)
	form.Add(fieldLabel("Password"))
	form.Add(c.Password)
	form.Add(c.Message)
	submit := func() {
		s.u.Idle.Touch()
		comment := ""
		if c.Comment != nil {
			comment = c.Comment.Text
		}
		cs := sqlite.Countersignature{Username: c.Username.Text, Password: c.Password.Text}
		c.Confirm.Disable()
		var err error
		s.u.opt.Async(func() { err = action(cs, comment) }, func() {
			c.Confirm.Enable()
			if err != nil {
				c.Message.SetText(sentence(err))
				c.Password.SetText("")
				return
			}
			c.dlg.Hide()
			if done != nil {
				done()
			}
		})
	}
	c.Password.OnSubmitted = func(string) { submit() }
	c.Confirm = newButtonWithIcon(title, theme.ConfirmIcon(), submit)
	c.Confirm.Importance = widget.HighImportance
	c.Cancel = newButton("Cancel", func() { c.dlg.Hide() })
	body := container.NewBorder(nil, container.NewHBox(c.Cancel, c.Confirm), nil, nil, column(480, form))
	c.dlg = dialog.NewCustomWithoutButtons(title, body, s.u.Window)
	c.dlg.Resize(fyne.NewSize(520, 10))
	c.dlg.Show()
	s.Dialog = c
	// The cursor waits where the person types first: the comments when there are any (a
	// preceptor typing feedback into a masked password box loses it), else the password
	// under a username already filled in, else the username.
	switch {
	case c.Comment != nil:
		s.u.Window.Canvas().Focus(c.Comment)
	case c.Username.Text != "":
		s.u.Window.Canvas().Focus(c.Password)
	default:
		s.u.Window.Canvas().Focus(c.Username)
	}
	return c
}

// IdentifierWarning asks before saving text that looks as if it identifies a patient.
type IdentifierWarning struct {
	Findings   []model.Finding
	Edit       *Button
	SaveAnyway *Button
	dlg        dialog.Dialog
}

// checkIdentifiers scans text; when it finds anything it asks the person first and calls
// save only if they choose to. It returns the warning shown, or nil.
func (s *Shell) checkIdentifiers(text string, save func()) *IdentifierWarning {
	findings := model.IdentifierScanner{ReferenceYear: s.u.opt.Now().Year()}.Scan(text)
	if len(findings) == 0 {
		save()
		return nil
	}
	w := &IdentifierWarning{Findings: findings}
	list := container.NewVBox()
	for i, f := range findings {
		if i == 6 {
			list.Add(note(fmt.Sprintf("…and %d more.", len(findings)-6)))
			break
		}
		list.Add(container.NewBorder(nil, nil, container.NewCenter(dot(NHSRed)), nil, wrapped(fmt.Sprintf("Line %d: %s", f.Line, f.Message))))
	}
	intro := wrapped("Reflections and evidence must not identify patients or service users. Please check before you save:")
	w.Edit = newButtonWithIcon("Go back and edit", theme.DocumentCreateIcon(), func() { w.dlg.Hide() })
	w.Edit.Importance = widget.HighImportance
	w.SaveAnyway = newButton("Save anyway – it is not a patient", func() { w.dlg.Hide(); save() })
	body := container.NewBorder(intro, container.NewHBox(w.SaveAnyway, w.Edit), nil, nil, container.NewVScroll(list))
	w.dlg = dialog.NewCustomWithoutButtons("This may identify a patient", column(560, body), s.u.Window)
	w.dlg.Resize(fyne.NewSize(600, 380))
	w.dlg.Show()
	s.Warning = w
	return w
}

// Question is an open yes/no question, for tests.
type Question struct {
	Message string
	Yes, No *Button
	dlg     dialog.Dialog
}

// confirm asks a yes/no question with the action named on its button.
func (s *Shell) confirm(title, message, action string, yes func()) {
	s.Asked = askQuestion(s.u.Window, title, message, action, func() { s.u.Idle.Touch(); yes() })
}

// askQuestion shows a yes/no question over w, with the action named on its button.
func askQuestion(w fyne.Window, title, message, action string, yes func()) *Question {
	q := &Question{Message: message}
	q.Yes = newButton(action, func() { q.dlg.Hide(); yes() })
	q.Yes.Importance = widget.HighImportance
	q.No = newButton("Cancel", func() { q.dlg.Hide() })
	body := container.NewBorder(nil, container.NewHBox(q.No, q.Yes), nil, nil, column(460, wrapped(message)))
	q.dlg = dialog.NewCustomWithoutButtons(title, body, w)
	q.dlg.Show()
	return q
}

// showCertificate asks where to save the completion certificate, as every other document
// does, then writes and opens it: it was written without asking into the data folder, on
// a PC many people share.
func (s *Shell) showCertificate(pf model.Portfolio) {
	s.saveAs("certificate "+fileSafe(pf.Preceptee.Name)+".pdf", ".pdf", func(w fyne.URIWriteCloser) {
		s.CertificateTo(pf, w, w.URI().Path())
	})
}

// CertificateTo writes the completion certificate to w (the file at path), then opens it.
func (s *Shell) CertificateTo(pf model.Portfolio, w io.WriteCloser, path string) {
	s.run(func(ctx context.Context) error {
		var b bytes.Buffer
		err := report.Certificate(&b, pf, DocumentFonts())
		if err == nil {
			_, err = w.Write(b.Bytes())
		}
		if err = errors.Join(err, w.Close()); err != nil {
			os.Remove(path)
		}
		return err
	}, func() {
		s.toast("Saved the certificate to " + path)
		_ = s.u.opt.OpenFile(path)
	})
}

// DocumentFonts are the window's own Noto Sans faces, so documents match the screens.
func DocumentFonts() report.Fonts {
	return report.Fonts{Regular: theme.DefaultTextFont().Content(), Bold: theme.DefaultTextBoldFont().Content(), Italic: theme.DefaultTextItalicFont().Content()}
}

// fileSafe turns a name into a file name that every system accepts.
func fileSafe(name string) string {
	return strings.Map(func(r rune) rune {
		if strings.ContainsRune(`<>:"/\|?*`, r) || r < 32 {
			return '-'
		}
		return r
	}, name)
}

// pickCompetencies opens a searchable checklist of a preceptee's competencies with chosen
// ticked; done receives the ticked codes in the framework's order.
func (s *Shell) pickCompetencies(title string, views []model.CompetencyView, chosen []string, done func([]string)) *CompetencyPicker {
	p := &CompetencyPicker{Selected: map[string]bool{}}
	for _, c := range chosen {
		p.Selected[c] = true
	}
	p.Search = newField()
	p.Search.SetPlaceHolder("Search by code or words")
	list := container.NewVBox()
	fill := func() {
		list.Objects = nil
		q := strings.ToLower(p.Search.Text)
		p.Checks = map[string]*widget.Check{}
		for _, v := range views {
			if q != "" && !strings.Contains(strings.ToLower(v.Code+" "+v.Title+" "+v.Domain), q) {
				continue
			}
			code := v.Code
			chk := widget.NewCheck(v.Code+"  "+v.Title, func(on bool) { p.Selected[code] = on })
			chk.SetChecked(p.Selected[code])
			p.Checks[code] = chk
			list.Add(chk)
		}
		list.Refresh()
	}
	p.Search.OnChanged = func(string) { s.u.Idle.Touch(); fill() }
	fill()
	var pop *widget.PopUp
	p.Done = newButtonWithIcon("Link the ticked competencies", theme.ConfirmIcon(), func() {
		var codes []string
		for _, v := range views {
			if p.Selected[v.Code] {
				codes = append(codes, v.Code)
			}
		}
		pop.Hide()
		done(codes)
	})
	p.Done.Importance = widget.HighImportance
	cancel := newButton("Cancel", func() { pop.Hide() })
	body := container.NewBorder(p.Search, container.NewHBox(cancel, p.Done), nil, nil, container.NewVScroll(list))
	pop = widget.NewModalPopUp(card(title, body), s.u.Window.Canvas())
	pop.Resize(fyne.NewSize(720, 560))
	pop.Show()
	s.u.Window.Canvas().Focus(p.Search)
	return p
}

// CompetencyPicker is the open link picker, for tests.
type CompetencyPicker struct {
	Search   *Field
	Checks   map[string]*widget.Check
	Selected map[string]bool
	Done     *Button
}

// fileDialog is what the file and folder dialogs share.
type fileDialog interface {
	SetView(dialog.ViewLayout)
	Resize(fyne.Size)
	Show()
}

// showFileDialog opens a file or folder dialog as a list, where a whole file name can be
// read (the grid of icons breaks names across lines), at a size the window can hold.
func showFileDialog(d fileDialog, w fyne.Window) {
	d.SetView(dialog.ListView)
	size := w.Canvas().Size()
	d.Resize(fyne.NewSize(min(900, size.Width-40), min(600, size.Height-40)))
	d.Show()
}

// modalForm is a dialog of a form width wide with its buttons under it. The form scrolls
// where the window is too short for it, and the buttons stay in view: the testimony
// dialog at 1024×700 put its Confirm below the window's edge.
func modalForm(title string, width float32, form, buttons fyne.CanvasObject, c fyne.Canvas) *widget.PopUp {
	col := column(width, form)
	scroll := container.NewVScroll(col)
	// Room for the title, its rule, the buttons and the card's padding round them.
	chrome := headline(title, 19).MinSize().Height + buttons.MinSize().Height + 10*theme.Padding()
	room := c.Size().Height - chrome - 2*theme.Padding()
	scroll.SetMinSize(fyne.NewSize(width, max(120, min(col.MinSize().Height, room))))
	return widget.NewModalPopUp(card(title, container.NewBorder(nil, buttons, nil, nil, scroll)), c)
}
