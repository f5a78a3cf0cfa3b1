package ui

import (
	"context"
	"encoding/json"
	"reflect"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// draftDelay is how long after the last keystroke what is typed is kept: long enough not to
// write on every key, short enough that a power cut costs a word or two at most.
const draftDelay = 800 * time.Millisecond

// Draft keeps what is being typed into one record (an evidence item, a SLOT analysis, a
// goal, a meeting…) so that the lock, a screen switch, Switch user or a power cut loses
// nothing. One Draft serves one editor of one record, through one lifecycle:
//
//   - Restore, as the editor opens: brings back what was kept earlier, if anything, and
//     offers Discard draft beside the "Restored what you were typing" message.
//   - Schedule, on every change: keeps the record a moment after the last one.
//   - Keep, when the person leaves the editor (another item, another screen, the lock,
//     Switch user): keeps it at once.
//   - Saved, RecordDeleted: forget the draft and stop for good, so that no late timer can
//     bring back what was saved (the next new item would open pre-filled with it, and
//     saving that would store it twice) or what was deleted.
//   - Discarded: forgets the draft and shows what is saved again; typing after that is a
//     new draft.
//
// Whether there is anything to keep is one rule for every editor: the record as typed is
// compared with the record as saved (for a new record, as it was when the editor opened);
// when they are the same there is no draft, and one already kept is deleted.
//
// A nil *Draft does nothing, for editors that only show a record.
type Draft[T any] struct {
	Discard *Button // beside the message: hidden unless there is a restored draft

	s       *Shell
	key     string
	saved   T        // the record as saved: no draft while what is typed is the same
	typed   func() T // the record as the fields show it now
	show    func(T)  // puts a record into the fields
	message *widget.Label

	cancel func() // stops the pending timer; nil when none is pending
	timer  int    // counts timers, so that one firing after it was stopped does nothing
	kept   bool   // this Draft restored or wrote a draft that may still be in the store
	done   bool   // saved or deleted: nothing more is kept
}

// newDraft starts keeping drafts under key for an editor whose fields already show the saved
// record: typed reads the fields, show fills them, message is where the editor talks.
func newDraft[T any](s *Shell, key string, typed func() T, show func(T), message *widget.Label) *Draft[T] {
	d := &Draft[T]{s: s, key: key, saved: typed(), typed: typed, show: show, message: message}
	d.Discard = newButtonWithIcon("Discard draft", theme.ContentUndoIcon(), d.askDiscard)
	d.Discard.Hide()
	return d
}

// Restore brings back the draft kept under the key, if it differs from what is saved: the
// fields show it, the message says when it was typed, and Discard draft is offered. A draft
// the same as what is saved is stale, and deleted.
func (d *Draft[T]) Restore() (draft T, at time.Time, ok bool) {
	if d == nil || d.done {
		return draft, at, false
	}
	ctx := context.Background()
	at, ok, err := d.s.ss.Draft(ctx, d.key, &draft)
	if err != nil || !ok {
		return draft, at, false
	}
	if sameRecord(draft, d.saved) {
		d.s.ss.DeleteDraft(ctx, d.key)
		return draft, at, false
	}
	d.kept = true
	d.show(draft)
	d.stop() // filling the fields counts as typing; what they show is kept already
	trainingSay(d.message, "Restored what you were typing at "+at.Local().Format("15:04, 2 Jan")+" — not saved yet.", false)
	d.Discard.Show()
	return draft, at, true
}

// Schedule keeps the record a moment after the last change, unless another comes first.
func (d *Draft[T]) Schedule() {
	if d == nil || d.done {
		return
	}
	d.stop()
	timer := d.timer
	d.cancel = d.s.u.opt.Later(draftDelay, func() {
		if timer == d.timer && !d.done {
			d.Keep()
		}
	})
}

// Keep keeps the record as typed now, or deletes the draft when it is the same as what is
// saved. The lock, Switch user and leaving the editor call it.
func (d *Draft[T]) Keep() {
	if d == nil || d.done {
		return
	}
	d.stop()
	ctx := context.Background()
	v := d.typed()
	if sameRecord(v, d.saved) {
		if d.kept && d.s.ss.DeleteDraft(ctx, d.key) == nil {
			d.kept = false
		}
		return
	}
	if d.s.ss.SaveDraft(ctx, d.key, v) == nil {
		d.kept = true
	}
}

// Changed says whether what is typed differs from what is saved.
func (d *Draft[T]) Changed() bool {
	return d != nil && !d.done && !sameRecord(d.typed(), d.saved)
}

// Saved is called once v is in the store: the draft is forgotten, and this editor keeps no
// more (the screen opens a fresh editor on the saved record).
func (d *Draft[T]) Saved(v T) {
	if d == nil {
		return
	}
	d.saved = v
	d.finish()
}

// RecordDeleted is called once the record is deleted: its draft goes with it.
func (d *Draft[T]) RecordDeleted() {
	if d != nil {
		d.finish()
	}
}

// Discarded forgets the draft and puts what is saved back in the fields.
func (d *Draft[T]) Discarded() {
	if d == nil || d.done {
		return
	}
	d.stop()
	d.s.ss.DeleteDraft(context.Background(), d.key)
	d.kept = false
	d.show(d.saved)
	d.stop() // filling the fields counts as typing; it is what is saved, so nothing to keep
	d.Discard.Hide()
	trainingSay(d.message, "Draft discarded.", false)
}

// askDiscard asks before throwing typing away: the button sits beside Save.
func (d *Draft[T]) askDiscard() {
	d.s.confirm("Discard draft", "Throw away what you typed and have not saved? The form goes back to what is saved, or to empty for something new.",
		"Discard draft", d.Discarded)
}

// beside lays the Discard draft button out beside the editor's message.
func (d *Draft[T]) beside(message fyne.CanvasObject) fyne.CanvasObject {
	if d == nil {
		return message
	}
	return container.NewBorder(nil, nil, nil, d.Discard, message)
}

func (d *Draft[T]) finish() {
	d.stop()
	d.done = true
	d.s.ss.DeleteDraft(context.Background(), d.key)
	d.kept = false
	d.Discard.Hide()
}

// stop stops the pending timer; one already firing finds itself out of date.
func (d *Draft[T]) stop() {
	d.timer++
	if d.cancel != nil {
		d.cancel()
		d.cancel = nil
	}
}

// sameRecord says whether two records are the same as far as a draft goes. A draft is kept
// as JSON, so the JSON is compared, leaving out empty fields: a list emptied again, a field
// cleared or one the record never had all count as unchanged, whatever the record's type.
func sameRecord(a, b any) bool {
	ja, errA := json.Marshal(a)
	jb, errB := json.Marshal(b)
	if errA != nil || errB != nil {
		return false // cannot tell: keep the draft rather than lose typing
	}
	var va, vb any
	if json.Unmarshal(ja, &va) != nil || json.Unmarshal(jb, &vb) != nil {
		return false
	}
	return reflect.DeepEqual(withoutEmpty(va), withoutEmpty(vb))
}

// withoutEmpty drops the empty values from decoded JSON: "", 0, false, null, [] and {}.
func withoutEmpty(v any) any {
	switch v := v.(type) {
	case map[string]any:
		for k, x := range v {
			if x = withoutEmpty(x); x == nil {
				delete(v, k)
			} else {
				v[k] = x
			}
		}
		if len(v) == 0 {
			return nil
		}
	case []any:
		if len(v) == 0 {
			return nil
		}
		for i := range v {
			v[i] = withoutEmpty(v[i]) // positions matter in a list: keep them
		}
	case string:
		if v == "" {
			return nil
		}
	case float64:
		if v == 0 {
			return nil
		}
	case bool:
		if !v {
			return nil
		}
	}
	return v
}
