package main

import (
	"context"
	"fmt"
	"image"
	"image/png"
	"os"
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
	shot := func(name string) {
		settle()
		var img image.Image
		fyne.DoAndWait(func() { img = u.Window.Canvas().Capture() })
		n++
		path := filepath.Join(dir, fmt.Sprintf("%02d-%s.png", n, name))
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
				for _, k := range keys[1 : len(keys)-1] {
					fyne.DoAndWait(func() { u.Shell.Show(k) })
					shot(acct.Username + "-viewing-" + k)
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
