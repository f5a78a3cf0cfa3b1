package ui

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"pursuit/model"
	"pursuit/model/sqlite"
	pursuitsync "pursuit/sync"
)

// The sync indicator in the header, and the Sync screen it opens: the state of sync with
// the shared folder, texts changed on two devices with the choice between them, and the
// devices this one hears from.

// syncText is the indicator's words for a status and the number of choices waiting.
func syncText(st pursuitsync.Status, conflicts int, now time.Time) string {
	var text string
	switch st.State {
	case pursuitsync.NotSetUp:
		text = "Sync: not set up"
	case pursuitsync.Offline:
		text = "Offline"
		if st.Pending > 0 {
			text += fmt.Sprintf(" · %d waiting", st.Pending)
		}
	case pursuitsync.Syncing:
		text = "Syncing…"
		if st.Activity != "" {
			text = st.Activity + "…"
		}
	case pursuitsync.UpToDate:
		text = "Up to date · " + clockText(st.LastSynced, now)
		if st.Pending > 0 {
			text = fmt.Sprintf("Synced %s · %d waiting", clockText(st.LastSynced, now), st.Pending)
		}
	case pursuitsync.Failed:
		text = "Sync problem"
	}
	if st.State == pursuitsync.UpToDate && len(st.Last.Warnings) > 0 {
		text += " · see Sync" // something on the share was skipped: the Sync screen says what
	}
	if conflicts == 1 {
		text += " · 1 to choose"
	} else if conflicts > 1 {
		text += fmt.Sprintf(" · %d to choose", conflicts)
	}
	return text
}

func clockText(t, now time.Time) string {
	if t.IsZero() {
		return "never"
	}
	t = t.Local()
	if y1, m1, d1 := t.Date(); true {
		if y2, m2, d2 := now.Local().Date(); y1 == y2 && m1 == m2 && d1 == d2 {
			return t.Format("15:04")
		}
	}
	return t.Format("2 Jan 15:04")
}

// showSyncStatus updates the indicator; it counts the choices waiting off the UI goroutine.
func (s *Shell) showSyncStatus(st pursuitsync.Status) {
	var n int
	s.u.opt.Async(func() { n, _ = s.ss.ConflictCount(context.Background()) }, func() {
		s.syncState = st
		s.SetSync(syncText(st, n, s.u.opt.Now()))
		if sc, ok := s.Screen.(*SyncScreen); ok && st.State != pursuitsync.Syncing {
			sc.reload()
		}
	})
}

// SyncScreen shows sync's state and the choices waiting.
type SyncScreen struct {
	s         *Shell
	root      fyne.CanvasObject
	State     *widget.Label
	Detail    *widget.Label
	SyncNow   *Button
	Conflicts *fyne.Container
	Devices   *fyne.Container
	Skewed    *fyne.Container // devices whose clocks run far ahead, flagged where they are seen first
	// Protection says whether changes arriving here are checked (a protected folder).
	Protection *widget.Label
	// Rejected lists the changes from the folder that were kept aside: all of them for
	// administrators and leads; for anyone else only their own signed with their old key
	// (the card is shown only when there are some).
	Rejected     *fyne.Container
	rejectedCard fyne.CanvasObject
	// Vouch holds a "Vouch for it" button per change shown that its author or an
	// administrator may vouch for, by the change's id.
	Vouch map[int64]*Button
	// Choices are the buttons of each conflict shown: keep the text on screen, or use the other.
	Choices []ConflictChoice
}

// ConflictChoice is one "changed on two devices" card's pair of buttons.
type ConflictChoice struct {
	Conflict  sqlite.Conflict
	KeepThis  *Button
	UseOther  *Button
	KeptText  *widget.Label
	OtherText *widget.Label
}

func newSyncScreen(s *Shell) *SyncScreen {
	x := &SyncScreen{s: s, State: subheading(""), Detail: wrapped(""), Protection: wrapped(""), Conflicts: container.NewVBox(), Devices: container.NewVBox(), Skewed: container.NewVBox()}
	x.SyncNow = newButtonWithIcon("Sync now", theme.ViewRefreshIcon(), func() {
		s.u.Idle.Touch()
		if s.u.opt.Sync != nil {
			s.u.opt.Sync.SyncNow()
		}
	})
	x.SyncNow.Importance = widget.HighImportance
	status := card("Shared folder", container.NewVBox(x.State, x.Skewed, x.Detail, x.Protection, container.NewHBox(x.SyncNow)))
	root := container.NewVBox(
		pageTitle("Sync", "Changes travel between this PC and the others through the Trust's shared folder. Nothing waits for it: you can always keep working."),
		status,
	)
	x.Rejected = container.NewVBox()
	conflicts := card("Changed on two devices", x.Conflicts)
	if model.Allowed(s.ss.User, model.ViewAudit, nil) {
		x.rejectedCard = card("Rejected changes", x.Rejected)
		root.Add(conflicts)
		root.Add(x.rejectedCard)
	} else {
		// A person's own changes that did not count come first: only they can vouch.
		x.rejectedCard = card("Your changes kept aside", x.Rejected)
		x.rejectedCard.Hide()
		root.Add(x.rejectedCard)
		root.Add(conflicts)
	}
	root.Add(card("Devices", x.Devices))
	x.root = root
	x.reload()
	return x
}

func (x *SyncScreen) content() fyne.CanvasObject { return x.root }

func (x *SyncScreen) reload() {
	s := x.s
	st := pursuitsync.Status{State: pursuitsync.NotSetUp}
	folder := ""
	if s.u.opt.Sync != nil {
		st, folder = s.u.opt.Sync.Status(), s.u.opt.Sync.Folder()
	}
	var conflicts []sqlite.Conflict
	var peers []sqlite.Peer
	var rejected []sqlite.RejectedChange
	var pending int
	var root sqlite.RootTrust
	rootName := ""
	s.run(func(ctx context.Context) (err error) {
		if conflicts, err = s.ss.Conflicts(ctx); err != nil {
			return err
		}
		if pending, err = s.u.st.PendingCount(ctx); err != nil {
			return err
		}
		if root, rootName, err = loadRoot(ctx, s); err != nil {
			return err
		}
		if rejected, err = s.ss.KeptAside(ctx, maxRejectedShown); err != nil {
			return err
		}
		peers, err = s.u.st.Peers(ctx)
		return err
	}, func() {
		x.showStatus(st, folder, pending)
		x.Protection.SetText(protectionText(folder, root, rootName))
		x.showConflicts(conflicts)
		x.showRejected(rejected)
		x.showDevices(peers)
	})
}

func (x *SyncScreen) showStatus(st pursuitsync.Status, folder string, pending int) {
	now := x.s.u.opt.Now()
	x.State.SetText(syncText(st, 0, now))
	var detail string
	switch {
	case folder == "":
		detail = "No shared folder is set for this PC. An administrator chooses it in Settings; until then everything stays on this PC."
		if x.s.ss.User.Role == model.RoleAdmin {
			detail = "No shared folder is set for this PC. Choose it in Settings; until then everything stays on this PC."
		}
		x.SyncNow.Disable()
	case st.State == pursuitsync.Offline:
		detail = fmt.Sprintf("The shared folder %s cannot be reached just now. Your work is saved on this PC and goes to the folder by itself when it is back.", folder)
		x.SyncNow.Enable()
	default:
		detail = "Shared folder: " + folder
		x.SyncNow.Enable()
	}
	if pending > 0 && folder != "" {
		detail += "\n" + plural(pending, "change made here is", "changes made here are") + " not yet on the shared folder."
	} else if folder != "" {
		detail += "\nEverything made on this PC is on the shared folder."
	}
	if !st.LastSynced.IsZero() {
		detail += "\nLast synced " + clockText(st.LastSynced, now) + ": " + pursuitsync.Summarise(st.Last, nil)
	}
	if st.Err != nil && st.State == pursuitsync.Failed {
		detail += "\nThe last attempt stopped: " + sentence(st.Err)
	}
	for i, w := range st.Last.Warnings {
		if i == 5 {
			detail += fmt.Sprintf("\n… and %d more in Settings → Sync log.", len(st.Last.Warnings)-5)
			break
		}
		detail += "\nSkipped " + w.String()
	}
	x.Detail.SetText(detail)
}

// maxRejectedShown bounds the list: a folder full of forgeries must not become a screen
// nobody can scroll; `pursuit verify` lists them all.
const maxRejectedShown = 50

// settingsWhere is where a person confirms the folder's key.
const settingsWhere = "in Settings → Shared network folder"

// protectionText says whether what arrives from the folder is checked, and against which
// key, in words.
func protectionText(folder string, root sqlite.RootTrust, rootName string) string {
	switch {
	case root.Pinned.Protected():
		return "Protected: every change is signed by the person who made it, and checked on this PC before it counts. " + rootTrustText(root, rootName, settingsWhere)
	case folder == "":
		return rootTrustText(root, rootName, settingsWhere)
	case root.Want() != "":
		return "Not synced yet. " + rootTrustText(root, rootName, settingsWhere)
	}
	return "Not protected: this folder was set up without an administrator's key, so changes arriving here are not checked, and anyone who can write to the folder could forge a sign-off. Ask IT to set up a protected folder and to give this PC the Trust's key."
}

// showRejected lists the changes kept aside, newest first, each with who it claims to be
// from and why it did not count.
func (x *SyncScreen) showRejected(rs []sqlite.RejectedChange) {
	x.Rejected.Objects = nil
	x.Vouch = map[int64]*Button{}
	if !model.Allowed(x.s.ss.User, model.ViewAudit, nil) {
		if len(rs) == 0 {
			x.rejectedCard.Hide()
			return
		}
		x.rejectedCard.Show()
		x.Rejected.Add(note("These changes of yours were signed with the key your old password opened, after your password was changed or reset, so no PC counts them yet. If you made them (on a PC that had not heard of your new password), vouch for them and they count everywhere. If you did not, someone may know your old password: leave them and tell your line manager."))
	} else if len(rs) == 0 {
		x.Rejected.Add(note("None: every change from the shared folder was signed by its author and allowed."))
	} else {
		x.Rejected.Add(note("These changes reached the shared folder but did not count here: each was unsigned, altered, or made by someone not allowed to make it. Nothing on this PC changed because of them. If they are unexpected, tell IT who can write to the folder. Those waiting count as soon as their author's account or programme arrives."))
	}
	now := x.s.u.opt.Now()
	for _, r := range rs {
		what := r.Table
		if k, ok := model.KindOf(r.Table); ok {
			what = k.Label
		}
		head := fmt.Sprintf("%s from %s, %s", what, r.Author, clockText(r.At, now))
		tag := pill("Rejected", NHSRed)
		switch {
		case r.OldKey:
			tag = pill("Old key", NHSDarkBlue)
		case r.Waiting:
			tag = pill("Waiting", NHSSecondary)
		}
		row := container.NewVBox(container.NewBorder(nil, nil, tag, nil, fieldLabel(head)), wrapped(sentence(errors.New(r.Reason))))
		if b := x.vouchButton(r); b != nil {
			row.Add(container.NewHBox(b))
		}
		row.Add(widget.NewSeparator())
		x.Rejected.Add(row)
	}
	if len(rs) == maxRejectedShown {
		x.Rejected.Add(note(fmt.Sprintf("Showing the latest %d. pursuit verify --share lists every one.", maxRejectedShown)))
	}
	x.Rejected.Refresh()
}

func (x *SyncScreen) showConflicts(cs []sqlite.Conflict) {
	x.Choices = nil
	x.Conflicts.Objects = nil
	if len(cs) == 0 {
		x.Conflicts.Add(note("Nothing to choose: no text has been changed on two devices at once."))
	}
	for _, c := range cs {
		ch := ConflictChoice{Conflict: c, KeptText: wrapped(c.Kept), OtherText: wrapped(c.Other)}
		id := c.ID
		ch.KeepThis = newButtonWithIcon("Keep this version", theme.ConfirmIcon(), func() { x.choose(id, false) })
		ch.UseOther = newButtonWithIcon("Use this version instead", theme.ConfirmIcon(), func() { x.choose(id, true) })
		// Two equal choices: both look like the buttons they are.
		ch.KeepThis.Importance = widget.HighImportance
		ch.UseOther.Importance = widget.HighImportance
		by := "the other device"
		if c.OtherBy != "" {
			by = c.OtherBy + " on another device"
		}
		left := container.NewVBox(fieldLabel("On screen now"), ch.KeptText, container.NewHBox(ch.KeepThis))
		right := container.NewVBox(fieldLabel("The other version, by "+by), ch.OtherText, container.NewHBox(ch.UseOther))
		x.Conflicts.Add(container.NewVBox(subheading(c.What), columns(left, right), widget.NewSeparator()))
		x.Choices = append(x.Choices, ch)
	}
	x.Conflicts.Refresh()
}

func (x *SyncScreen) choose(id int64, useOther bool) {
	s := x.s
	s.u.Idle.Touch()
	s.run(func(ctx context.Context) error { return s.ss.ResolveConflict(ctx, id, useOther) }, func() {
		s.toast("Chosen. The choice goes to the other devices with the next sync.")
		x.reload()
		if s.u.opt.Sync != nil {
			s.showSyncStatus(s.u.opt.Sync.Status())
		}
	})
}

func (x *SyncScreen) showDevices(peers []sqlite.Peer) {
	x.Devices.Objects = nil
	x.Skewed.Objects = nil
	if len(peers) == 0 {
		x.Devices.Add(note("No other device has shared changes with this one yet."))
	}
	now := x.s.u.opt.Now()
	for _, p := range peers {
		who := "a device"
		if p.LastAuthor != "" {
			who = "a device last used by " + p.LastAuthor
		}
		line := fmt.Sprintf("%s — last change received %s", who, clockText(p.At, now))
		l := wrapped(line)
		row := fyne.CanvasObject(l)
		if p.SkewMS > 0 {
			warn := pill(fmt.Sprintf("Clock %s fast: ask IT to correct it", skewText(p.SkewMS)), NHSRed)
			row = container.NewVBox(l, container.NewHBox(warn))
			// A sentence, so a strip that wraps: a pill holds a word or two, on one line.
			x.Skewed.Add(banner(fmt.Sprintf("The clock of %s is %s fast. Its changes still arrive; ask IT to set its date and time.", who, skewText(p.SkewMS)), NHSRed, White))
		}
		x.Devices.Add(row)
	}
	x.Devices.Refresh()
	x.Skewed.Refresh()
}

func skewText(ms int64) string {
	d := time.Duration(ms) * time.Millisecond
	if d >= 2*time.Hour {
		return fmt.Sprintf("%d hours", int(d.Hours()))
	}
	return fmt.Sprintf("%d minutes", int(d.Minutes()))
}

// notOnShareMark is the words beside a record whose latest change has not reached the
// shared folder yet.
const notOnShareMark = "not yet on the shared folder"

// notOnShare lists the records with changes not yet on the shared folder, once a folder is
// set: without one there is nothing to wait for, and no mark to show.
func (s *Shell) notOnShare(ctx context.Context) (map[string]bool, error) {
	if dir, err := s.u.st.ShareFolder(ctx); err != nil || dir == "" {
		return nil, err
	}
	return s.u.st.NotOnShare(ctx)
}

// vouchButton offers to vouch for a change signed with its author's old key, to its author
// and to an administrator; nil for anything else.
func (x *SyncScreen) vouchButton(r sqlite.RejectedChange) *Button {
	me := x.s.ss.User
	if !r.OldKey || model.MayVouch(me, r.AuthorID) != nil {
		return nil
	}
	what := r.Table
	if k, ok := model.KindOf(r.Table); ok {
		what = strings.ToLower(k.Label)
	}
	b := newButtonWithIcon("Vouch for it…", theme.ConfirmIcon(), func() {
		who := "you"
		if r.AuthorID != me.ID {
			who = r.Author
		}
		x.s.confirm("Vouch for this change?",
			fmt.Sprintf("Vouch only if you know %s made this change (%s) on a PC that had not yet heard of the new password. It will then count on every PC, as if it had been signed with the new key.", who, what),
			"Vouch for it", func() {
				x.s.run(func(ctx context.Context) error { return x.s.ss.VouchFor(ctx, r.ID) }, func() {
					x.s.toast("Vouched for: it counts now, and on every PC after the next sync.")
					x.reload()
				})
			})
	})
	x.Vouch[r.ID] = b
	return b
}

// plural is n with the singular or plural words after it.
func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}
