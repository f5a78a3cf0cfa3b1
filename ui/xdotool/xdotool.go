// Package xdotool drives the real window through the X server, as a person's mouse and
// keyboard would: it finds where a widget is drawn, then moves the pointer there and clicks,
// scrolls with the wheel and types with xdotool. Every event goes through the X server,
// GLFW and Fyne's own event handling, so pop-ups, focus and the screen's size are real.
//
// It is for the real-window test (make window-test); nothing in the app imports it.
package xdotool

import (
	"errors"
	"fmt"
	"image"
	"image/png"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	pursuitui "pursuit/ui"
)

// Window is one app window on the X display.
type Window struct {
	ID     string // the X window id
	Window fyne.Window

	geom   image.Rectangle // where the window is on the screen, as last asked
	screen image.Point

	spare  []int         // keycodes the X keymap leaves empty, for letters beyond ASCII
	mapped map[rune]bool // letters given a key of their own
	// Settle waits until the app has finished what the last input started (store work
	// off the UI goroutine included); the real-window test counts that work.
	Settle func()
}

// Find waits for the visible X window whose title matches name.
func Find(w fyne.Window, name string, timeout time.Duration) (*Window, error) {
	deadline := time.Now().Add(timeout)
	for time.Now().Before(deadline) {
		out, err := exec.Command("xdotool", "search", "--onlyvisible", "--name", name).Output()
		if ids := strings.Fields(string(out)); err == nil && len(ids) > 0 {
			return &Window{ID: ids[len(ids)-1], Window: w, Settle: func() { time.Sleep(300 * time.Millisecond) }}, nil
		}
		time.Sleep(100 * time.Millisecond)
	}
	return nil, fmt.Errorf("no visible window named %q within %s", name, timeout)
}

func (w *Window) xdotool(args ...string) error {
	cmd := exec.Command("xdotool", args...)
	// xdotool reads what it types in the locale's encoding: UTF-8, so that a name such as
	// Zoë or Łukasz is typed as it is written.
	cmd.Env = append(os.Environ(), "LC_ALL=C.UTF-8")
	out, err := cmd.CombinedOutput()
	if err != nil {
		return fmt.Errorf("xdotool %s: %w: %s", strings.Join(args, " "), err, out)
	}
	return nil
}

// Where the window is and the screen's size, asked once: each question is a process of its
// own, and they only change when the window is resized (then call Remeasure).
func (w *Window) Measured() (image.Rectangle, image.Point, error) {
	if w.screen.X == 0 {
		if err := w.Remeasure(); err != nil {
			return image.Rectangle{}, image.Point{}, err
		}
	}
	return w.geom, w.screen, nil
}

// Remeasure asks the X server again where the window is (the screen's size is asked once).
func (w *Window) Remeasure() error {
	g, err := w.Geometry()
	if err != nil {
		return err
	}
	if w.screen.X == 0 {
		if w.screen, err = Screen(); err != nil {
			return err
		}
	}
	w.geom = g
	return nil
}

// Geometry is the window's size on the screen, in pixels.
func (w *Window) Geometry() (image.Rectangle, error) {
	out, err := exec.Command("xdotool", "getwindowgeometry", "--shell", w.ID).Output()
	if err != nil {
		return image.Rectangle{}, fmt.Errorf("window geometry: %w", err)
	}
	v := map[string]int{}
	for _, line := range strings.Fields(string(out)) {
		if k, val, ok := strings.Cut(line, "="); ok {
			v[k], _ = strconv.Atoi(val)
		}
	}
	return image.Rect(v["X"], v["Y"], v["X"]+v["WIDTH"], v["Y"]+v["HEIGHT"]), nil
}

// Screen is the X screen's size in pixels.
func Screen() (image.Point, error) {
	out, err := exec.Command("xdotool", "getdisplaygeometry").Output()
	if err != nil {
		return image.Point{}, fmt.Errorf("display geometry: %w", err)
	}
	var p image.Point
	if _, err := fmt.Sscan(string(out), &p.X, &p.Y); err != nil {
		return p, fmt.Errorf("display geometry %q: %w", out, err)
	}
	return p, nil
}

// ui runs f on the UI goroutine and waits for it.
func ui(f func()) { fyne.DoAndWait(f) }

// Where is o's box on the canvas, in canvas units; ok is false when o is not on it.
func (w *Window) Where(o fyne.CanvasObject) (pos fyne.Position, size fyne.Size, ok bool) {
	ui(func() {
		d := fyne.CurrentApp().Driver()
		if d.CanvasForObject(o) != w.Window.Canvas() || !o.Visible() {
			return
		}
		pos, size, ok = d.AbsolutePositionForObject(o), o.Size(), true
	})
	return
}

// pixel turns a canvas position into a pixel inside the X window.
func (w *Window) pixel(p fyne.Position) (int, int) {
	var scale float32
	ui(func() { scale = w.Window.Canvas().Scale() })
	return int(p.X*scale + 0.5), int(p.Y*scale + 0.5)
}

// MoveTo puts the pointer over the middle of o.
func (w *Window) MoveTo(o fyne.CanvasObject) error {
	pos, size, ok := w.Where(o)
	if !ok {
		return fmt.Errorf("%s is not on the window", describe(o))
	}
	return w.moveTo(pos.Add(fyne.NewPos(size.Width/2, size.Height/2)))
}

func (w *Window) moveTo(p fyne.Position) error {
	x, y := w.pixel(p)
	g, screen, err := w.Measured()
	if err != nil {
		return err
	}
	if sx, sy := g.Min.X+x, g.Min.Y+y; sx < 0 || sy < 0 || sx >= screen.X || sy >= screen.Y {
		return fmt.Errorf("the point %d,%d is off the %dx%d screen: a person could not click it", sx, sy, screen.X, screen.Y)
	}
	return w.xdotool("mousemove", "--window", w.ID, strconv.Itoa(x), strconv.Itoa(y))
}

// Click scrolls o into view with the mouse wheel if it must, then clicks its middle.
func (w *Window) Click(o fyne.CanvasObject) error {
	if err := w.Reveal(o); err != nil {
		return err
	}
	if err := w.MoveTo(o); err != nil {
		return err
	}
	err := w.xdotool("click", "1")
	w.Settle()
	return err
}

// ClickAt clicks a point of o (in o's own units from its top-left corner).
func (w *Window) ClickAt(o fyne.CanvasObject, at fyne.Position) error {
	if err := w.Reveal(o); err != nil {
		return err
	}
	pos, _, ok := w.Where(o)
	if !ok {
		return fmt.Errorf("%s is not on the window", describe(o))
	}
	if err := w.moveTo(pos.Add(at)); err != nil {
		return err
	}
	err := w.xdotool("click", "1")
	w.Settle()
	return err
}

// DoubleClick double-clicks the middle of o.
func (w *Window) DoubleClick(o fyne.CanvasObject) error {
	if err := w.Reveal(o); err != nil {
		return err
	}
	if err := w.MoveTo(o); err != nil {
		return err
	}
	err := w.xdotool("click", "--repeat", "2", "--delay", "80", "1")
	w.Settle()
	return err
}

// Type types text into whatever has the keyboard focus. Letters beyond ASCII (ë, Ł, á)
// are first given keys of their own in the X keymap (xmodmap, once each): xdotool's own
// way, rewriting the keymap for every such letter and back, races the window reading the
// keymap, which then receives another letter or none.
func (w *Window) Type(text string) error {
	if err := w.mapLetters(text); err != nil {
		return err
	}
	err := w.xdotool("type", "--delay", "6", "--", text)
	w.Settle()
	return err
}

// mapLetters puts every letter of text that the keymap lacks on a spare key.
func (w *Window) mapLetters(text string) error {
	var added bool
	for _, r := range text {
		if r < 0x80 || w.mapped[r] {
			continue
		}
		if w.spare == nil {
			if err := w.findSpareKeys(); err != nil {
				return err
			}
		}
		if len(w.spare) == 0 {
			return fmt.Errorf("no spare key left in the X keymap for %q", r)
		}
		code := w.spare[0]
		w.spare = w.spare[1:]
		sym := fmt.Sprintf("U%04X", r)
		if out, err := exec.Command("xmodmap", "-e", fmt.Sprintf("keycode %d = %s %s", code, sym, sym)).CombinedOutput(); err != nil {
			return fmt.Errorf("xmodmap: %w: %s", err, out)
		}
		if w.mapped == nil {
			w.mapped = map[rune]bool{}
		}
		w.mapped[r] = true
		added = true
	}
	if added {
		time.Sleep(250 * time.Millisecond) // the window reads the new keymap
		w.Settle()
	}
	return nil
}

// findSpareKeys lists the keycodes the X server's keymap leaves empty.
func (w *Window) findSpareKeys() error {
	out, err := exec.Command("xmodmap", "-pke").Output()
	if err != nil {
		return fmt.Errorf("xmodmap -pke: %w", err)
	}
	w.spare = []int{}
	for _, line := range strings.Split(string(out), "\n") {
		f := strings.Fields(line) // "keycode", N, "=", keysyms…
		if len(f) == 3 && f[0] == "keycode" {
			if n, err := strconv.Atoi(f[1]); err == nil && n > 8 {
				w.spare = append(w.spare, n)
			}
		}
	}
	return nil
}

// Key presses key combinations, such as "ctrl+s" or "Tab".
func (w *Window) Key(keys ...string) error {
	err := w.xdotool(append([]string{"key", "--delay", "60", "--"}, keys...)...)
	w.Settle()
	return err
}

// Reveal scrolls the nearest scrolling area around o with the mouse wheel until o is
// wholly in view (or as much of it as the area shows).
func (w *Window) Reveal(o fyne.CanvasObject) error {
	for range 80 {
		s, below, ok := w.hiddenIn(o)
		if !ok {
			return nil
		}
		if err := w.MoveTo(s); err != nil {
			return fmt.Errorf("scrolling to %s: %w", describe(o), err)
		}
		button := "5" // wheel down
		if !below {
			button = "4"
		}
		if err := w.xdotool("click", button); err != nil {
			return err
		}
		time.Sleep(30 * time.Millisecond)
	}
	w.Settle()
	if _, _, hidden := w.hiddenIn(o); hidden {
		return fmt.Errorf("%s stays out of view after scrolling", describe(o))
	}
	return nil
}

// hiddenIn finds the innermost vertical scroll holding o whose view does not show all of
// o, and whether o lies below the view.
func (w *Window) hiddenIn(o fyne.CanvasObject) (s *container.Scroll, below, hidden bool) {
	ui(func() {
		d := fyne.CurrentApp().Driver()
		if d.CanvasForObject(o) == nil {
			return
		}
		op := d.AbsolutePositionForObject(o)
		osz := o.Size()
		for _, sc := range scrollsAround(w.Window.Canvas(), o) {
			if sc.Direction == container.ScrollHorizontalOnly {
				continue
			}
			sp := d.AbsolutePositionForObject(sc)
			top, bottom := sp.Y, sp.Y+sc.Size().Height
			if op.Y >= top-1 && op.Y+min(osz.Height, sc.Size().Height) <= bottom+1 {
				continue
			}
			s, below, hidden = sc, op.Y+osz.Height > bottom, true
		}
	})
	return
}

// scrollsAround lists the scrolls that hold o, outermost first.
func scrollsAround(c fyne.Canvas, o fyne.CanvasObject) []*container.Scroll {
	var path []fyne.CanvasObject
	var found []*container.Scroll
	var visit func(n fyne.CanvasObject) bool
	visit = func(n fyne.CanvasObject) bool {
		if n == nil || !n.Visible() {
			return false
		}
		path = append(path, n)
		defer func() { path = path[:len(path)-1] }()
		if n == o {
			for _, p := range path {
				if sc, ok := p.(*container.Scroll); ok {
					found = append(found, sc)
				}
			}
			return true
		}
		for _, c := range Children(n) {
			if visit(c) {
				return true
			}
		}
		return false
	}
	roots := append([]fyne.CanvasObject{c.Content()}, c.Overlays().List()...)
	for _, r := range roots {
		if visit(r) {
			break
		}
	}
	return found
}

// Shot saves the X server's picture of the window (what a person sees) as a PNG.
func (w *Window) Shot(path string) error { return w.StartShot(path)() }

// StartShot starts saving what the screen shows, and returns a function that waits for it:
// the picture is taken while the caller looks at the window another way.
func (w *Window) StartShot(path string) (wait func() error) {
	g, screen, err := w.Measured()
	if err != nil {
		return func() error { return err }
	}
	crop := g.Intersect(image.Rect(0, 0, screen.X, screen.Y))
	cmd := exec.Command("import", "-window", "root", "-crop",
		fmt.Sprintf("%dx%d+%d+%d", crop.Dx(), crop.Dy(), crop.Min.X, crop.Min.Y), "+repage", path)
	var out strings.Builder
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Start(); err != nil {
		return func() error { return fmt.Errorf("screenshot %s: %w", path, err) }
	}
	return func() error {
		if err := cmd.Wait(); err != nil {
			return fmt.Errorf("screenshot %s: %w: %s", path, err, out.String())
		}
		return nil
	}
}

// Capture is the canvas's own picture, where there is no X server to ask.
func (w *Window) Capture(path string) error {
	var img image.Image
	ui(func() { img = w.Window.Canvas().Capture() })
	if img == nil {
		return errors.New("the canvas gave no picture")
	}
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	defer f.Close()
	return png.Encode(f, img)
}

func describe(o fyne.CanvasObject) string {
	switch t := o.(type) {
	case *widget.Button:
		return fmt.Sprintf("the button %q", t.Text)
	case *pursuitui.Button:
		return fmt.Sprintf("the button %q", t.Text)
	case *widget.Label:
		return fmt.Sprintf("the label %q", t.Text)
	}
	return fmt.Sprintf("%T", o)
}

// InView reports whether a person can see o without scrolling: it is on the window, inside
// the view of every scrolling area around it, and on the canvas.
func (w *Window) InView(o fyne.CanvasObject) bool {
	if _, _, hidden := w.hiddenIn(o); hidden {
		return false
	}
	pos, size, ok := w.Where(o)
	if !ok {
		return false
	}
	var canvasSize fyne.Size
	ui(func() { canvasSize = w.Window.Canvas().Size() })
	return pos.Y >= 0 && pos.Y+size.Height <= canvasSize.Height+1 && size.Width > 0
}
