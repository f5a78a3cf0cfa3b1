// Package layoutcheck looks at a window the way a person would and lists what they could
// not read or reach: wrapped text narrower than its longest word (one letter per line), a
// label cut to a few characters, a button, field or table cell outside the window that no
// scrolling brings back, and two texts drawn over each other or under a button.
//
// It walks what Fyne has laid out, on the UI goroutine, so it works in the real window (the
// real-window test) and on the test driver (its own tests) alike. It is for tests only: it
// reaches widget renderers through fyne.io/fyne/v2/test.
package layoutcheck

import (
	"fmt"
	"math"
	"reflect"
	"strings"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

// Kinds of problem.
const (
	BrokenWord = "wrapped narrower than a word"
	CutShort   = "cut to a few characters"
	CutOff     = "text cut off at the edge"
	OutOfReach = "out of reach"
	Overlap    = "texts overlap"
	UnderCtrl  = "text under a control"
	TooWide    = "needs more width than the screen has"
	TooTall    = "needs more height than the screen has"
)

// Problem is one thing a person could not read or reach.
type Problem struct {
	Kind string
	What string    // the text or control, as a person would name it
	At   fyne.Size // top-left corner in the window, for finding it on a screenshot
}

func (p Problem) String() string {
	return fmt.Sprintf("%s: %s (at %.0f,%.0f)", p.Kind, p.What, p.At.Width, p.At.Height)
}

// Options tune the checks.
type Options struct {
	// Visible is the size of the part of the canvas on the screen (canvas units), from
	// VisibleAt; zero means all of it. A window larger than the screen, or pushed past
	// its edge, has controls nobody can click.
	Visible   fyne.Size
	VisibleAt fyne.Position
	// MinChars is the fewest characters a shortened label may show (default 8).
	MinChars int
}

// rect is an axis-aligned box in window coordinates; a scrolling direction makes it endless.
type rect struct{ x0, y0, x1, y1 float32 }

func box(pos fyne.Position, size fyne.Size) rect {
	return rect{pos.X, pos.Y, pos.X + size.Width, pos.Y + size.Height}
}

func (r rect) and(o rect) rect {
	return rect{max(r.x0, o.x0), max(r.y0, o.y0), min(r.x1, o.x1), min(r.y1, o.y1)}
}

func (r rect) empty() bool { return r.x1-r.x0 <= 0 || r.y1-r.y0 <= 0 }

// contains reports whether o lies within r, allowing slack for rounding and borders.
func (r rect) contains(o rect, slack float32) bool {
	return o.x0 >= r.x0-slack && o.y0 >= r.y0-slack && o.x1 <= r.x1+slack && o.y1 <= r.y1+slack
}

func (r rect) overlaps(o rect, slack float32) bool {
	in := r.and(o)
	return in.x1-in.x0 > slack && in.y1-in.y0 > slack
}

var endless = float32(math.Inf(1))

// placed is a text or control found on the canvas.
type placed struct {
	obj    fyne.CanvasObject
	text   string
	r      rect   // where it is drawn, clipped to what is visible
	owners []any  // the controls and rich texts it belongs to
	layer  int    // 0 the window's content, then one per pop-up
	order  int    // drawing order: later is on top
	ctrl   string // for controls: how a person names it
}

type walker struct {
	opt      Options
	problems []Problem
	texts    []placed
	controls []placed
	layer    int
	order    int
	floats   int
}

// Canvas checks everything on c: the window's content and every pop-up over it. Call it on
// the UI goroutine (fyne.DoAndWait) once the window has been laid out.
func Canvas(c fyne.Canvas, opt Options) []Problem {
	if opt.MinChars == 0 {
		opt.MinChars = 8
	}
	size := c.Size()
	window := box(fyne.NewPos(0, 0), size)
	if opt.Visible.Width > 0 {
		window = window.and(box(opt.VisibleAt, opt.Visible))
		size = fyne.NewSize(window.x1-window.x0, window.y1-window.y0)
	}
	w := &walker{opt: opt}
	if content := c.Content(); content != nil {
		w.walk(content, fyne.NewPos(0, 0), window, window, nil)
		w.demands(content, size)
	}
	for i, o := range c.Overlays().List() {
		w.layer = i + 1
		w.walk(o, fyne.NewPos(0, 0), window, window, nil)
	}
	w.overlaps()
	return w.problems
}

// Object checks one object laid out at its own size, as if it were a window's content.
func Object(o fyne.CanvasObject, opt Options) []Problem {
	if opt.MinChars == 0 {
		opt.MinChars = 8
	}
	w := &walker{opt: opt}
	window := box(fyne.NewPos(0, 0), o.Size())
	w.walk(o, fyne.NewPos(0, 0), window, window, nil)
	w.overlaps()
	return w.problems
}

// demands names what makes the window wider or taller than the screen: a window can be no
// smaller than its content's minimum size, so one wide row pushes the Lock button off a
// small screen. It reports the innermost object whose minimum size does not fit where it is.
func (w *walker) demands(content fyne.CanvasObject, room fyne.Size) {
	need := content.MinSize()
	if need.Width > room.Width+1 {
		o := culprit(content, func(o fyne.CanvasObject) float32 { return o.MinSize().Width })
		w.report(TooWide, fmt.Sprintf("the window needs %.0f, the screen has %.0f, because of %s", need.Width, room.Width, parts(o, true)), rect{})
	}
	if need.Height > room.Height+1 {
		o := culprit(content, func(o fyne.CanvasObject) float32 { return o.MinSize().Height })
		w.report(TooTall, fmt.Sprintf("the window needs %.0f, the screen has %.0f, because of %s", need.Height, room.Height, parts(o, false)), rect{})
	}
}

// culprit follows the biggest child while it accounts for most of its parent's minimum
// size, down to the object whose size is the sum of several parts: a row of columns, say.
func culprit(o fyne.CanvasObject, size func(fyne.CanvasObject) float32) fyne.CanvasObject {
	need := size(o)
	var big fyne.CanvasObject
	for _, c := range children(o) {
		if c.Visible() && (big == nil || size(c) > size(big)) {
			big = c
		}
	}
	if big != nil && size(big) >= need*0.6 {
		return culprit(big, size)
	}
	return o
}

// parts describes an object and the minimum sizes of what it holds.
func parts(o fyne.CanvasObject, width bool) string {
	var ps []string
	for _, c := range children(o) {
		if !c.Visible() {
			continue
		}
		n := c.MinSize().Height
		if width {
			n = c.MinSize().Width
		}
		if n > 0 {
			ps = append(ps, fmt.Sprintf("%s %.0f", describe(c), n))
		}
	}
	return describe(o) + ", made of: " + strings.Join(ps, "; ")
}

func children(o fyne.CanvasObject) []fyne.CanvasObject {
	switch t := o.(type) {
	case *fyne.Container:
		return t.Objects
	case fyne.Widget:
		if rd := test.WidgetRenderer(t); rd != nil {
			return rd.Objects()
		}
	}
	return nil
}

// describe names an object by its type and the first words inside it.
func describe(o fyne.CanvasObject) string {
	var words []string
	var collect func(fyne.CanvasObject)
	collect = func(o fyne.CanvasObject) {
		if len(words) >= 6 || !o.Visible() {
			return
		}
		if t, ok := o.(*canvas.Text); ok && strings.TrimSpace(t.Text) != "" {
			words = append(words, t.Text)
			return
		}
		for _, c := range children(o) {
			collect(c)
		}
	}
	collect(o)
	name := typeName(o)
	if c, ok := o.(*fyne.Container); ok && c.Layout != nil {
		name = "container(" + typeName(c.Layout) + ")"
	}
	if len(words) == 0 {
		return name
	}
	return name + " with " + quote(strings.Join(words, " | "))
}

func (w *walker) report(kind, what string, r rect) {
	w.problems = append(w.problems, Problem{Kind: kind, What: what, At: fyne.NewSize(r.x0, r.y0)})
}

// walk visits o at parent offset off. reach is where a control must lie to be clickable
// (endless in the directions an enclosing scroll moves); vis is what is actually visible.
func (w *walker) walk(o fyne.CanvasObject, off fyne.Position, reach, vis rect, owners []any) {
	if o == nil || !o.Visible() {
		return
	}
	pos := off.Add(o.Position())
	size := o.Size()
	r := box(pos, size)
	w.order++
	if t, ok := o.(*canvas.Text); ok {
		// Text is drawn at its own size even where a layout gave it none (a custom
		// widget's labels are often only moved).
		w.text(t, r, reach, vis, owners)
		return
	}
	// Fyne does not clip a container to its size: what is inside a box laid out at no
	// size is still drawn, so it is still looked at.
	if name, ok := controlName(o); ok && size.Width > 0 && size.Height > 0 {
		seen := r.and(vis)
		if !reach.contains(r, 2) {
			w.report(OutOfReach, name, r)
		}
		if !seen.empty() {
			w.controls = append(w.controls, placed{obj: o, r: seen, layer: w.layer, ctrl: name, owners: owners, order: w.order})
		}
		owners = append(owners[:len(owners):len(owners)], o)
	}

	switch t := o.(type) {
	case *widget.RichText:
		w.richText(t, r)
		owners = append(owners[:len(owners):len(owners)], o)
	case *container.Scroll:
		reach, vis = scrolled(t, r, reach, vis)
	case *widget.Table:
		// A table scrolls both ways, its headings with it: a cell or heading beyond the
		// table's view is a scroll away.
		if in := reach.and(r); !in.empty() {
			reach = rect{-endless, -endless, endless, endless}
		}
	}

	if c, ok := o.(*fyne.Container); ok {
		if f, ok := c.Layout.(interface{ Floats() bool }); ok && f.Floats() {
			// A layer of its own over the screen (a short message): texts under it are
			// covered for a moment, as under a pop-up, not drawn over each other.
			saved := w.layer
			w.floats++
			w.layer = -w.floats
			defer func() { w.layer = saved }()
		}
	}
	for _, c := range children(o) {
		w.walk(c, pos, reach, vis, owners)
	}
}

// scrolled narrows what is visible to the scroll's viewport; inside it, a control is in
// reach anywhere along the scrolling direction, provided the viewport itself can be seen.
func scrolled(s *container.Scroll, r, reach, vis rect) (rect, rect) {
	vis = vis.and(r)
	in := reach.and(r)
	switch s.Direction {
	case container.ScrollVerticalOnly:
		if in.y1-in.y0 >= 16 {
			in.y0, in.y1 = -endless, endless
		}
	case container.ScrollHorizontalOnly:
		if in.x1-in.x0 >= 16 {
			in.x0, in.x1 = -endless, endless
		}
	case container.ScrollBoth:
		if !in.empty() {
			in = rect{-endless, -endless, endless, endless}
		}
	}
	return in, vis
}

// controlName names the things a person clicks or types into, or reports false: every
// widget that takes a tap or the keyboard focus, named by its words where it has some.
func controlName(o fyne.CanvasObject) (string, bool) {
	switch c := o.(type) {
	case *widget.Button:
		if c.Text == "" {
			return "a button with only an icon", true
		}
		return "the button " + quote(c.Text), true
	case *widget.Select:
		return "the drop-down " + quote(firstNonEmpty(c.Selected, c.PlaceHolder)), true
	case interface{ DropDown() *widget.Select }: // a drop-down drawn with an edge
		return controlName(c.DropDown())
	case interface{ ButtonBase() *widget.Button }: // a button drawn with an edge
		return controlName(c.ButtonBase())
	case *widget.Check:
		return "the tick box " + quote(c.Text), true
	case *widget.RadioGroup:
		return "the choice " + quote(strings.Join(c.Options, "/")), true
	case *widget.Hyperlink:
		return "the link " + quote(c.Text), true
	}
	_, tap := o.(fyne.Tappable)
	_, focus := o.(fyne.Focusable)
	if !tap && !focus {
		return "", false
	}
	// Entries and the widgets that extend them (password, date, text areas) by their words.
	v := reflect.ValueOf(o)
	if v.Kind() == reflect.Pointer && v.Elem().Kind() == reflect.Struct {
		for _, f := range []string{"PlaceHolder", "Text"} {
			if fv := v.Elem().FieldByName(f); fv.IsValid() && fv.Kind() == reflect.String && fv.String() != "" {
				return fmt.Sprintf("the %s %s", typeName(o), quote(fv.String())), true
			}
		}
	}
	return "a " + typeName(o), true
}

func typeName(o any) string {
	n := fmt.Sprintf("%T", o)
	return n[strings.LastIndex(n, ".")+1:]
}

func firstNonEmpty(s ...string) string {
	for _, v := range s {
		if v != "" {
			return v
		}
	}
	return ""
}

func quote(s string) string {
	if utf8.RuneCountInString(s) > 60 {
		s = string([]rune(s)[:57]) + "…"
	}
	return "“" + s + "”"
}

// text notes a piece of drawn text, and whether it runs past the edge it cannot scroll to.
func (w *walker) text(t *canvas.Text, r rect, reach, vis rect, owners []any) {
	if strings.TrimSpace(t.Text) == "" || t.Color == nil {
		return
	}
	if _, _, _, a := t.Color.RGBA(); a == 0 {
		return
	}
	drawn := drawnText(t, r)
	if drawn.x1 > reach.x1+2 || drawn.x0 < reach.x0-2 {
		w.report(CutOff, quote(t.Text), drawn)
	}
	seen := drawn.and(vis)
	if seen.empty() {
		return
	}
	w.texts = append(w.texts, placed{obj: t, text: t.Text, r: seen, owners: owners, layer: w.layer, order: w.order})
}

// drawnText is where the letters of t are, given the box it was laid out in.
func drawnText(t *canvas.Text, r rect) rect {
	m := t.MinSize()
	width := m.Width
	x := r.x0
	switch t.Alignment {
	case fyne.TextAlignCenter:
		x = r.x0 + (r.x1-r.x0-width)/2
	case fyne.TextAlignTrailing:
		x = r.x1 - width
	}
	return rect{x, r.y0, x + width, r.y0 + min(m.Height, max(r.y1-r.y0, m.Height))}
}

// richText checks a paragraph: a wrapped one must break only between words, and a shortened
// one must keep enough of its words to be read.
func (w *walker) richText(rt *widget.RichText, at rect) {
	var source strings.Builder
	for _, s := range rt.Segments {
		if ts, ok := s.(*widget.TextSegment); ok {
			source.WriteString(ts.Text)
			source.WriteString(" ")
		}
	}
	full := strings.TrimSpace(source.String())
	if full == "" {
		return
	}
	rd := test.WidgetRenderer(rt)
	if rd == nil {
		return
	}
	var lines []*canvas.Text
	for _, o := range rd.Objects() {
		if t, ok := o.(*canvas.Text); ok && o.Visible() && t.Text != "" {
			lines = append(lines, t)
		}
	}
	if (rt.Wrapping == fyne.TextWrapWord || rt.Wrapping == fyne.TextWrapBreak) && len(lines) > 1 {
		words := map[string]bool{}
		for _, f := range strings.Fields(full) {
			words[f] = true
		}
		for _, l := range lines {
			for _, tok := range strings.Fields(l.Text) {
				if !words[tok] && !longWord(tok, full) {
					w.report(BrokenWord, quote(full), at)
					return
				}
			}
		}
	}
	if rt.Truncation == fyne.TextTruncateEllipsis && len(lines) == 1 {
		shown := lines[0].Text
		if shown != full && strings.HasSuffix(shown, "…") && utf8.RuneCountInString(shown)-1 < w.opt.MinChars {
			w.report(CutShort, quote(full)+" shows as "+quote(shown), at)
		}
	}
	if rt.Truncation == fyne.TextTruncateClip && len(lines) == 1 {
		if room, need := lines[0].Size().Width, lines[0].MinSize().Width; need > room+1 {
			n := utf8.RuneCountInString(lines[0].Text)
			if shown := int(float32(n) * room / need); shown < w.opt.MinChars && shown < n {
				w.report(CutShort, quote(full)+fmt.Sprintf(" shows about %d characters", shown), at)
			}
		}
	}
}

// longWord reports whether tok is part of a word so long (a web address, a file path) that
// no sensible column could hold it: breaking it is what a person expects.
func longWord(tok, full string) bool {
	for _, f := range strings.Fields(full) {
		if utf8.RuneCountInString(f) > 30 && strings.Contains(f, tok) {
			return true
		}
	}
	return false
}

// overlaps reports texts drawn over other texts, and texts covered by a button drawn after
// them that they are not part of, on the same layer. (A row drawn over a button that makes
// the whole row clickable is fine: its text is on top.)
func (w *walker) overlaps() {
	for i := range w.texts {
		a := &w.texts[i]
		for j := i + 1; j < len(w.texts); j++ {
			b := &w.texts[j]
			if a.layer != b.layer || !a.r.overlaps(b.r, 2) {
				continue
			}
			w.report(Overlap, quote(a.text)+" and "+quote(b.text), a.r.and(b.r))
		}
		for _, c := range w.controls {
			if c.layer != a.layer || c.order < a.order || owns(a.owners, c.obj) || owns(c.owners, a.obj) || !a.r.overlaps(c.r, 3) {
				continue
			}
			if !isButton(c.obj) {
				continue
			}
			w.report(UnderCtrl, quote(a.text)+" under "+c.ctrl, a.r.and(c.r))
		}
	}
}

func owns(owners []any, o any) bool {
	for _, x := range owners {
		if x == o {
			return true
		}
	}
	return false
}

// isButton reports whether o is a button: the toolkit's, or one drawn with an edge.
func isButton(o fyne.CanvasObject) bool {
	switch o.(type) {
	case *widget.Button, interface{ ButtonBase() *widget.Button }:
		return true
	}
	return false
}
