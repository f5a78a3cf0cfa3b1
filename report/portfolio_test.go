package report

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"hash/crc32"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"pursuit/model"
	"pursuit/report/pdftest"
)

// portfolioNow is two weeks before Zoë's programme ends: month 12 of 12.
var portfolioNow = time.Date(2027, 3, 10, 9, 0, 0, 0, time.UTC)

// pfWrite writes a portfolio; with PURSUIT_PDF_DIR set it also keeps a copy there, named
// after the test, to look at.
func pfWrite(t testing.TB, pf model.Portfolio, opt PortfolioOptions) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := Portfolio(context.Background(), &b, pf, testFonts(), opt); err != nil {
		t.Fatal(err)
	}
	if dir := os.Getenv("PURSUIT_PDF_DIR"); dir != "" {
		name := strings.NewReplacer("/", "-", " ", "_").Replace(t.Name())
		os.WriteFile(filepath.Join(dir, fmt.Sprintf("%s-%d.pdf", name, time.Now().UnixNano())), b.Bytes(), 0o644)
	}
	return b.Bytes()
}

var pfSpaces = regexp.MustCompile(`\s+`)

// pfFlat is text with every run of white space made one space, so wrapped lines read on.
func pfFlat(s string) string { return pfSpaces.ReplaceAllString(s, " ") }

func pfPages(pdf []byte) int {
	return len(regexp.MustCompile(`/Type /Page[^s]`).FindAll(pdf, -1))
}

func TestThePortfolioHoldsEveryCompetencySignOffAndEvidenceItem(t *testing.T) {
	st := demoStore(t, 3, portfolioNow)
	pf := demoPortfolio(t, st, "zoe")
	if len(pf.Evidence) < 60 || len(pf.SignOffs) == 0 {
		t.Fatalf("the demo changed: %d evidence items, %d sign-offs", len(pf.Evidence), len(pf.SignOffs))
	}
	var steps, last, total int
	pdf := pfWrite(t, pf, PortfolioOptions{Purpose: "PACE meeting 14 March 2027", Today: model.DateOf(portfolioNow),
		Attachments: true, File: st.ReadAttachment, Progress: func(done, n int) {
			if done < last || done > n {
				t.Errorf("progress went %d → %d of %d", last, done, n)
			}
			steps, last, total = steps+1, done, n
		}})
	qpdfCheck(t, pdf)
	if steps == 0 || last != total {
		t.Errorf("progress reported %d times, ending at %d of %d", steps, last, total)
	}
	pages := pfPages(pdf)
	if pages < 40 || pages > 250 {
		t.Errorf("%d pages for a year's portfolio", pages)
	}
	if len(pdf) > 8<<20 {
		t.Errorf("the PDF is %s", model.DisplaySize(int64(len(pdf))))
	}
	text := pfFlat(pdfText(t, pdf)) + " " + pfFlat(pfRawText(t, pdf))
	want := []string{"Preceptorship portfolio", "Zoë Whitfield", "Amara Okafor", "David MacLeod", "PACE meeting 14 March 2027",
		"Month 12 of 12", "Generated on 10 Mar 2027", fmt.Sprintf("Page 3 of %d", pages), "Confidential",
		"Contents", "Summary", "Progress by level", "Programme timeline", "Overdue and due soon", "Competencies", "Learning plan", "Meetings",
		"Preceptorship agreement", "Clinical supervision", "Training", "Structured learning", "Evidence", "Testimonies from staff",
		"Service-user feedback", "Evidence × competency matrix", "Key to the evidence numbers"}
	for _, c := range pf.Competencies {
		want = append(want, c.Code, pfFlat(c.Title))
	}
	for _, s := range pf.SignOffs {
		want = append(want, fmt.Sprintf("Signed off by %s (%s) on %s", s.SignerName, s.SignerRole.Label(), model.DateOf(s.At).Display()))
	}
	for _, e := range pf.Evidence {
		want = append(want, pfFlat(e.Title))
	}
	for _, tr := range pf.Training {
		want = append(want, tr.Course)
	}
	for _, w := range want {
		if !strings.Contains(text, w) {
			t.Errorf("the portfolio lacks %q", w)
		}
	}
	// The contents give the page each section starts on.
	pageText := strings.Split(pdfText(t, pdf), "\f")
	contents := pfFlat(pageText[1])
	for _, title := range []string{"Summary", "Competencies", "Learning plan", "Meetings", "Training", "Structured learning", "Evidence", "Evidence × competency matrix"} {
		m := regexp.MustCompile(`(?:^| )` + regexp.QuoteMeta(title) + ` (\d+)`).FindStringSubmatch(contents)
		if m == nil {
			t.Errorf("the contents lack %q", title)
			continue
		}
		at, _ := strconv.Atoi(m[1])
		if at < 3 || at > len(pageText) {
			t.Errorf("the contents put %q on page %d", title, at)
			continue
		}
		// A page reads: the running header, then the section's title.
		var lines []string
		for _, l := range strings.Split(pageText[at-1], "\n") {
			if l = strings.TrimSpace(l); l != "" {
				lines = append(lines, l)
			}
		}
		if len(lines) < 2 || lines[1] != title {
			t.Errorf("the contents put %q on page %d, which begins %q", title, at, lines[:min(2, len(lines))])
		}
	}
	// Every picture went in, shrunk no larger than the limit.
	images := pfImages(t, pdf)
	if len(images) != 20 {
		t.Errorf("%d pictures embedded, want the demo's 20", len(images))
	}
	for _, wh := range images {
		if max(wh[0], wh[1]) > portfolioMaxSide {
			t.Errorf("a picture went in at %d × %d", wh[0], wh[1])
		}
	}
	// Career conversations were not asked for.
	if strings.Contains(text, "6-month career conversation Date") || strings.Contains(text, "Career conversations are between") {
		t.Error("career conversations printed without the preceptee choosing to include them")
	}
}

// pfRawText extracts a PDF's text in the order it was drawn, so a table cell that wraps
// reads on instead of interleaving with its neighbours.
func pfRawText(t *testing.T, pdf []byte) string {
	t.Helper()
	bin := pdftest.Tool(t, "pdftotext")
	f := filepath.Join(t.TempDir(), "doc.pdf")
	os.WriteFile(f, pdf, 0o600)
	out, err := exec.Command(bin, "-raw", f, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	return string(out)
}

// pfImages lists the width and height of every picture in a PDF, with poppler's pdfimages.
func pfImages(t *testing.T, pdf []byte) [][2]int {
	t.Helper()
	bin := pdftest.Tool(t, "pdfimages")
	f := filepath.Join(t.TempDir(), "doc.pdf")
	os.WriteFile(f, pdf, 0o600)
	out, err := exec.Command(bin, "-list", f).Output()
	if err != nil {
		t.Fatalf("pdfimages: %v", err)
	}
	var sizes [][2]int
	for _, line := range strings.Split(string(out), "\n")[2:] {
		fs := strings.Fields(line)
		if len(fs) < 5 {
			continue
		}
		w, _ := strconv.Atoi(fs[3])
		h, _ := strconv.Atoi(fs[4])
		sizes = append(sizes, [2]int{w, h})
	}
	return sizes
}

func TestNamesFromAcrossTheTrustRender(t *testing.T) {
	st := demoStore(t, 3, portfolioNow)
	for user, name := range map[string]string{"siobhan": "Siobhán Ó'Connor", "lukasz": "Łukasz Nowak"} {
		pf := demoPortfolio(t, st, user)
		if pf.Preceptee.Name != name {
			t.Fatalf("the demo's %s is %q", user, pf.Preceptee.Name)
		}
		pdf := pfWrite(t, pf, PortfolioOptions{Purpose: "Mid-point review – “PACE”", Today: model.DateOf(portfolioNow), Attachments: true, File: st.ReadAttachment})
		qpdfCheck(t, pdf)
		text := pfFlat(pdfText(t, pdf))
		for _, w := range []string{name, name + " · Preceptorship portfolio", pf.Preceptor.Name, "Mid-point review – “PACE”"} {
			if !strings.Contains(text, w) {
				t.Errorf("%s's portfolio lacks %q", user, w)
			}
		}
	}
}

func TestSinceLeavesOutOlderRecordsButNotSignOffs(t *testing.T) {
	st := demoStore(t, 3, portfolioNow)
	pf := demoPortfolio(t, st, "zoe")
	since := model.NewDate(2026, 11, 1)
	pdf := pfWrite(t, pf, PortfolioOptions{Today: model.DateOf(portfolioNow), Since: since})
	qpdfCheck(t, pdf)
	text := pfFlat(pdfText(t, pdf))
	// Evidence titles also turn up in SLOT analyses and notes: look at the evidence alone.
	evidence := pfFlat(pdfText(t, pfWrite(t, pf, PortfolioOptions{Today: model.DateOf(portfolioNow), Since: since, Sections: []string{"evidence"}})))
	kept := map[string]bool{}
	for _, e := range pf.Evidence {
		if !e.OccurredOn.Before(since) {
			kept[e.Title] = true
		}
	}
	older, newer := 0, 0
	for _, e := range pf.Evidence {
		switch {
		case kept[e.Title]:
			newer++
			if !strings.Contains(evidence, pfFlat(e.Title)) {
				t.Errorf("%q (%s) is missing", e.Title, e.OccurredOn)
			}
		default:
			older++
			if strings.Contains(evidence, pfFlat(e.Title)) {
				t.Errorf("%q (%s) is before %s but printed", e.Title, e.OccurredOn, since)
			}
		}
	}
	if older == 0 || newer == 0 {
		t.Fatalf("the date splits the demo's evidence %d/%d", older, newer)
	}
	for _, m := range pf.Meetings {
		if m.Date.Before(since) && strings.Contains(text, m.Kind.Label()+" – "+m.Date.Display()) {
			t.Errorf("the meeting of %s is printed", m.Date)
		}
	}
	// Sign-offs are always complete, whenever they were made.
	for _, s := range pf.SignOffs {
		if w := fmt.Sprintf("Signed off by %s (%s) on %s", s.SignerName, s.SignerRole.Label(), model.DateOf(s.At).Display()); !strings.Contains(text, w) {
			t.Errorf("lacks %q", w)
		}
	}
	if !strings.Contains(text, "dated on or after 1 Nov 2026") {
		t.Error("the reader is not told that older records are left out")
	}
}

func TestSectionsChooseWhatIsPrinted(t *testing.T) {
	st := demoStore(t, 3, portfolioNow)
	pf := demoPortfolio(t, st, "zoe")
	pdf := pfWrite(t, pf, PortfolioOptions{Today: model.DateOf(portfolioNow), Sections: []string{"summary", "training"}, Attachments: true, File: st.ReadAttachment})
	qpdfCheck(t, pdf)
	text := pfFlat(pdfText(t, pdf))
	for _, w := range []string{"Progress by level", "Basic life support", "Certificates attached"} {
		if !strings.Contains(text, w) {
			t.Errorf("lacks %q", w)
		}
	}
	for _, w := range []string{"Learning plan", "Structured learning", "Evidence × competency matrix", "Clinical supervision", pf.Evidence[0].Title, "Strengths"} {
		if strings.Contains(text, w) {
			t.Errorf("%q printed though its section was not chosen", w)
		}
	}
	if n := pfPages(pdf); n > 8 {
		t.Errorf("%d pages for the summary and training", n)
	}
	var b bytes.Buffer
	if err := Portfolio(context.Background(), &b, pf, testFonts(), PortfolioOptions{Sections: []string{"summary", "gossip"}}); !errors.Is(err, model.ErrInvalid) {
		t.Errorf("an unknown section: %v", err)
	}
}

func TestCareerConversationsOnlyWhenThePrecepteeChooses(t *testing.T) {
	st := demoStore(t, 3, portfolioNow)
	pf := demoPortfolio(t, st, "zoe")
	var said string
	for _, c := range pf.Conversations {
		if c.Held && c.Aspirations != "" {
			said = pfFlat(c.Aspirations)
		}
	}
	if said == "" {
		t.Fatal("the demo has no held career conversation Zoë can read")
	}
	said = said[:40]
	for _, include := range []bool{false, true} {
		pdf := pfWrite(t, pf, PortfolioOptions{Today: model.DateOf(portfolioNow), IncludeConversations: include})
		text := pfFlat(pdfText(t, pdf))
		if strings.Contains(text, said) != include || strings.Contains(text, "6-month career conversation") != include {
			t.Errorf("IncludeConversations %v: the conversation printed: %v", include, strings.Contains(text, said))
		}
	}
}

// handPortfolio is a programme with nothing recorded yet, built by hand.
func pfEmpty() model.Portfolio {
	return model.Portfolio{
		Programme:   model.Programme{ID: "p1", StartDate: model.NewDate(2026, 9, 7), Profession: "physiotherapist", Service: "Community Rehab – Sefton"},
		Preceptee:   model.User{Name: "Łukasz Wiśniewski"},
		Preceptor:   model.User{Name: "Siobhán Ó'Connor"},
		LineManager: model.User{Name: "Zoë Adeyemi"},
	}
}

func TestAnEmptyPortfolioIsAHelpfulDocument(t *testing.T) {
	pdf := pfWrite(t, pfEmpty(), PortfolioOptions{Today: model.NewDate(2026, 9, 8), Purpose: "First meeting", Attachments: true, IncludeConversations: true})
	qpdfCheck(t, pdf)
	text := pfFlat(pdfText(t, pdf))
	for _, w := range []string{"Łukasz Wiśniewski", "Physiotherapist", "Month 1 of 12", "No competencies are in this plan yet", "No goals are in the learning plan yet",
		"No meetings are recorded yet", "No training is recorded yet", "No structured learning is recorded yet", "No evidence has been added yet",
		"No evidence is linked to competencies yet", "No career conversations are recorded yet", "Not yet confirmed by either side",
		"Initial meeting", "Page 2 of"} {
		if !strings.Contains(text, w) {
			t.Errorf("the empty portfolio lacks %q", w)
		}
	}
	// And one with no names or dates at all still comes out.
	qpdfCheck(t, pfWrite(t, model.Portfolio{}, PortfolioOptions{}))
}

func pfSHA(b []byte) string { h := sha256.Sum256(b); return hex.EncodeToString(h[:]) }

func TestBadAttachmentsAndTextNeverBreakTheExport(t *testing.T) {
	files := map[string][]byte{}
	attach := func(name, mime string, data []byte) model.Attachment {
		s := pfSHA(data)
		files[s] = data
		return model.Attachment{ID: name, SHA256: s, Name: name, MIME: mime, Size: int64(len(data))}
	}
	// A 50-megapixel picture (8000 × 6250), with a little drawn on it.
	huge := image.NewGray(image.Rect(0, 0, 8000, 6250))
	for y := 0; y < 6250; y += 500 {
		for x := range 8000 {
			huge.Pix[y*huge.Stride+x] = 200
		}
	}
	var hugePNG bytes.Buffer
	if err := png.Encode(&hugePNG, huge); err != nil {
		t.Fatal(err)
	}
	random := make([]byte, 4096)
	rng := rand.New(rand.NewPCG(1, 2))
	for i := range random {
		random[i] = byte(rng.UintN(256))
	}
	missing := model.Attachment{SHA256: strings.Repeat("ab", 32), Name: "ward-round-photo.jpg", MIME: "image/jpeg", Size: 2 << 20}
	pf := pfEmpty()
	pf.Competencies = []model.CompetencyView{{Competency: model.Competency{Code: "COM-01", Title: "Communicate clearly", Level: model.Must, Domain: "Communication"}, Progress: model.Progress{Status: model.InProgress}}}
	pf.Evidence = []model.Evidence{{
		ID: "e1", Type: model.Reflection, Template: "gibbs", Title: "A night shift 😀 with a bell\x07 and a NUL\x00", OccurredOn: model.NewDate(2026, 10, 1), Codes: []string{"COM-01", "UNKNOWN-9"},
		Sections: map[string]string{
			"description": "Emoji 🩺🚑 and control\x1b[31m characters\x00 – “quotes”, £5, " + strings.Repeat("Pneumonoultramicroscopicsilicovolcanoconiosis", 8) + " " + strings.Repeat("a long reflection that wraps and breaks across the page; ", 300),
			"feelings":    "Invalid UTF-8 \xff\xfe here.",
		},
		Attachments: []model.Attachment{
			missing,
			attach("scan.jpg", "image/jpeg", random),
			attach("huge.png", "image/png", hugePNG.Bytes()),
			attach("care-plan.pdf", "application/pdf", []byte("%PDF-1.4 not really")),
		},
	}}
	pdf := pfWrite(t, pf, PortfolioOptions{Today: model.NewDate(2026, 10, 8), Attachments: true, File: func(s string) ([]byte, error) {
		if b, ok := files[s]; ok {
			return b, nil
		}
		return nil, errors.New("not on this device")
	}})
	qpdfCheck(t, pdf)
	if len(pdf) > 5<<20 {
		t.Errorf("the PDF is %s", model.DisplaySize(int64(len(pdf))))
	}
	text := pfFlat(pdfText(t, pdf))
	for _, w := range []string{"ward-round-photo.jpg", "not on this device yet", "scan.jpg", "could not be read as a picture", "care-plan.pdf",
		"SHA-256 " + pfSHA([]byte("%PDF-1.4 not really")), "huge.png", "A night shift □ with a bell and a NUL", "“quotes”, £5", "Pneumonoultramicroscopic"} {
		if !strings.Contains(text, w) {
			t.Errorf("lacks %q", w)
		}
	}
	if strings.ContainsAny(text, "\x00\x07\x1b😀🩺") {
		t.Error("control characters or emoji reached the page")
	}
	images := pfImages(t, pdf)
	if len(images) != 1 || max(images[0][0], images[0][1]) > portfolioMaxSide {
		t.Errorf("pictures embedded: %v; want the huge one, shrunk", images)
	}
}

func TestATooLargePictureIsListedNotDecoded(t *testing.T) {
	// A PNG header claiming 10000 × 10000 pixels: DecodeConfig reads it, nothing decodes it.
	var b bytes.Buffer
	png.Encode(&b, image.NewGray(image.Rect(0, 0, 1, 1)))
	data := b.Bytes()
	// IHDR's width and height sit at bytes 16–23, its CRC at 29–32.
	copy(data[16:], []byte{0, 0, 0x27, 0x10, 0, 0, 0x27, 0x10})
	binary.BigEndian.PutUint32(data[29:], crc32.ChecksumIEEE(data[12:29]))
	pic := portfolioPrepare(context.Background(), model.Attachment{SHA256: "x", Name: "big.png", MIME: "image/png"},
		func(string) ([]byte, error) { return data, nil }, new(sync.Mutex))
	if !strings.Contains(pic.problem, "too large") || pic.data != nil {
		t.Errorf("a 100-megapixel picture: %+v", pic.problem)
	}
}

// rgba makes a small picture from rows of colours.
func pfRGBA(rows [][]color.RGBA) *image.RGBA {
	img := image.NewRGBA(image.Rect(0, 0, len(rows[0]), len(rows)))
	for y, r := range rows {
		for x, c := range r {
			img.SetRGBA(x, y, c)
		}
	}
	return img
}

func TestOrientationTurnsPicturesUpright(t *testing.T) {
	a, b, c := color.RGBA{1, 0, 0, 255}, color.RGBA{2, 0, 0, 255}, color.RGBA{3, 0, 0, 255}
	d, e, f := color.RGBA{4, 0, 0, 255}, color.RGBA{5, 0, 0, 255}, color.RGBA{6, 0, 0, 255}
	src := [][]color.RGBA{{a, b, c}, {d, e, f}}
	for o, want := range map[int][][]color.RGBA{
		1: src,
		2: {{c, b, a}, {f, e, d}},
		3: {{f, e, d}, {c, b, a}},
		4: {{d, e, f}, {a, b, c}},
		5: {{a, d}, {b, e}, {c, f}},
		6: {{d, a}, {e, b}, {f, c}}, // the camera was turned: turn the picture clockwise
		7: {{f, c}, {e, b}, {d, a}},
		8: {{c, f}, {b, e}, {a, d}},
	} {
		got := portfolioOrient(pfRGBA(src), o)
		if !bytes.Equal(got.Pix, pfRGBA(want).Pix) || got.Bounds() != pfRGBA(want).Bounds() {
			t.Errorf("orientation %d: got %v", o, got.Pix)
		}
	}
}

// exifJPEG is a 40 × 20 JPEG, red on the left and blue on the right, whose EXIF says it
// is stored with the given orientation.
func pfExifJPEG(t *testing.T, orientation uint16, bigEndian bool) []byte {
	img := image.NewRGBA(image.Rect(0, 0, 40, 20))
	for y := range 20 {
		for x := range 40 {
			c := color.RGBA{220, 20, 20, 255}
			if x >= 20 {
				c = color.RGBA{20, 20, 220, 255}
			}
			img.SetRGBA(x, y, c)
		}
	}
	var b bytes.Buffer
	if err := jpeg.Encode(&b, img, &jpeg.Options{Quality: 95}); err != nil {
		t.Fatal(err)
	}
	var tiff []byte
	if bigEndian {
		tiff = []byte{'M', 'M', 0, 42, 0, 0, 0, 8, 0, 1, 0x01, 0x12, 0, 3, 0, 0, 0, 1, byte(orientation >> 8), byte(orientation), 0, 0, 0, 0, 0, 0}
	} else {
		tiff = []byte{'I', 'I', 42, 0, 8, 0, 0, 0, 1, 0, 0x12, 0x01, 3, 0, 1, 0, 0, 0, byte(orientation), byte(orientation >> 8), 0, 0, 0, 0, 0, 0}
	}
	seg := append([]byte("Exif\x00\x00"), tiff...)
	app1 := append([]byte{0xFF, 0xE1, byte((len(seg) + 2) >> 8), byte(len(seg) + 2)}, seg...)
	jpg := b.Bytes()
	return append(append(append([]byte{}, jpg[:2]...), app1...), jpg[2:]...)
}

func TestExifOrientationIsRespected(t *testing.T) {
	for _, big := range []bool{false, true} {
		data := pfExifJPEG(t, 6, big)
		if o := portfolioJPEGOrientation(data); o != 6 {
			t.Fatalf("orientation read as %d (big-endian %v)", o, big)
		}
		pic := portfolioPrepare(context.Background(), model.Attachment{SHA256: "x", Name: "photo.jpg", MIME: "image/jpeg"},
			func(string) ([]byte, error) { return data, nil }, new(sync.Mutex))
		if pic.problem != "" || pic.w != 20 || pic.h != 40 {
			t.Fatalf("prepared as %d × %d (%s)", pic.w, pic.h, pic.problem)
		}
		img, err := jpeg.Decode(bytes.NewReader(pic.data))
		if err != nil {
			t.Fatal(err)
		}
		// Turned clockwise, the left (red) half is now on top.
		top, bottom := img.At(10, 5).(color.YCbCr), img.At(10, 35).(color.YCbCr)
		tr, _, tb := color.YCbCrToRGB(top.Y, top.Cb, top.Cr)
		br, _, bb := color.YCbCrToRGB(bottom.Y, bottom.Cb, bottom.Cr)
		if tr < 150 || tb > 100 || bb < 150 || br > 100 {
			t.Errorf("top %v, bottom %v: not turned clockwise", top, bottom)
		}
	}
	if o := portfolioJPEGOrientation(pfExifJPEG(t, 1, false)[:30]); o != 1 {
		t.Errorf("a truncated JPEG: orientation %d", o)
	}
}

func FuzzPortfolioJPEGOrientation(f *testing.F) {
	f.Add([]byte{0xFF, 0xD8, 0xFF, 0xE1, 0, 8, 'E', 'x', 'i', 'f', 0, 0})
	f.Add([]byte("\xff\xd8\xff\xe1\x00\x22Exif\x00\x00MM\x00\x2a\x00\x00\x00\x08\x00\x01\x01\x12\x00\x03\x00\x00\x00\x01\x00\x06\x00\x00\x00\x00\x00\x00"))
	f.Add([]byte("\xff\xd8\xff\xe1\x00\x22Exif\x00\x00II\x2a\x00\xff\xff\xff\x7f\x01\x00"))
	f.Fuzz(func(t *testing.T, data []byte) {
		if o := portfolioJPEGOrientation(data); o < 1 || o > 8 {
			t.Errorf("orientation %d", o)
		}
	})
}

func TestACancelledExportStops(t *testing.T) {
	st := demoStore(t, 3, portfolioNow)
	pf := demoPortfolio(t, st, "zoe")
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	var b bytes.Buffer
	if err := Portfolio(ctx, &b, pf, testFonts(), PortfolioOptions{Attachments: true, File: st.ReadAttachment}); !errors.Is(err, context.Canceled) || b.Len() != 0 {
		t.Errorf("cancelled before starting: %v, %d bytes", err, b.Len())
	}
	// Cancelled part-way, from the progress callback, as the Export dialog's button does.
	ctx, cancel = context.WithCancel(context.Background())
	defer cancel()
	calls := 0
	err := Portfolio(ctx, &b, pf, testFonts(), PortfolioOptions{Attachments: true, File: st.ReadAttachment, Progress: func(done, total int) {
		if calls++; calls == 25 {
			cancel()
		}
	}})
	if !errors.Is(err, context.Canceled) || b.Len() != 0 {
		t.Errorf("cancelled part-way: %v, %d bytes", err, b.Len())
	}
}

// BenchmarkPortfolio builds Zoë's full twelve-month portfolio, pictures and all.
func BenchmarkPortfolio(b *testing.B) {
	st := demoStore(b, 3, portfolioNow)
	pf := demoPortfolio(b, st, "zoe")
	opt := PortfolioOptions{Purpose: "PACE meeting 14 March 2027", Today: model.DateOf(portfolioNow), Attachments: true, IncludeConversations: true, File: st.ReadAttachment}
	fonts := testFonts()
	var out bytes.Buffer
	b.ReportAllocs()
	for b.Loop() {
		out.Reset()
		if err := Portfolio(context.Background(), &out, pf, fonts, opt); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(pfPages(out.Bytes())), "pages")
	b.ReportMetric(float64(out.Len())/(1<<20), "MB-pdf")
}

// BenchmarkPortfolioPhonePhotos is the same portfolio with every picture a 12-megapixel
// phone photo (4000 × 3000 JPEG), what a preceptee's own camera makes.
func BenchmarkPortfolioPhonePhotos(b *testing.B) {
	st := demoStore(b, 3, portfolioNow)
	pf := demoPortfolio(b, st, "zoe")
	img := image.NewRGBA(image.Rect(0, 0, 4000, 3000))
	for y := 0; y < 3000; y++ {
		for x := 0; x < 4000; x++ {
			img.Set(x, y, color.RGBA{uint8(x / 16), uint8(y / 12), uint8((x ^ y) & 0x3f), 255})
		}
	}
	var photo bytes.Buffer
	if err := jpeg.Encode(&photo, img, &jpeg.Options{Quality: 85}); err != nil {
		b.Fatal(err)
	}
	file := func(sha string) ([]byte, error) {
		data, err := st.ReadAttachment(sha)
		if err == nil && (bytes.HasPrefix(data, []byte("\xff\xd8")) || bytes.HasPrefix(data, []byte("\x89PNG"))) {
			return photo.Bytes(), nil
		}
		return data, err
	}
	opt := PortfolioOptions{Today: model.DateOf(portfolioNow), Attachments: true, File: file}
	fonts := testFonts()
	var out bytes.Buffer
	b.ReportAllocs()
	for b.Loop() {
		out.Reset()
		if err := Portfolio(context.Background(), &out, pf, fonts, opt); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(out.Len())/(1<<20), "MB-pdf")
}

func TestACompletedProgrammeSaysSo(t *testing.T) {
	pf := completedPortfolio()
	pdf := pfWrite(t, pf, PortfolioOptions{Today: model.NewDate(2027, 9, 3), Sections: []string{"summary"}})
	text := pfFlat(pdfText(t, pdf))
	at := model.DateOf(pf.Confirmations[0].At).Display()
	for _, w := range []string{"Programme completed on " + model.NewDate(2027, 9, 2).Display(), "The programme is complete", "Confirmed by Łukasz Wiśniewski on " + at,
		"Confirmed by Zoë Adeyemi on " + at, "The programme is complete: nothing is outstanding."} {
		if !strings.Contains(text, w) {
			t.Errorf("lacks %q", w)
		}
	}
}

func TestContentsOverAPageStillGiveTheRightPages(t *testing.T) {
	// Forty levels a Trust's own framework might (oddly) use: forty entries in the contents.
	pf := pfEmpty()
	for i := range 40 {
		pf.Competencies = append(pf.Competencies, model.CompetencyView{Competency: model.Competency{
			Code: fmt.Sprintf("X-%02d", i), Title: "A competency of an unusual framework", Level: model.Level(fmt.Sprintf("L%02d", i)), Domain: "Odd"}})
	}
	pdf := pfWrite(t, pf, PortfolioOptions{Today: model.NewDate(2026, 10, 1), Sections: []string{"competencies"}})
	qpdfCheck(t, pdf)
	pages := strings.Split(pdfText(t, pdf), "\f")
	contents := pfFlat(pages[1] + " " + pages[2])
	if !strings.Contains(contents, "“L39” competencies") {
		t.Fatal("the contents did not run over a page")
	}
	for _, level := range []string{"L00", "L20", "L39"} {
		title := "“" + level + "” competencies"
		m := regexp.MustCompile(regexp.QuoteMeta(title) + ` (\d+)`).FindStringSubmatch(contents)
		if m == nil {
			t.Fatalf("the contents lack %s", title)
		}
		at, _ := strconv.Atoi(m[1])
		if at < 4 || at > len(pages) || !strings.Contains(pages[at-1], title) {
			t.Errorf("the contents put %s on page %d, where it is not", title, at)
		}
	}
}

// A copy written without its attachments says so on the cover, with how many it leaves out.
func TestACopyWithoutAttachmentsSaysSo(t *testing.T) {
	pf := pfEmpty()
	pf.Evidence = []model.Evidence{{ID: "e1", Type: model.Reflection, Title: "Handover", OccurredOn: model.NewDate(2026, 9, 7),
		Attachments: []model.Attachment{{Name: "photo.jpg"}, {Name: "certificate.pdf"}}}}
	without := pfFlat(pdfText(t, pfWrite(t, pf, PortfolioOptions{Today: model.NewDate(2026, 9, 8)})))
	if !strings.Contains(without, "This copy leaves out the 2 files attached") {
		t.Errorf("a copy without attachments does not say so:\n%s", without)
	}
	with := pfFlat(pdfText(t, pfWrite(t, pf, PortfolioOptions{Today: model.NewDate(2026, 9, 8), Attachments: true})))
	if strings.Contains(with, "leaves out") {
		t.Error("a copy with its attachments says it leaves them out")
	}
}

// One word for one thing: the status a competency's badge shows is the word the summary's
// legend uses ("Awaiting sign-off" in the legend beside "Evidence submitted" on the badge).
func TestTheLegendAndTheBadgesUseOneWord(t *testing.T) {
	pf := pfEmpty()
	pf.Competencies = []model.CompetencyView{{Competency: model.Competency{Code: "ACC-01", Title: "Practise within your code", Level: model.Must, Domain: "Accountability"},
		Progress: model.Progress{Status: model.EvidenceSubmitted}}}
	text := pfFlat(pdfText(t, pfWrite(t, pf, PortfolioOptions{Today: model.NewDate(2026, 9, 8)})))
	if strings.Contains(text, "Awaiting sign-off") || strings.Count(text, "Evidence submitted") < 2 {
		t.Errorf("the status is named %d times as %q, and 'Awaiting sign-off' appears: %v", strings.Count(text, "Evidence submitted"), "Evidence submitted", strings.Contains(text, "Awaiting sign-off"))
	}
}

// A signed-off competency's SLOT self-rating is said to be the preceptee's own, from
// before the sign-off: "Confident and competent: not yet" beside "Signed off" contradicted it.
func TestASignedOffCompetencysSelfRatingSaysWhenItWasMade(t *testing.T) {
	pf := pfEmpty()
	pf.Competencies = []model.CompetencyView{{Competency: model.Competency{Code: "ACC-01", Title: "Practise within your code", Level: model.Must, Domain: "Accountability"},
		Progress: model.Progress{Status: model.SignedOff, SLOT: model.SLOT{Confident: model.ConfidenceNo}}}}
	text := pfFlat(pdfText(t, pfWrite(t, pf, PortfolioOptions{Today: model.NewDate(2026, 9, 8)})))
	if !strings.Contains(text, "Self-rated in the SLOT analysis, before sign-off:") || strings.Contains(text, "Confident and competent:") {
		t.Errorf("the self-rating of a signed-off competency reads:\n%s", text)
	}
}

// A picture's caption with a long file name stays on the page: shortened with "…", its size
// kept. It ran off both edges of the page.
func TestALongCaptionStaysOnThePage(t *testing.T) {
	img := image.NewRGBA(image.Rect(0, 0, 400, 300))
	for i := range img.Pix {
		img.Pix[i] = byte(i)
	}
	var pic bytes.Buffer
	if err := png.Encode(&pic, img); err != nil {
		t.Fatal(err)
	}
	name := strings.Repeat("ward-round-photo-", 14) + "final.png"
	pf := pfEmpty()
	pf.Evidence = []model.Evidence{{ID: "e1", Type: model.Reflection, Title: "Handover", OccurredOn: model.NewDate(2026, 9, 7),
		Attachments: []model.Attachment{{ID: "a1", SHA256: pfSHA(pic.Bytes()), Name: name, MIME: "image/png", Size: int64(pic.Len())}}}}
	pdf := pfWrite(t, pf, PortfolioOptions{Today: model.NewDate(2026, 9, 8), Attachments: true, File: func(string) ([]byte, error) { return pic.Bytes(), nil }})
	const left, right = 18 * 72 / 25.4, (210 - 18) * 72 / 25.4
	seen := false
	for _, w := range pdftest.Words(t, pdftest.File(t, pdf)) {
		if strings.Contains(w.Text, "ward-round-photo") {
			seen = true
			if w.XMin < left-1 || w.XMax > right+1 {
				t.Errorf("the caption %q lies at %.0f–%.0f pt, the text column at %.0f–%.0f", w.Text, w.XMin, w.XMax, left, right)
			}
		}
	}
	if !seen {
		t.Fatal("no caption under the picture")
	}
}
