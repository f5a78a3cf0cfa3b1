package ui

// The shared folder's administrator key, in words: which key this PC trusts, how it came
// to trust it, and a way to confirm it against the fingerprint the Trust published.

import (
	"context"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"pursuit/model/sqlite"
)

// rootTrustText says which administrator key this PC trusts and why, for the Settings and
// Sync screens. rootName is the key's account as known here ("" when not yet).
func rootTrustText(t sqlite.RootTrust, rootName, confirmWhere string) string {
	if rootName == "" {
		rootName = "the administrator who set the folder up"
	}
	switch {
	case !t.Pinned.Protected() && t.Deployed != "":
		return "The Trust's settings for this PC name the folder's administrator key (fingerprint " + t.Deployed + "): this PC syncs only with a folder protected by that key."
	case !t.Pinned.Protected() && t.Confirmed != "":
		return "Confirmed here: this PC syncs only with a folder protected by the administrator key with fingerprint " + t.Confirmed + "."
	case !t.Pinned.Protected():
		return ""
	}
	// The fingerprint on a line of its own, so that it is read (and compared) in one piece.
	head := "This PC trusts " + rootName + "'s key, whose fingerprint is\n" + t.Pinned.Fingerprint() + "\n"
	switch {
	case t.Deployed != "":
		return head + "It is the one the Trust's settings for this PC name (set by IT). A folder naming another key, or none, is refused."
	case t.Confirmed != "":
		by := t.ConfirmedBy
		if by == "" {
			by = "someone at this PC"
		}
		return head + "Confirmed by " + by + " on " + t.ConfirmedAt.Local().Format("2 January 2006") + ". A folder naming another key, or none, is refused."
	}
	return head + "Nobody has checked it yet: it is the key the folder named when this PC first synced. Compare it with the fingerprint the Trust's IT published; if it is the same, confirm it " + confirmWhere + ". If it is not, stop using this folder and tell IT."
}

// rootConfirm is the Settings part that shows the key and confirms it.
type rootConfirm struct {
	Text        *widget.Label
	Fingerprint *Field
	Confirm     *Button
	Message     *widget.Label
	form        *fyne.Container
}

func newRootConfirm(onConfirm func()) *rootConfirm {
	r := &rootConfirm{Text: wrapped(""), Fingerprint: newField(), Message: wrapped("")}
	r.Fingerprint.SetPlaceHolder("The fingerprint the Trust published: 30 digits")
	r.Fingerprint.OnSubmitted = func(string) { onConfirm() }
	r.Confirm = newButtonWithIcon("Confirm", theme.ConfirmIcon(), onConfirm)
	r.form = container.NewBorder(nil, nil, nil, r.Confirm, r.Fingerprint)
	r.form.Hide()
	r.Text.Hide()
	r.Message.Hide()
	return r
}

func (r *rootConfirm) content() fyne.CanvasObject {
	return container.NewVBox(r.Text, r.Message, r.form) // the message above the field, where Enter leaves the eye
}

// show puts what this PC trusts on screen; the form only while nobody has checked the key.
func (r *rootConfirm) show(t sqlite.RootTrust, rootName string) {
	text := rootTrustText(t, rootName, "below")
	r.Text.SetText(text)
	r.Text.Hidden = text == ""
	r.form.Hidden = !t.Pinned.Protected() || t.Checked()
	r.Text.Refresh()
	r.form.Refresh()
}

// loadRoot reads what this PC trusts, with the key's account name.
func loadRoot(ctx context.Context, s *Shell) (sqlite.RootTrust, string, error) {
	t, err := s.u.st.RootTrust(ctx)
	if err != nil || !t.Pinned.Protected() {
		return t, "", err
	}
	name := ""
	if u, err := s.ss.UserByID(ctx, t.Pinned.UserID); err == nil {
		name = u.Name
	}
	return t, name, nil
}
