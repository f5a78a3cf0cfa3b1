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
	Username *widget.Entry
	Password *widget.Entry
	Submit   *widget.Button
	Message  *widget.Label
	Content  fyne.CanvasObject
}

func newSignIn(opt Options, submit func(username, password string)) *SignIn {
	s := &SignIn{
		Username: widget.NewEntry(),
		Password: widget.NewPasswordEntry(),
		Message:  widget.NewLabel(""),
	}
	s.Username.SetPlaceHolder("Username")
	s.Password.SetPlaceHolder("Password")
	s.Message.Importance = widget.DangerImportance
	s.Message.Wrapping = fyne.TextWrapWord
	s.Message.TextStyle.Bold = true
	go1 := func() { submit(s.Username.Text, s.Password.Text) }
	s.Submit = widget.NewButtonWithIcon("Sign in", theme.LoginIcon(), go1)
	s.Submit.Importance = widget.HighImportance
	s.Username.OnSubmitted = func(string) { fyne.CurrentApp().Driver().CanvasForObject(s.Username).Focus(s.Password) }
	s.Password.OnSubmitted = func(string) { go1() }

	logo := canvas.NewImageFromResource(fyne.NewStaticResource("icon.png", assets.Icon()))
	logo.FillMode = canvas.ImageFillContain
	logo.SetMinSize(fyne.NewSize(120, 120))
	brand := canvas.NewText("Pursuit", White)
	brand.TextSize = 40
	brand.TextStyle.Bold = true
	tagline := canvas.NewText("Pursuit of Excellence preceptorship portfolio", White)
	tagline.TextSize = 17
	left := container.NewStack(canvas.NewRectangle(NHSBlue),
		container.NewCenter(container.NewVBox(container.NewCenter(logo), container.NewCenter(brand), container.NewCenter(tagline))))

	heading := canvas.NewText("Sign in", NHSText)
	heading.TextSize = 28
	heading.TextStyle.Bold = true
	hint := widget.NewLabel("Use your own username and password. Lock or sign out when you step away from a shared PC.")
	hint.Wrapping = fyne.TextWrapWord
	form := container.NewVBox(heading, hint,
		widget.NewLabelWithStyle("Username", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}), s.Username,
		widget.NewLabelWithStyle("Password", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}), s.Password,
		s.Message, s.Submit)
	formBox := container.NewPadded(container.NewPadded(form))
	right := container.NewStack(canvas.NewRectangle(White), container.NewCenter(container.New(&fixedWidth{420}, formBox)))

	body := container.NewGridWithColumns(2, left, right)
	if !opt.Demo {
		s.Content = body
		return s
	}
	s.Content = container.NewBorder(demoBanner(opt), nil, nil, nil, body)
	return s
}

// demoBanner says plainly that this is made-up data, and how to try it.
func demoBanner(opt Options) fyne.CanvasObject {
	title := canvas.NewText("Demo data", NHSText)
	title.TextStyle.Bold = true
	title.TextSize = 18
	text := "A made-up cohort for trying Pursuit. Every demo account's password is \"" + opt.DemoPassword + "\". Try: "
	for i, a := range opt.DemoAccounts {
		if i > 0 {
			text += " · "
		}
		text += a.Username + " (" + a.Role + ")"
	}
	msg := widget.NewLabel(text)
	msg.Wrapping = fyne.TextWrapWord
	return container.NewStack(canvas.NewRectangle(NHSYellow), container.NewPadded(container.NewBorder(nil, nil, container.NewCenter(title), nil, msg)))
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
	s.Message.SetText(msg)
	s.Password.SetText("")
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
