package demo

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"strings"

	"pursuit/model"
)

// The demo's attachments are drawn here rather than shipped: photos of posters and
// teaching sessions as JPEG and PNG, and one-page PDF certificates.

func (g *gen) addFile(name, mime string, data []byte) model.Attachment {
	sum := sha256.Sum256(data)
	sha := hex.EncodeToString(sum[:])
	if !g.files[sha] {
		g.files[sha] = true
		g.out.Batch.Files = append(g.out.Batch.Files, model.File{Name: name, Data: data})
	}
	return model.Attachment{SHA256: sha, Name: name, MIME: mime, Size: int64(len(data))}
}

// imagePool draws the handful of pictures ordinary preceptees attach.
func (g *gen) imagePool() {
	names := []string{"teaching-session.jpg", "sepsis-poster.png", "wound-care-study-day.jpg", "team-huddle-board.png", "falls-audit-chart.png", "hand-hygiene-poster.jpg"}
	for i, n := range names {
		portrait := i%3 == 2
		g.pool = append(g.pool, g.picture(n, uint64(i), portrait))
	}
}

func (g *gen) showcaseImage(k int) model.Attachment {
	subjects := []string{"poster", "teaching-board", "study-day", "certificate-photo", "huddle-board", "audit-chart", "leaflet"}
	return g.picture(fmt.Sprintf("%s-%02d.jpg", subjects[k%len(subjects)], k+1), uint64(100+k), k%4 == 3)
}

// picture draws a calm scene: a wall, a noticeboard with coloured cards, a window.
func (g *gen) picture(name string, seed uint64, portrait bool) model.Attachment {
	w, h := 800, 600
	if portrait {
		w, h = 600, 800
	}
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	wall := color.RGBA{uint8(200 + seed*7%40), uint8(210 + seed*3%30), uint8(220 + seed*5%30), 255}
	for y := range h {
		shade := uint8(y * 30 / h)
		fill(img, image.Rect(0, y, w, y+1), color.RGBA{wall.R - shade, wall.G - shade, wall.B - shade, 255})
	}
	board := image.Rect(w/8, h/6, w*7/8, h*5/6)
	fill(img, board, color.RGBA{160, 120, 80, 255})
	fill(img, board.Inset(12), color.RGBA{235, 235, 225, 255})
	palette := []color.RGBA{{0, 94, 184, 255}, {0, 150, 57, 255}, {255, 184, 28, 255}, {218, 41, 28, 255}, {65, 182, 230, 255}, {0, 48, 135, 255}}
	inner := board.Inset(30)
	cols, rows := 3, 3
	cw, ch := inner.Dx()/cols, inner.Dy()/rows
	for i := range cols * rows {
		c := palette[(int(seed)+i)%len(palette)]
		x0, y0 := inner.Min.X+(i%cols)*cw+10, inner.Min.Y+(i/cols)*ch+10
		card := image.Rect(x0, y0, x0+cw-20, y0+ch-20)
		fill(img, card, color.RGBA{250, 250, 250, 255})
		fill(img, image.Rect(card.Min.X, card.Min.Y, card.Max.X, card.Min.Y+ch/5), c)
		for line := range 3 {
			ly := card.Min.Y + ch/5 + 12 + line*14
			fill(img, image.Rect(card.Min.X+8, ly, card.Max.X-8-((line*37+int(seed))%40), ly+5), color.RGBA{120, 120, 120, 255})
		}
	}
	var b bytes.Buffer
	if strings.HasSuffix(name, ".png") {
		png.Encode(&b, img) // in-memory encoding cannot fail
		return g.addFile(name, "image/png", b.Bytes())
	}
	jpeg.Encode(&b, img, &jpeg.Options{Quality: 80})
	return g.addFile(name, "image/jpeg", b.Bytes())
}

// fill paints a rectangle by writing the pixel bytes directly: drawing pixel by pixel
// through the image interface made the demo's pictures the slowest part of the cohort.
func fill(img *image.RGBA, r image.Rectangle, c color.RGBA) {
	r = r.Intersect(img.Bounds())
	if r.Empty() {
		return
	}
	row := img.Pix[img.PixOffset(r.Min.X, r.Min.Y) : img.PixOffset(r.Max.X-1, r.Min.Y)+4]
	for i := 0; i < len(row); i += 4 {
		row[i], row[i+1], row[i+2], row[i+3] = c.R, c.G, c.B, c.A
	}
	for y := r.Min.Y + 1; y < r.Max.Y; y++ {
		copy(img.Pix[img.PixOffset(r.Min.X, y):], row)
	}
}

// certificate writes a one-page landscape PDF certificate of completion.
func (g *gen) certificate(person, course string, on model.Date) model.Attachment {
	content := fmt.Sprintf(`0 0.37 0.72 rg 0 555 842 40 re f
BT /F2 28 Tf 0 0.19 0.53 rg 70 430 Td (Certificate of completion) Tj ET
BT /F1 16 Tf 0.2 0.2 0.2 rg 70 380 Td (This is to certify that) Tj ET
BT /F2 22 Tf 70 345 Td (%s) Tj ET
BT /F1 16 Tf 70 310 Td (has completed) Tj ET
BT /F2 20 Tf 70 278 Td (%s) Tj ET
BT /F1 14 Tf 70 230 Td (Date of completion: %s) Tj ET
BT /F1 11 Tf 0.4 0.4 0.4 rg 70 80 Td (Clinical Education and Training - demonstration certificate) Tj ET
`, pdfText(person), pdfText(course), on.Display())
	objs := []string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 842 595] /Resources << /Font << /F1 4 0 R /F2 5 0 R >> >> /Contents 6 0 R >>",
		"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
		"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>",
		fmt.Sprintf("<< /Length %d >>\nstream\n%sendstream", len(content), content),
	}
	var b bytes.Buffer
	b.WriteString("%PDF-1.4\n")
	offsets := make([]int, len(objs))
	for i, o := range objs {
		offsets[i] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(objs)+1)
	for _, off := range offsets {
		fmt.Fprintf(&b, "%010d 00000 n \n", off)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(objs)+1, xref)
	name := asciiUsername(course) + "-certificate.pdf"
	return g.addFile(name, "application/pdf", b.Bytes())
}

// pdfText escapes a string for a PDF literal in WinAnsi, folding what it cannot show.
func pdfText(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '(' || r == ')' || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r < 128:
			b.WriteRune(r)
		case r >= 0xA0 && r <= 0xFF:
			fmt.Fprintf(&b, "\\%03o", r)
		case r == '’' || r == '‘':
			b.WriteByte('\'')
		case r == '–' || r == '—':
			b.WriteByte('-')
		default:
			b.WriteString(asciiUsername(string(r)))
		}
	}
	return b.String()
}
