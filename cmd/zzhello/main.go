package main

import (
	"fmt"
	"os"
	"runtime"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/app"
	"fyne.io/fyne/v2/widget"
)

func main() {
	a := app.New()
	w := a.NewWindow("Pursuit hello")
	w.SetContent(widget.NewLabel("Hello"))
	w.Resize(fyne.NewSize(1280, 720))
	go func() {
		time.Sleep(5 * time.Second)
		var m runtime.MemStats
		runtime.ReadMemStats(&m)
		b, _ := os.ReadFile("/proc/self/status")
		fmt.Fprintf(os.Stderr, "go sys-released %d MB heapinuse %d MB\n%s", (m.Sys-m.HeapReleased)>>20, m.HeapInuse>>20, b)
		a.Quit()
	}()
	w.ShowAndRun()
}
