package ui

import (
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"pursuit/model"
	"pursuit/report"
	"pursuit/report/export"
)

// What the Export dialog offers, in the words on its choices.
var exportKinds = []struct {
	kind  export.Kind
	label string
}{
	{export.Portfolio, "Portfolio for a PACE meeting or sign-off (PDF)"},
	{export.Revalidation, "NMC revalidation pack: reflective accounts, feedback and CPD logs (PDF)"},
	{export.Archive, "Personal archive to take with you: every record, file and the PDF (zip)"},
}

// sectionLabels name the portfolio's sections as the contents page does.
var sectionLabels = map[string]string{
	"summary": "Summary and timeline", "competencies": "Competencies and sign-offs", "plan": "Learning plan",
	"meetings": "Meetings", "training": "Training", "learning": "Structured learning", "evidence": "Evidence in full",
	"matrix": "Evidence × competency matrix", "conversations": "Career conversations",
}

// ExportDialog writes a preceptee's portfolio, revalidation pack or personal archive: the
// options, then a file name; a progress bar with Cancel while it is written; the file opens
// in the system's viewer afterwards.
type ExportDialog struct {
	s    *Shell
	pf   model.Programme
	name string

	Kind          *widget.RadioGroup
	Purpose       *Field
	Since         *DateField
	Sections      map[string]*widget.Check
	Attachments   *widget.Check
	Conversations *widget.Check // only for the preceptee, whose conversations they are; else nil
	Progress      *widget.ProgressBar
	Status        *widget.Label
	Export        *Button
	Close         *Button
	Saved         string // the file last written, for tests

	options, purposeBox, sinceBox *fyne.Container
	running                       context.CancelFunc
	dlg                           dialog.Dialog
}

// openExport shows the Export dialog for the portfolio on show.
func (s *Shell) openExport(p model.Programme, name string) *ExportDialog {
	s.u.Idle.Touch()
	e := &ExportDialog{s: s, pf: p, name: name, Sections: map[string]*widget.Check{}}
	var labels []string
	for _, k := range exportKinds {
		if k.kind == export.Archive && !model.Allowed(s.ss.User, model.ExportArchive, &p) {
			continue
		}
		labels = append(labels, k.label)
	}
	e.Kind = widget.NewRadioGroup(labels, func(string) { e.showOptions() })
	e.Kind.Required = true
	e.Purpose = newField()
	e.Purpose.SetPlaceHolder("e.g. PACE meeting 14 March 2027")
	e.Since = newDateField()
	grid := grid(3)
	own := model.Allowed(s.ss.User, model.ViewCareerConversation, &p) && s.ss.User.ID == p.PrecepteeID
	for _, sec := range report.PortfolioSections {
		if sec == "conversations" {
			continue // a choice of its own below, because it is confidential
		}
		c := widget.NewCheck(sectionLabels[sec], nil)
		c.SetChecked(true)
		e.Sections[sec] = c
		grid.Add(c)
	}
	e.Attachments = widget.NewCheck("Include pictures, and list the other attached files", nil)
	e.Attachments.SetChecked(true)
	if own {
		e.Conversations = widget.NewCheck("Include my career conversations (they are confidential: leave them out unless you want them shared)", nil)
	}
	e.Progress = widget.NewProgressBar()
	e.Progress.Hide()
	e.Status = wrapped("")
	e.Export = newButtonWithIcon("Export…", theme.DocumentSaveIcon(), e.choose)
	e.Export.Importance = widget.HighImportance
	e.Close = newButton("Cancel", e.cancel)

	e.purposeBox = container.NewVBox(fieldLabel("Purpose, printed on the cover"), e.Purpose)
	e.sinceBox = container.NewVBox(fieldLabel("Only what is dated since (empty: everything)"), e.Since)
	e.options = container.NewVBox(fieldLabel("Sections"), grid, e.Attachments)
	if e.Conversations != nil {
		e.options.Add(e.Conversations)
	}
	body := container.NewVBox(
		fieldLabel("What to export"), e.Kind, widget.NewSeparator(),
		columns(e.purposeBox, e.sinceBox), e.options, widget.NewSeparator(),
		e.Progress, e.Status)
	e.Kind.SetSelected(labels[0])
	buttons := container.NewHBox(e.Close, e.Export)
	title := "Export " + possessive(name) + " portfolio"
	if s.ss.User.ID == p.PrecepteeID {
		title = "Export your portfolio"
	}
	e.dlg = dialog.NewCustomWithoutButtons(title,
		container.NewBorder(nil, container.NewBorder(nil, nil, nil, buttons), nil, nil, column(760, body)), s.u.Window)
	e.dlg.Show()
	return e
}

func possessive(name string) string {
	if strings.HasSuffix(name, "s") {
		return name + "’"
	}
	return name + "’s"
}

// kind is the export chosen.
func (e *ExportDialog) kind() export.Kind {
	for _, k := range exportKinds {
		if k.label == e.Kind.Selected {
			return k.kind
		}
	}
	return export.Portfolio
}

// Choose picks an export by its kind (tests).
func (e *ExportDialog) Choose(k export.Kind) {
	for _, x := range exportKinds {
		if x.kind == k {
			e.Kind.SetSelected(x.label)
		}
	}
}

func (e *ExportDialog) showOptions() {
	if e.options == nil {
		return
	}
	// The purpose and sections shape the portfolio only; an archive holds everything.
	show := func(o fyne.CanvasObject, on bool) {
		if on {
			o.Show()
		} else {
			o.Hide()
		}
	}
	k := e.kind()
	show(e.options, k == export.Portfolio)
	show(e.purposeBox, k == export.Portfolio)
	show(e.sinceBox, k != export.Archive)
}

// request gathers the choices.
func (e *ExportDialog) request() export.Request {
	r := export.Request{Kind: e.kind(), ProgrammeID: e.pf.ID, Purpose: strings.TrimSpace(e.Purpose.Text), Since: e.Since.Value(),
		Attachments: e.Attachments.Checked, Conversations: e.Conversations != nil && e.Conversations.Checked, Now: e.s.u.opt.Now()}
	for _, sec := range report.PortfolioSections {
		if c, ok := e.Sections[sec]; ok && c.Checked {
			r.Sections = append(r.Sections, sec)
		}
	}
	if r.Conversations {
		r.Sections = append(r.Sections, "conversations")
	}
	return r
}

// choose asks where to save, in the person's Documents folder by default.
func (e *ExportDialog) choose() {
	r := e.request()
	if r.Kind == export.Portfolio && len(r.Sections) == 0 {
		e.Status.SetText("Choose at least one section.")
		return
	}
	ext := ".pdf"
	if r.Kind == export.Archive {
		ext = ".zip"
	}
	e.s.saveAs(export.FileName(r.Kind, e.name, model.DateOf(r.Now)), ext, func(w fyne.URIWriteCloser) {
		e.Write(w, w.URI().Path())
	})
}

// Write exports into w (a file the person chose, at path), showing progress; the file
// opens when it is done. Cancel stops the work and removes the unfinished file.
func (e *ExportDialog) Write(w io.WriteCloser, path string) {
	req := e.request()
	ctx, cancel := context.WithCancel(context.Background())
	e.running = cancel
	e.Export.Disable()
	e.Kind.Disable()
	e.Close.SetText("Cancel export")
	e.Progress.SetValue(0)
	e.Progress.Show()
	e.Status.SetText("Writing " + filepath.Base(path) + "…")
	req.Progress = func(done, total int) {
		if total > 0 {
			fyne.Do(func() { e.Progress.SetValue(float64(done) / float64(total)) })
		}
	}
	var err error
	e.s.u.opt.Async(func() {
		_, err = export.Write(ctx, w, e.s.u.st, e.s.ss, DocumentFonts(), req)
		err = errors.Join(err, w.Close())
	}, func() {
		e.running = nil
		cancel()
		e.Export.Enable()
		e.Kind.Enable()
		e.Close.SetText("Cancel")
		if err != nil {
			os.Remove(path) // nothing of it was written, or it is unfinished
			e.Progress.Hide()
			if errors.Is(err, context.Canceled) {
				e.Status.SetText("Export cancelled. Nothing was saved.")
			} else {
				e.Status.SetText(sentence(err))
			}
			return
		}
		e.Progress.SetValue(1)
		e.Saved = path
		e.dlg.Hide()
		if oerr := e.s.u.opt.OpenFile(path); oerr != nil {
			e.s.toast("Saved to " + path)
			return
		}
		e.s.toast("Saved to " + path + " and opened it.")
	})
}

// cancel stops an export under way, or closes the dialog.
func (e *ExportDialog) cancel() {
	if e.running != nil {
		e.running()
		e.Status.SetText("Cancelling…")
		return
	}
	e.dlg.Hide()
}

// saveAs asks where to save a document, starting in the person's Documents folder.
func (s *Shell) saveAs(name, ext string, save func(fyne.URIWriteCloser)) {
	s.u.Idle.Touch()
	d := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
		if err != nil {
			s.showError(err)
			return
		}
		if w != nil {
			save(w)
		}
	}, s.u.Window)
	d.SetFileName(name)
	d.SetFilter(storage.NewExtensionFileFilter([]string{ext}))
	if home, err := os.UserHomeDir(); err == nil {
		dir := home
		if fi, err := os.Stat(filepath.Join(home, "Documents")); err == nil && fi.IsDir() {
			dir = filepath.Join(home, "Documents")
		}
		if l, err := storage.ListerForURI(storage.NewFileURI(dir)); err == nil {
			d.SetLocation(l)
		}
	}
	showFileDialog(d, s.u.Window)
}
