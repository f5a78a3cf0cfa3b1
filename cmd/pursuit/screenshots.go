package main

import (
	"context"
	"fmt"
	"image"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"time"

	"fyne.io/fyne/v2"

	"pursuit/model"
	"pursuit/model/demo"
	"pursuit/model/sqlite"
	"pursuit/ui"
)

// screenshotTour walks every screen for every featured demo role in the real window and
// saves a PNG of each into dir, then quits: `make screenshots`, for looking at the app.
func screenshotTour(a fyne.App, u *ui.App, st *sqlite.Store, dir string) {
	settle := func() { time.Sleep(900 * time.Millisecond) }
	n := 0
	// The X server's own picture of the screen (ImageMagick's import) shows exactly what a
	// person would see; the canvas's capture is the fallback where there is no X display.
	grab, _ := exec.LookPath("import")
	shot := func(name string) {
		settle()
		n++
		path := filepath.Join(dir, fmt.Sprintf("%02d-%s.png", n, name))
		if grab != "" && os.Getenv("DISPLAY") != "" {
			if err := exec.Command(grab, "-window", "root", "-crop", "1280x860+0+0", "+repage", path).Run(); err == nil {
				return
			}
		}
		var img image.Image
		fyne.DoAndWait(func() { img = u.Window.Canvas().Capture() })
		if f, err := os.Create(path); err == nil {
			png.Encode(f, img)
			f.Close()
		}
	}
	defer fyne.Do(a.Quit)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return
	}
	shot("sign-in")
	ctx := context.Background()
	for _, acct := range demo.FeaturedAccounts() {
		ss, err := st.SignIn(ctx, acct.Username, demo.Password)
		if err != nil {
			continue
		}
		fyne.DoAndWait(func() { u.Enter(ss) })
		var keys []string
		fyne.DoAndWait(func() { keys = u.Shell.NavKeys() })
		for _, k := range keys {
			fyne.DoAndWait(func() { u.Shell.Show(k) })
			shot(acct.Username + "-" + k)
			noteWide(u, acct.Username+"-"+k)
			if acct.Username == "zoe" && openOne(u) {
				shot(acct.Username + "-" + k + "-open")
			}
			if acct.Username == "zoe" && k == "dashboard" {
				fyne.DoAndWait(u.Shell.Export)
				shot("zoe-export")
				fyne.DoAndWait(func() { u.Shell.Exporting.Close.OnTapped() })
			}
		}
		// Those who oversee others: open the first preceptee's portfolio too.
		if acct.Role != model.RolePreceptee {
			ps, _ := ss.Programmes(ctx)
			for _, p := range ps {
				if !model.Allowed(ss.User, model.ViewPortfolio, &p) && !model.Allowed(ss.User, model.ViewCareerConversation, &p) {
					continue
				}
				pre, _ := ss.UserByID(ctx, p.PrecepteeID)
				fyne.DoAndWait(func() { u.Shell.ViewPortfolio(p, pre.Name); keys = u.Shell.NavKeys() })
				for _, k := range keys {
					if k == "home" || k == "sync" || k == "settings" || k == "programmes" {
						continue // the person's own screens, already shown
					}
					fyne.DoAndWait(func() { u.Shell.Show(k) })
					shot(acct.Username + "-viewing-" + k)
					noteWide(u, acct.Username+"-viewing-"+k)
				}
				break
			}
		}
		fyne.DoAndWait(u.Lock)
		if acct.Username == "zoe" {
			shot("locked")
		}
	}
}

// noteWide notes a screen wider than the space the window gives it: it would scroll sideways.
func noteWide(u *ui.App, name string) {
	var w, room float32
	fyne.DoAndWait(func() {
		w = u.Shell.ScreenMinSize().Width
		room = u.Window.Canvas().Size().Width - 250
	})
	if w > room {
		fmt.Fprintf(os.Stderr, "screen %s needs %.0f px, has %.0f\n", name, w, room)
	}
}

// openOne opens an item on list screens, so the tour shows the detail pages too.
func openOne(u *ui.App) bool {
	opened := false
	settleUntil := time.Now().Add(3 * time.Second)
	for time.Now().Before(settleUntil) && !opened {
		fyne.DoAndWait(func() {
			switch sc := u.Shell.Screen.(type) {
			case *ui.Competencies:
				if len(sc.Views) > 6 {
					sc.Open(sc.Views[6].Code)
					opened = true
				}
			case *ui.EvidenceScreen:
				if len(sc.Items) > 1 {
					sc.Open(sc.Items[1].ID)
					opened = true
				}
			default:
				settleUntil = time.Now()
			}
		})
		if !opened {
			time.Sleep(200 * time.Millisecond)
		}
	}
	return opened
}
