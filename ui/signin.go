package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"pursuit/assets"
)

// SignIn is the shared-PC door: a username and password, never a list of who uses the PC.
type SignIn struct {
	Username *Field
	Password *Field
	Submit   *Button
	Message  *widget.Label
	Content  fyne.CanvasObject
}

// newSignIn builds the door; lockedName, when set, says whose session the lock is hiding.
func newSignIn(opt Options, lockedName string, submit func(username, password string)) *SignIn {
	s := &SignIn{Username: newField(), Password: newPasswordField(), Message: errorText()}
	s.Username.SetPlaceHolder("Username")
	s.Password.SetPlaceHolder("Password")
	send := func() { submit(s.Username.Text, s.Password.Text) }
	s.Submit = newButtonWithIcon("Sign in", theme.LoginIcon(), send)
	s.Submit.Importance = widget.HighImportance
	s.Username.OnSubmitted = func(string) { send() }
	s.Password.OnSubmitted = func(string) { send() }

	title, hint := "Sign in", "Use your own username and password. Lock the screen or switch user when you step away from a shared PC."
	if lockedName != "" {
		title = "Locked"
		hint = "The portfolio of " + lockedName + " is hidden. Sign in again to carry on where you left off — nothing you typed has been lost. Someone else can sign in instead."
	}
	// The fields and the button come first, the words after them: at 150 % text on a small
	// screen the words above pushed the Sign in button below the window's edge.
	form := container.NewVBox(heading(title, 28),
		fieldLabel("Username"), s.Username, fieldLabel("Password"), s.Password, s.Message, s.Submit, wrapped(hint))
	if opt.Demo { // which demo accounts to try, under the form: above it, they pushed the form down
		form.Add(note(demoAccounts(opt)))
	}
	// The form scrolls where the window is short (150 % text on a 1366×768 screen): asking
	// for its whole height grew the window past the screen's bottom edge, for good.
	right := container.NewStack(canvas.NewRectangle(col(colorSurface)),
		container.NewVScroll(container.NewCenter(container.New(&fixedWidth{440}, container.NewPadded(container.NewPadded(form))))))
	body := container.NewGridWithColumns(2, brandPanel(), right)
	if !opt.Demo {
		s.Content = body
		return s
	}
	s.Content = container.NewBorder(demoBanner(opt), nil, nil, nil, body)
	return s
}

// brandPanel is the blue half of the sign-in and set-up screens.
func brandPanel() fyne.CanvasObject {
	logo := canvas.NewImageFromResource(fyne.NewStaticResource("logo.png", assets.Logo()))
	logo.FillMode = canvas.ImageFillContain
	logo.SetMinSize(fyne.NewSize(150, 150))
	brand := canvas.NewText("Pursuit", White)
	brand.TextSize = 44
	brand.TextStyle.Bold = true
	tagline := canvas.NewText("Pursuit of Excellence preceptorship portfolio", White)
	tagline.TextSize = 17
	return container.NewStack(canvas.NewRectangle(NHSBlue),
		container.NewCenter(container.NewVBox(container.NewCenter(logo), container.NewCenter(brand), container.NewCenter(tagline))))
}

// demoBanner says plainly that this is made-up data, and how to try it.
func demoBanner(opt Options) fyne.CanvasObject {
	title := canvas.NewText("Demo data", NHSText)
	title.TextStyle.Bold = true
	title.TextSize = 18
	text := "A made-up cohort for trying Pursuit — not real people. Every demo account's password is \"" + opt.DemoPassword + "\"."
	lbl := widget.NewRichTextWithText(text)
	lbl.Wrapping = fyne.TextWrapWord
	for _, seg := range lbl.Segments {
		if t, ok := seg.(*widget.TextSegment); ok {
			t.Style.ColorName = colorOnYellow
		}
	}
	return container.NewStack(canvas.NewRectangle(NHSYellow), container.NewPadded(container.NewBorder(nil, nil, container.NewPadded(title), nil, lbl)))
}

// demoAccounts names the demo accounts to try, each with its role.
func demoAccounts(opt Options) string {
	text := "Try: "
	for i, a := range opt.DemoAccounts {
		if i > 0 {
			text += " · "
		}
		text += a.Username + " (" + a.Role + ")"
	}
	return text
}

// Busy shows that a sign-in is being checked (a deliberately slow password hash).
func (s *SignIn) Busy(b bool) {
	if b {
		s.Submit.Disable()
		s.Submit.SetText("Checking…")
		s.Message.SetText("")
		return
	}
	s.Submit.Enable()
	s.Submit.SetText("Sign in")
}

// Fail shows why signing in did not work and clears the password.
func (s *SignIn) Fail(msg string) {
	s.Message.Importance = widget.DangerImportance
	s.Message.SetText(msg)
	s.Password.SetText("")
}

// Tell shows good news above the button (joined, restored): in the success colour, not
// the red of a failed sign-in.
func (s *SignIn) Tell(msg string) {
	s.Message.Importance = widget.SuccessImportance
	s.Message.SetText(msg)
}

// fixedWidth lays out its objects at a fixed width and their natural height.
type fixedWidth struct{ w float32 }

func (f *fixedWidth) MinSize(objs []fyne.CanvasObject) fyne.Size {
	h := float32(0)
	for _, o := range objs {
		h = max(h, o.MinSize().Height)
	}
	return fyne.NewSize(f.w, h)
}

func (f *fixedWidth) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	for _, o := range objs {
		o.Resize(fyne.NewSize(f.w, size.Height))
		o.Move(fyne.NewPos(0, 0))
	}
}
