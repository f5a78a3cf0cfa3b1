package ui

import (
	"context"
	"fmt"
	"io"
	"os"
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"pursuit/model"
)

// AttachmentList shows and edits the files of a record (an evidence item, a training
// certificate): a thumbnail for pictures, name and size, Open in the system's viewer, Remove,
// and attaching by the file dialog or by dropping files on the window. The bytes go into the
// store at once; the record links them when it is saved.
type AttachmentList struct {
	Files []model.Attachment
	Box   *fyne.Container

	s        *Shell
	editable bool
	empty    string
	say      func(text string) // progress and results, for the person
	changed  func()            // after a file is added or removed
}

func newAttachmentList(s *Shell, files []model.Attachment, editable bool, empty string, say func(string), changed func()) *AttachmentList {
	l := &AttachmentList{Files: slices.Clone(files), Box: container.NewVBox(), s: s, editable: editable, empty: empty, say: say, changed: changed}
	l.Refresh()
	return l
}

// Refresh draws the list again.
func (l *AttachmentList) Refresh() {
	s := l.s
	l.Box.Objects = nil
	for _, a := range l.Files {
		path, err := s.u.st.AttachmentPath(a.SHA256)
		var thumb fyne.CanvasObject = container.New(&fixedSize{fyne.NewSize(64, 48)}, widget.NewIcon(theme.FileIcon()))
		if err == nil && a.IsImage() {
			img := canvas.NewImageFromFile(path)
			img.FillMode = canvas.ImageFillContain
			img.ScaleMode = canvas.ImageScaleFastest
			thumb = container.New(&fixedSize{fyne.NewSize(96, 72)}, img)
		}
		info := a.Name + " · " + model.DisplaySize(a.Size)
		if err != nil {
			info += " · not on this device yet"
		}
		open := newButtonWithIcon("Open", theme.FileApplicationIcon(), func() {
			if err := s.u.opt.OpenFile(path); err != nil {
				s.showError(err)
			}
		})
		if err != nil {
			open.Disable()
		}
		right := container.NewHBox(open)
		if l.editable {
			rm := newButtonWithIcon("Remove", theme.DeleteIcon(), func() {
				l.Files = slices.DeleteFunc(l.Files, func(x model.Attachment) bool { return x.SHA256 == a.SHA256 && x.Name == a.Name })
				l.Refresh()
				l.say(a.Name + " removed — save to keep the change.")
				l.changed()
			})
			right.Add(rm)
		}
		// Name and size above the buttons, beside the picture: a long file name keeps the width.
		l.Box.Add(container.NewBorder(nil, nil, thumb, nil, container.NewVBox(wrapped(info), right)))
	}
	if len(l.Files) == 0 {
		l.Box.Add(note(l.empty))
	}
	l.Box.Refresh()
}

// Choose opens the file dialog in the person's home folder.
func (l *AttachmentList) Choose() {
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil || r == nil {
			return
		}
		l.attach(r, r.URI().Name())
	}, l.s.u.Window)
	if home, err := os.UserHomeDir(); err == nil {
		if dir, err := storage.ListerForURI(storage.NewFileURI(home)); err == nil {
			d.SetLocation(dir)
		}
	}
	showFileDialog(d, l.s.u.Window)
}

// AttachPath stores a dropped or chosen file and adds it to the list.
func (l *AttachmentList) AttachPath(path, name string) {
	f, err := os.Open(path)
	if err != nil {
		l.s.showError(fmt.Errorf("attach %s: %w", name, err))
		return
	}
	l.attach(f, name)
}

func (l *AttachmentList) attach(r io.ReadCloser, name string) {
	s := l.s
	var a model.Attachment
	l.say("Attaching " + name + "…")
	s.run(func(ctx context.Context) (err error) {
		defer r.Close()
		a, err = s.u.st.PutAttachment(ctx, r, name)
		return err
	}, func() {
		l.Files = append(l.Files, a)
		l.Refresh()
		l.say(name + " attached — save to keep it.")
		l.changed()
	})
}
