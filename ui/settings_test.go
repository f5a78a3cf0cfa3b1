package ui

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"pursuit/assets"
	"pursuit/model"
	"pursuit/model/sqlite"
)

// settingsSignIn signs someone in and opens Settings.
func settingsSignIn(t *testing.T, st *sqlite.Store, username string) (*App, *SettingsScreen) {
	t.Helper()
	u := New(test.NewTempApp(t), st, Options{Async: inline, Version: "1.2.3", Later: never})
	test.Type(u.SignIn.Username, username)
	test.Type(u.SignIn.Password, pw)
	test.Tap(u.SignIn.Submit)
	if u.Shell == nil {
		t.Fatalf("%s not signed in: %q", username, u.SignIn.Message.Text)
	}
	u.Shell.Show("settings")
	x, ok := u.Shell.Screen.(*SettingsScreen)
	if !ok {
		t.Fatalf("settings screen is %T", u.Shell.Screen)
	}
	return u, x
}

func TestSettingsIdleLockThemeAndTextSizeAreStoredAndApplied(t *testing.T) {
	ctx := context.Background()
	st, _ := world(t)
	u, x := settingsSignIn(t, st, "pat")
	if x.IdleMinutes.Selected != "10 minutes" || x.Theme.Selected != "Light" || x.TextSize.Selected != "100%" {
		t.Fatalf("defaults shown: %q %q %q", x.IdleMinutes.Selected, x.Theme.Selected, x.TextSize.Selected)
	}
	x.IdleMinutes.SetSelected("5 minutes")
	if v, _ := st.Meta(ctx, metaIdleMinutes); v != "5" || u.Idle.Timeout != 5*time.Minute {
		t.Fatalf("idle: meta %q timeout %v", v, u.Idle.Timeout)
	}
	x.IdleMinutes.SetSelected("Never")
	if v, _ := st.Meta(ctx, metaIdleMinutes); v != "0" || u.Idle.Timeout != 0 {
		t.Fatalf("never: meta %q timeout %v", v, u.Idle.Timeout)
	}

	x.Theme.SetSelected("Dark")
	if v, _ := st.Meta(ctx, metaTheme); v != ThemeDark {
		t.Fatalf("theme stored as %q", v)
	}
	if th, ok := u.fyne.Settings().Theme().(Theme); !ok || th.Variant != ThemeDark {
		t.Fatalf("theme applied: %#v", u.fyne.Settings().Theme())
	}
	x2, ok := u.Shell.Screen.(*SettingsScreen)
	if !ok || x2 == x || u.Shell.Current != "settings" {
		t.Fatalf("the window was not rebuilt on Settings: %T %q", u.Shell.Screen, u.Shell.Current)
	}
	if x2.Theme.Selected != "Dark" {
		t.Fatalf("rebuilt settings show %q", x2.Theme.Selected)
	}
	x2.TextSize.SetSelected("130%")
	if v, _ := st.Meta(ctx, metaTextScale); v != "1.3" {
		t.Fatalf("text size stored as %q", v)
	}
	if th := u.fyne.Settings().Theme().(Theme); th.TextScale != 1.3 || th.Variant != ThemeDark {
		t.Fatalf("text size applied: %+v", th)
	}

	// A new window on this PC starts with the stored settings.
	u2 := New(test.NewTempApp(t), st, Options{Async: inline, Later: never})
	if u2.Idle.Timeout != 0 {
		t.Fatalf("idle timeout after restart %v", u2.Idle.Timeout)
	}
}

func TestSettingsChangePassword(t *testing.T) {
	ctx := context.Background()
	st, _ := world(t)
	_, x := settingsSignIn(t, st, "pat")
	const fresh = "tea at the nurses station"

	test.Type(x.OldPassword, "not my password")
	test.Type(x.NewPassword, fresh)
	test.Type(x.RepeatPassword, fresh)
	test.Tap(x.ChangePassword)
	if !strings.Contains(x.PasswordMessage.Text, "current password is not right") {
		t.Fatalf("wrong old password: %q", x.PasswordMessage.Text)
	}
	if _, err := st.SignIn(ctx, "pat", fresh); err == nil {
		t.Fatal("the password changed without the old one")
	}

	x.OldPassword.SetText(pw)
	x.RepeatPassword.SetText("something else entirely")
	test.Tap(x.ChangePassword)
	if !strings.Contains(x.PasswordMessage.Text, "not the same") {
		t.Fatalf("mismatch: %q", x.PasswordMessage.Text)
	}

	x.NewPassword.SetText("short")
	x.RepeatPassword.SetText("short")
	test.Tap(x.ChangePassword)
	if !strings.Contains(x.PasswordMessage.Text, "at least 10 characters") {
		t.Fatalf("weak: %q", x.PasswordMessage.Text)
	}

	x.OldPassword.SetText(pw)
	x.NewPassword.SetText(fresh)
	x.RepeatPassword.SetText(fresh)
	x.save() // Ctrl+S
	if !strings.Contains(x.PasswordMessage.Text, "has been changed") || x.OldPassword.Text != "" {
		t.Fatalf("changed: %q", x.PasswordMessage.Text)
	}
	if _, err := st.SignIn(ctx, "pat", fresh); err != nil {
		t.Fatalf("new password refused: %v", err)
	}
	if _, err := st.SignIn(ctx, "pat", pw); err == nil {
		t.Fatal("old password still works")
	}
}

func TestSettingsSharedFolderImportAndAbout(t *testing.T) {
	ctx := context.Background()
	st, _ := world(t)
	if _, err := st.System().AddUser(ctx, model.User{Username: "ada", Name: "Ada Admin", Role: model.RoleAdmin}, pw); err != nil {
		t.Fatal(err)
	}
	_, x := settingsSignIn(t, st, "ada")
	x.ShareDir.SetText(t.TempDir())
	test.Tap(x.ShareSave)
	if v, _ := st.ShareFolder(ctx); v != x.ShareDir.Text || !strings.Contains(x.ShareMessage.Text, "Saved") {
		t.Fatalf("share folder %q message %q", v, x.ShareMessage.Text)
	}

	if x.Framework == nil || len(x.Frameworks.Objects) != 1 {
		t.Fatal("the administrator does not see the frameworks")
	}
	if !x.Import.Disabled() {
		t.Fatal("import possible with no file")
	}
	x.Framework.Load("default.json", assets.DefaultFramework())
	if x.Import.Disabled() {
		t.Fatalf("file not accepted: %q", x.Framework.Error.Text)
	}
	test.Tap(x.Import)
	if !strings.Contains(x.ImportMessage.Text, "58 added, 0 updated, 0 retired") {
		t.Fatalf("import result: %q", x.ImportMessage.Text)
	}
	fws, _ := st.Frameworks(ctx)
	if len(fws) != 2 || len(x.Frameworks.Objects) != 2 {
		t.Fatalf("frameworks %+v, %d shown", fws, len(x.Frameworks.Objects))
	}

	x.Framework.Load("broken.json", []byte("{\n  \"format\": \"pursuit-framework\",\n  oops\n}"))
	if !x.Import.Disabled() || !strings.Contains(x.Framework.Error.Text, "Line 3") {
		t.Fatalf("broken file: %q", x.Framework.Error.Text)
	}

	about := settingsText(x.About)
	for _, want := range []string{"1.2.3", st.Dir(), st.DeviceID(), "SIL Open Font License 1.1", "go-sqlite3"} {
		if !strings.Contains(about, want) {
			t.Errorf("About lacks %q", want)
		}
	}
}

func TestSettingsPreceptorCannotImportAFramework(t *testing.T) {
	st, _ := world(t)
	_, x := settingsSignIn(t, st, "sam")
	if x.Framework != nil || x.Import != nil {
		t.Fatal("a preceptor is offered the framework import")
	}
}

func TestSettingsAnAdministratorBacksUpFromTheBackupCard(t *testing.T) {
	ctx := context.Background()
	st, _ := world(t)
	if _, err := st.System().AddUser(ctx, model.User{Username: "ada", Name: "Ada Admin", Role: model.RoleAdmin}, pw); err != nil {
		t.Fatal(err)
	}
	_, x := settingsSignIn(t, st, "ada")
	if x.BackupNow == nil || x.BackupNow.Disabled() || x.BackupProgress.Visible() {
		t.Fatal("the administrator has no Back up now button ready")
	}
	if text := allText(x.root); !strings.Contains(text, "restore FILE.zip") || !strings.Contains(text, "never on the shared sync folder") {
		t.Error("the card does not say restoring is done on the command line")
	}
	path := filepath.Join(t.TempDir(), "pursuit-backup.zip")
	x.BackUpTo(fileWriter(t, path), path)
	if !strings.Contains(x.BackupMessage.Text, "Backed up to "+path) || !strings.Contains(x.BackupMessage.Text, "accounts") ||
		x.BackupProgress.Visible() || x.BackupNow.Disabled() || x.BackupSaved != path {
		t.Fatalf("after the backup: %q", x.BackupMessage.Text)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	b, err := sqlite.ReadBackup(bytes.NewReader(data), int64(len(data)))
	if err != nil || b.Manifest.AppVersion != "1.2.3" || b.Manifest.DeviceID != st.DeviceID() {
		t.Fatalf("the file is not a backup of this folder: %v %+v", err, b)
	}

	// A folder that cannot be written: the reason is shown and no empty file is left.
	bad := filepath.Join(t.TempDir(), "gone", "b.zip")
	x.BackUpTo(nopWriter{}, bad)
	if !strings.Contains(x.BackupMessage.Text, "not made") || x.BackupNow.Disabled() {
		t.Fatalf("failed backup: %q", x.BackupMessage.Text)
	}
}

func TestSettingsOnlyAnAdministratorSeesTheBackupCard(t *testing.T) {
	st, _ := world(t)
	for _, who := range []string{"pat", "sam"} {
		_, x := settingsSignIn(t, st, who)
		if x.BackupNow != nil || strings.Contains(allText(x.root), "Back up now") {
			t.Errorf("%s is offered a backup", who)
		}
	}
}

// allText gathers the text shown anywhere under o, inside widgets too.
func allText(o fyne.CanvasObject) string {
	var b strings.Builder
	for _, c := range test.LaidOutObjects(o) {
		switch w := c.(type) {
		case *widget.Label:
			b.WriteString(w.Text + "\n")
		case *Button:
			b.WriteString(w.Text + "\n")
		case *canvas.Text:
			b.WriteString(w.Text + "\n")
		}
	}
	return b.String()
}

type nopWriter struct{}

func (nopWriter) Write(p []byte) (int, error) { return len(p), nil }
func (nopWriter) Close() error                { return nil }

// settingsText gathers the text of every label and canvas text under o.
func settingsText(o fyne.CanvasObject) string {
	var b strings.Builder
	var walk func(fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		switch w := o.(type) {
		case *widget.Label:
			b.WriteString(w.Text + "\n")
		case *canvas.Text:
			b.WriteString(w.Text + "\n")
		case *fyne.Container:
			for _, c := range w.Objects {
				walk(c)
			}
		}
	}
	walk(o)
	return b.String()
}
