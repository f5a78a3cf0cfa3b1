package report

import (
	"bytes"
	"context"
	"encoding/binary"
	"fmt"
	"image"
	"image/color"
	_ "image/gif" // pictures people attach: GIF, JPEG and PNG
	"image/jpeg"
	_ "image/png"
	"path"
	"runtime"
	"strings"
	"sync"

	"codeberg.org/go-pdf/fpdf"

	"pursuit/model"
)

// Limits on the pictures a portfolio embeds.
const (
	// portfolioMaxPixels: anything larger is listed, not decoded (a 60-megapixel RGBA
	// picture is 240 MB in memory).
	portfolioMaxPixels = 60_000_000
	// portfolioMaxSide is the longest side, in pixels, a picture is embedded at: about
	// 200 dpi across the text width, plenty for print, small for email.
	portfolioMaxSide = 1400
	// portfolioKeepBytes: an upright JPEG no larger than this (and within the side limit)
	// goes in as it is, saving a re-encode.
	portfolioKeepBytes = 400 << 10
	// portfolioMaxHeight is the tallest a picture is drawn, in millimetres.
	portfolioMaxHeight = 110.0
	// portfolioBigPixels: pictures larger than this are decoded one at a time.
	portfolioBigPixels = 12_000_000
)

// portfolioPicture is an attachment made ready for the page: an upright, modest JPEG, or
// the reason it is listed instead.
type portfolioPicture struct {
	name    string // its name inside the PDF
	data    []byte // JPEG
	w, h    int    // pixels, upright
	problem string // non-empty: not shown, and why
}

// portfolioIsPicture says whether an attachment should be shown as a picture.
func portfolioIsPicture(a model.Attachment) bool {
	if a.IsImage() {
		return true
	}
	switch strings.ToLower(path.Ext(a.Name)) {
	case ".jpg", ".jpeg", ".png", ".gif":
		return true
	}
	return false
}

// pictureJobs are the distinct pictures among the exported evidence.
func (b *portfolioBuild) pictureJobs() []model.Attachment {
	if !b.opt.Attachments || !b.want["evidence"] {
		return nil
	}
	seen := map[string]bool{}
	var out []model.Attachment
	for _, e := range b.evidence {
		for _, a := range e.Attachments {
			if portfolioIsPicture(a) && !seen[a.SHA256] {
				seen[a.SHA256] = true
				out = append(out, a)
			}
		}
	}
	return out
}

// preparePictures reads, checks, turns and shrinks every picture once, on a few
// goroutines; both passes then place the same bytes.
func (b *portfolioBuild) preparePictures(ctx context.Context) error {
	jobs := b.pictureJobs()
	if len(jobs) == 0 {
		return nil
	}
	results := make([]*portfolioPicture, len(jobs))
	next := make(chan int)
	done := make(chan int)
	var big sync.Mutex // one huge picture in memory at a time
	workers := min(runtime.GOMAXPROCS(0), 4, len(jobs))
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				results[i] = portfolioPrepare(ctx, jobs[i], b.opt.File, &big)
				done <- i
			}
		}()
	}
	go func() {
		defer close(next)
		for i := range jobs {
			if ctx.Err() != nil {
				return
			}
			select {
			case next <- i:
			case <-ctx.Done():
				return
			}
		}
	}()
	go func() { wg.Wait(); close(done) }()
	for range done {
		b.step()
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	for i, a := range jobs {
		b.pictures[a.SHA256] = results[i]
	}
	return nil
}

// portfolioPrepare makes one attachment ready for the page; it never fails, and a picture
// that cannot be shown carries the reason.
func portfolioPrepare(ctx context.Context, a model.Attachment, file func(string) ([]byte, error), big *sync.Mutex) (pic *portfolioPicture) {
	pic = &portfolioPicture{name: "attachment-" + a.SHA256}
	defer func() {
		if r := recover(); r != nil { // a decoder's bug must not lose the whole export
			pic = &portfolioPicture{problem: "could not be read as a picture"}
		}
	}()
	if ctx.Err() != nil {
		pic.problem = "cancelled"
		return pic
	}
	if file == nil {
		pic.problem = "not available on this device"
		return pic
	}
	data, err := file(a.SHA256)
	if err != nil {
		pic.problem = "not on this device yet: it appears here once this device has synced with the shared folder"
		return pic
	}
	cfg, format, err := image.DecodeConfig(bytes.NewReader(data))
	if err != nil || cfg.Width <= 0 || cfg.Height <= 0 {
		pic.problem = "could not be read as a picture (the file may be damaged)"
		return pic
	}
	pixels := int64(cfg.Width) * int64(cfg.Height)
	if pixels > portfolioMaxPixels {
		pic.problem = fmt.Sprintf("too large to show here (%d × %d pixels); the original is kept with the evidence", cfg.Width, cfg.Height)
		return pic
	}
	if pixels > portfolioBigPixels {
		big.Lock()
		defer big.Unlock()
	}
	orient := 1
	if format == "jpeg" {
		orient = portfolioJPEGOrientation(data)
	}
	img, _, err := image.Decode(bytes.NewReader(data))
	if err != nil {
		pic.problem = "could not be read as a picture (the file may be damaged)"
		return pic
	}
	switch img.(type) {
	case *image.YCbCr, *image.Gray:
		if format == "jpeg" && orient == 1 && max(cfg.Width, cfg.Height) <= portfolioMaxSide && len(data) <= portfolioKeepBytes {
			pic.data, pic.w, pic.h = data, cfg.Width, cfg.Height
			return pic
		}
	}
	small := portfolioOrient(portfolioShrink(img, portfolioMaxSide), orient)
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, small, &jpeg.Options{Quality: 80}); err != nil {
		pic.problem = "could not be prepared for the page"
		return pic
	}
	pic.data = buf.Bytes()
	pic.w, pic.h = small.Bounds().Dx(), small.Bounds().Dy()
	return pic
}

// portfolioJPEGOrientation reads the EXIF orientation tag (1–8) from a JPEG's APP1
// segment; 1 (upright) when there is none or the data is not what it should be.
func portfolioJPEGOrientation(data []byte) int {
	if len(data) < 4 || data[0] != 0xFF || data[1] != 0xD8 {
		return 1
	}
	i := 2
	for i+4 <= len(data) {
		if data[i] != 0xFF {
			return 1
		}
		marker := data[i+1]
		switch {
		case marker == 0xFF: // fill byte
			i++
			continue
		case marker == 0x01 || marker == 0xD8 || (marker >= 0xD0 && marker <= 0xD7): // no length
			i += 2
			continue
		case marker == 0xDA || marker == 0xD9: // image data or end: no EXIF before it
			return 1
		}
		n := int(data[i+2])<<8 | int(data[i+3])
		if n < 2 || i+2+n > len(data) {
			return 1
		}
		seg := data[i+4 : i+2+n]
		if marker == 0xE1 && len(seg) >= 14 && string(seg[:6]) == "Exif\x00\x00" {
			if o := portfolioTIFFOrientation(seg[6:]); o != 0 {
				return o
			}
		}
		i += 2 + n
	}
	return 1
}

// portfolioTIFFOrientation finds tag 0x0112 in the first IFD of a TIFF header; 0 if absent.
func portfolioTIFFOrientation(t []byte) int {
	if len(t) < 8 {
		return 0
	}
	var bo binary.ByteOrder
	switch string(t[:2]) {
	case "II":
		bo = binary.LittleEndian
	case "MM":
		bo = binary.BigEndian
	default:
		return 0
	}
	if bo.Uint16(t[2:]) != 42 {
		return 0
	}
	off := uint64(bo.Uint32(t[4:]))
	if off < 8 || off+2 > uint64(len(t)) {
		return 0
	}
	n := uint64(bo.Uint16(t[off:]))
	for k := range n {
		e := off + 2 + 12*k
		if e+12 > uint64(len(t)) {
			return 0
		}
		if bo.Uint16(t[e:]) != 0x0112 {
			continue
		}
		var v uint32
		switch bo.Uint16(t[e+2:]) {
		case 3: // SHORT
			v = uint32(bo.Uint16(t[e+8:]))
		case 4: // LONG
			v = bo.Uint32(t[e+8:])
		default:
			return 0
		}
		if v >= 1 && v <= 8 {
			return int(v)
		}
		return 0
	}
	return 0
}

// portfolioOrient turns a picture upright according to its EXIF orientation.
func portfolioOrient(src *image.RGBA, o int) *image.RGBA {
	if o < 2 || o > 8 {
		return src
	}
	r := src.Bounds()
	w, h := r.Dx(), r.Dy()
	dw, dh := w, h
	if o >= 5 {
		dw, dh = h, w
	}
	dst := image.NewRGBA(image.Rect(0, 0, dw, dh))
	for y := range dh {
		for x := range dw {
			var sx, sy int
			switch o {
			case 2: // mirrored
				sx, sy = w-1-x, y
			case 3: // upside down
				sx, sy = w-1-x, h-1-y
			case 4: // mirrored, upside down
				sx, sy = x, h-1-y
			case 5: // transposed
				sx, sy = y, x
			case 6: // taken with the camera turned right: turn clockwise
				sx, sy = y, h-1-x
			case 7: // transversed
				sx, sy = w-1-y, h-1-x
			case 8: // turn anticlockwise
				sx, sy = w-1-y, x
			}
			si := src.PixOffset(r.Min.X+sx, r.Min.Y+sy)
			di := dst.PixOffset(x, y)
			copy(dst.Pix[di:di+4], src.Pix[si:si+4])
		}
	}
	return dst
}

// portfolioShrink averages a picture down so its longest side is at most maxSide (never
// up), onto white where it is transparent. Each source pixel is read once.
func portfolioShrink(src image.Image, maxSide int) *image.RGBA {
	r := src.Bounds()
	sw, sh := r.Dx(), r.Dy()
	dw, dh := sw, sh
	if m := max(sw, sh); m > maxSide {
		dw = max(1, int(int64(sw)*int64(maxSide)/int64(m)))
		dh = max(1, int(int64(sh)*int64(maxSide)/int64(m)))
	}
	dst := image.NewRGBA(image.Rect(0, 0, dw, dh))
	read, ycc := portfolioRowReader(src)
	row := make([]uint8, sw*3)
	acc := make([]uint64, dw*3)
	cnt := make([]uint64, dw)
	xmap := make([]int, sw)
	for x := range sw {
		xmap[x] = int(int64(x) * int64(dw) / int64(sw))
	}
	for dy := range dh {
		y0 := int(int64(dy) * int64(sh) / int64(dh))
		y1 := max(int(int64(dy+1)*int64(sh)/int64(dh)), y0+1)
		clear(acc)
		clear(cnt)
		for y := y0; y < y1; y++ {
			read(y, row)
			for x := range sw {
				dx := xmap[x]
				acc[dx*3] += uint64(row[x*3])
				acc[dx*3+1] += uint64(row[x*3+1])
				acc[dx*3+2] += uint64(row[x*3+2])
				cnt[dx]++
			}
		}
		o := dst.PixOffset(0, dy)
		for dx := range dw {
			n := max(cnt[dx], 1)
			c0, c1, c2 := uint8(acc[dx*3]/n), uint8(acc[dx*3+1]/n), uint8(acc[dx*3+2]/n)
			if ycc {
				c0, c1, c2 = color.YCbCrToRGB(c0, c1, c2)
			}
			dst.Pix[o], dst.Pix[o+1], dst.Pix[o+2], dst.Pix[o+3] = c0, c1, c2, 255
			o += 4
		}
	}
	return dst
}

// portfolioRowReader returns a function that fills row with the RGB of source row y
// (counted from the top of the bounds), quickly for the common decoded types. For a JPEG's
// YCbCr it gives Y, Cb and Cr instead (ycc): the conversion to RGB is affine, so averaging
// first and converting once per output pixel gives the same picture for less work.
func portfolioRowReader(src image.Image) (read func(y int, row []uint8), ycc bool) {
	b := src.Bounds()
	w := b.Dx()
	switch m := src.(type) {
	case *image.YCbCr:
		// As YOffset and COffset, with the subsampling worked out once, not per pixel.
		hs, vs := 0, 0
		switch m.SubsampleRatio {
		case image.YCbCrSubsampleRatio422:
			hs = 1
		case image.YCbCrSubsampleRatio420:
			hs, vs = 1, 1
		case image.YCbCrSubsampleRatio440:
			vs = 1
		case image.YCbCrSubsampleRatio411:
			hs = 2
		case image.YCbCrSubsampleRatio410:
			hs, vs = 2, 1
		}
		return func(y int, row []uint8) {
			yy := b.Min.Y + y
			yBase := (yy-m.Rect.Min.Y)*m.YStride - m.Rect.Min.X
			cBase := (yy>>vs-m.Rect.Min.Y>>vs)*m.CStride - m.Rect.Min.X>>hs
			for x := range w {
				xx := b.Min.X + x
				ci := cBase + xx>>hs
				row[x*3], row[x*3+1], row[x*3+2] = m.Y[yBase+xx], m.Cb[ci], m.Cr[ci]
			}
		}, true
	case *image.Gray:
		return func(y int, row []uint8) {
			pix := m.Pix[m.PixOffset(b.Min.X, b.Min.Y+y):]
			for x := range w {
				v := pix[x]
				row[x*3], row[x*3+1], row[x*3+2] = v, v, v
			}
		}, false
	case *image.RGBA: // alpha-premultiplied: over white is c + (255 − a)
		return func(y int, row []uint8) {
			pix := m.Pix[m.PixOffset(b.Min.X, b.Min.Y+y):]
			for x := range w {
				p := pix[x*4 : x*4+4]
				bg := 255 - p[3]
				row[x*3], row[x*3+1], row[x*3+2] = p[0]+bg, p[1]+bg, p[2]+bg
			}
		}, false
	case *image.NRGBA:
		return func(y int, row []uint8) {
			pix := m.Pix[m.PixOffset(b.Min.X, b.Min.Y+y):]
			for x := range w {
				p := pix[x*4 : x*4+4]
				a := uint32(p[3])
				bg := 255 - a
				row[x*3] = uint8((uint32(p[0])*a)/255 + bg)
				row[x*3+1] = uint8((uint32(p[1])*a)/255 + bg)
				row[x*3+2] = uint8((uint32(p[2])*a)/255 + bg)
			}
		}, false
	}
	return func(y int, row []uint8) {
		for x := range w {
			r, g, bl, a := src.At(b.Min.X+x, b.Min.Y+y).RGBA()
			bg := 0xffff - a
			row[x*3], row[x*3+1], row[x*3+2] = uint8((r+bg)>>8), uint8((g+bg)>>8), uint8((bl+bg)>>8)
		}
	}, false
}

// attachments shows an evidence item's files: pictures on the page, other files listed.
func (b *portfolioBuild) attachments(list []model.Attachment) {
	if !b.opt.Attachments || len(list) == 0 {
		return
	}
	d, p := b.d, b.d.pdf
	// The label goes with the first attachment.
	first := 12.0
	if a := list[0]; portfolioIsPicture(a) {
		if pic := b.pictures[a.SHA256]; pic != nil && pic.problem == "" {
			_, h := portfolioPictureSize(pic)
			first = h + 10
		}
	}
	d.space(first + 6)
	setText(p, nhsDarkBlue)
	p.SetFont(family, "B", 9.5)
	p.SetX(marginL)
	p.MultiCell(textW, 5, fmt.Sprintf("Attachment%s", portfolioPlural(len(list))), "", "L", false)
	p.Ln(0.5)
	for _, a := range list {
		if !portfolioIsPicture(a) {
			b.fileLine(a, "", "")
			continue
		}
		pic := b.pictures[a.SHA256]
		if pic == nil {
			b.fileLine(a, "could not be shown", "")
			continue
		}
		if pic.problem != "" {
			b.fileLine(a, pic.problem, "")
			continue
		}
		b.picture(a, pic)
	}
}

// picture places a prepared picture, centred, scaled to the text width and at most
// portfolioMaxHeight high, with its name beneath.
func (b *portfolioBuild) picture(a model.Attachment, pic *portfolioPicture) {
	d, p := b.d, b.d.pdf
	w, h := portfolioPictureSize(pic)
	d.space(h + 10)
	x := marginL + (textW-w)/2
	y := p.GetY() + 1
	opt := fpdf.ImageOptions{ImageType: "JPG"}
	p.RegisterImageOptionsReader(pic.name, opt, bytes.NewReader(pic.data))
	p.ImageOptions(pic.name, x, y, w, h, false, opt, 0, "")
	setDraw(p, portfolioRule)
	p.SetLineWidth(0.2)
	p.Rect(x, y, w, h, "D")
	setText(p, nhsGrey)
	p.SetFont(family, "", 8)
	p.SetXY(marginL, y+h+1)
	// One line under the picture: a long file name is shortened with "…" (it ran off both
	// edges of the page), its size kept.
	size := " · " + model.DisplaySize(a.Size)
	p.CellFormat(textW, 4, p.fit(a.Name, textW-p.GetStringWidth(size)-2)+size, "", 0, "C", false, 0, "")
	p.SetXY(marginL, y+h+7)
}

// portfolioPictureSize is the size a picture is drawn at, in millimetres: the text width
// at most, portfolioMaxHeight high at most, and a small picture no larger than its own
// size at 96 dpi.
func portfolioPictureSize(pic *portfolioPicture) (w, h float64) {
	w = textW
	h = w * float64(pic.h) / float64(pic.w)
	if h > portfolioMaxHeight {
		h = portfolioMaxHeight
		w = h * float64(pic.w) / float64(pic.h)
	}
	if nat := float64(pic.w) / 96 * 25.4; w > nat && nat >= 20 {
		h = h * nat / w
		w = nat
	}
	return w, h
}

// fileLine lists a file: its name and size, its SHA-256, and why it is not shown if it is
// a picture that could not be. owner names what it belongs to, when that helps.
func (b *portfolioBuild) fileLine(a model.Attachment, problem, owner string) {
	d, p := b.d, b.d.pdf
	d.space(12)
	y := p.GetY()
	setFill(p, nhsGrey)
	p.Rect(marginL+1, y+1.6, 1.6, 1.6, "F")
	name := a.Name
	if owner != "" {
		name = owner + ": " + name
	}
	setText(p, nhsText)
	p.SetFont(family, "B", 9)
	p.SetXY(marginL+5, y)
	p.MultiCell(textW-5, 4.6, clean(name+" ("+model.DisplaySize(a.Size)+")"), "", "L", false)
	if problem != "" {
		setText(p, [3]int{150, 76, 0})
		p.SetFont(family, "I", 8.5)
		p.SetX(marginL + 5)
		p.MultiCell(textW-5, 4.3, clean("Picture "+problem+"."), "", "L", false)
	}
	setText(p, nhsGrey)
	p.SetFont(family, "", 7.5)
	p.SetX(marginL + 5)
	p.MultiCell(textW-5, 3.8, "SHA-256 "+a.SHA256, "", "L", false)
	p.Ln(1.5)
}
