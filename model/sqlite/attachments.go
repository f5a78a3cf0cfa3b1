package sqlite

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"unicode"

	"pursuit/model"
)

// AttachmentsDir holds the files, named by SHA-256 in two-letter fan-out folders.
const AttachmentsDir = "attachments"

// executableExts are refused: a portfolio is no place to carry programs between ward PCs.
var executableExts = map[string]bool{
	".exe": true, ".com": true, ".bat": true, ".cmd": true, ".msi": true, ".msp": true, ".scr": true,
	".pif": true, ".cpl": true, ".dll": true, ".sys": true, ".ps1": true, ".psm1": true, ".vbs": true,
	".vbe": true, ".js": true, ".jse": true, ".wsf": true, ".wsh": true, ".hta": true, ".jar": true,
	".sh": true, ".bash": true, ".run": true, ".bin": true, ".app": true, ".apk": true, ".lnk": true,
	".reg": true, ".appimage": true, ".deb": true, ".rpm": true,
}

// executableMagic are the first bytes of Windows, Linux and macOS programs and of scripts.
var executableMagic = [][]byte{
	[]byte("MZ"), []byte("\x7fELF"), []byte("#!"),
	{0xfe, 0xed, 0xfa, 0xce}, {0xfe, 0xed, 0xfa, 0xcf}, {0xcf, 0xfa, 0xed, 0xfe}, {0xce, 0xfa, 0xed, 0xfe}, {0xca, 0xfe, 0xba, 0xbe},
}

var hexSHA = regexp.MustCompile(`^[0-9a-f]{64}$`)

// blobPath is where the bytes with this hash live.
func (s *Store) blobPath(sha string) (string, error) {
	if !hexSHA.MatchString(sha) {
		return "", fmt.Errorf("%w: %q is not a SHA-256", model.ErrInvalid, sha)
	}
	return filepath.Join(s.dir, AttachmentsDir, "sha256", sha[:2], sha), nil
}

// PutAttachment copies a file into the store, refusing empty files, files over the limit
// and programs, and returns the attachment to add to an evidence item or training record.
// The bytes land under a temporary name, are flushed to disk and only then renamed into
// place, so a power cut never leaves a half-written attachment under its real name.
func (s *Store) PutAttachment(ctx context.Context, r io.Reader, name string) (model.Attachment, error) {
	name = cleanFileName(name)
	if executableExts[strings.ToLower(filepath.Ext(name))] {
		return model.Attachment{}, &model.ValidationError{Field: "attachment", Message: fmt.Sprintf("%s is a program or script; attach documents or pictures only", name)}
	}
	tmpDir := filepath.Join(s.dir, AttachmentsDir, "tmp")
	if err := os.MkdirAll(tmpDir, 0o700); err != nil {
		return model.Attachment{}, fmt.Errorf("attach %s: %w", name, err)
	}
	tmp, err := os.CreateTemp(tmpDir, "incoming-*")
	if err != nil {
		return model.Attachment{}, fmt.Errorf("attach %s: %w", name, err)
	}
	defer os.Remove(tmp.Name()) // a no-op once renamed into place
	defer tmp.Close()

	h := sha256.New()
	var head headBuffer
	n, err := io.Copy(io.MultiWriter(tmp, h, &head), io.LimitReader(ctxReader{ctx, r}, s.maxAtt+1))
	if err != nil {
		return model.Attachment{}, fmt.Errorf("attach %s: reading the file failed: %w", name, err)
	}
	switch {
	case n == 0:
		return model.Attachment{}, &model.ValidationError{Field: "attachment", Message: fmt.Sprintf("%s is empty", name)}
	case n > s.maxAtt:
		return model.Attachment{}, &model.ValidationError{Field: "attachment", Message: fmt.Sprintf("%s is larger than the %s limit; attach a smaller copy", name, model.DisplaySize(s.maxAtt))}
	}
	for _, m := range executableMagic {
		if bytes.HasPrefix(head.b, m) {
			return model.Attachment{}, &model.ValidationError{Field: "attachment", Message: fmt.Sprintf("%s contains a program; attach documents or pictures only", name)}
		}
	}
	if err := tmp.Sync(); err != nil {
		return model.Attachment{}, fmt.Errorf("attach %s: %w", name, err)
	}
	if err := tmp.Close(); err != nil {
		return model.Attachment{}, fmt.Errorf("attach %s: %w", name, err)
	}
	sha := hex.EncodeToString(h.Sum(nil))
	dst, _ := s.blobPath(sha)
	if _, err := os.Stat(dst); errors.Is(err, os.ErrNotExist) {
		if err := os.MkdirAll(filepath.Dir(dst), 0o700); err != nil {
			return model.Attachment{}, fmt.Errorf("attach %s: %w", name, err)
		}
		if err := os.Rename(tmp.Name(), dst); err != nil {
			return model.Attachment{}, fmt.Errorf("attach %s: %w", name, err)
		}
		syncDir(filepath.Dir(dst))
	}
	return model.Attachment{SHA256: sha, Name: name, MIME: detectMIME(name, head.b), Size: n}, nil
}

// AttachmentPath is the file to open in the system viewer. An attachment whose bytes have
// not reached this device yet (or have gone) is ErrNotFound with a message saying so.
func (s *Store) AttachmentPath(sha string) (string, error) {
	p, err := s.blobPath(sha)
	if err != nil {
		return "", err
	}
	if _, err := os.Stat(p); err != nil {
		return "", fmt.Errorf("%w: the file is not on this device yet", model.ErrNotFound)
	}
	return p, nil
}

// ReadAttachment returns an attachment's bytes (for previews and exports).
func (s *Store) ReadAttachment(sha string) ([]byte, error) {
	p, err := s.AttachmentPath(sha)
	if err != nil {
		return nil, err
	}
	return os.ReadFile(p)
}

func syncDir(dir string) {
	if d, err := os.Open(dir); err == nil {
		d.Sync() // best effort: some file systems refuse to sync a directory
		d.Close()
	}
}

func cleanFileName(name string) string {
	name = filepath.Base(strings.ReplaceAll(name, "\\", "/"))
	name = strings.Map(func(r rune) rune {
		if unicode.IsControl(r) {
			return -1
		}
		return r
	}, name)
	if name == "." || name == "/" || strings.TrimSpace(name) == "" {
		name = "attachment"
	}
	if len(name) > 200 {
		ext := filepath.Ext(name)
		if len(ext) > 20 {
			ext = ""
		}
		name = name[:200-len(ext)] + ext
	}
	return strings.ToValidUTF8(name, "_")
}

func detectMIME(name string, head []byte) string {
	if t := mime.TypeByExtension(strings.ToLower(filepath.Ext(name))); t != "" {
		return strings.SplitN(t, ";", 2)[0]
	}
	return strings.SplitN(http.DetectContentType(head), ";", 2)[0]
}

// headBuffer keeps the first 512 bytes written, for sniffing the type.
type headBuffer struct{ b []byte }

func (h *headBuffer) Write(p []byte) (int, error) {
	if room := 512 - len(h.b); room > 0 {
		h.b = append(h.b, p[:min(room, len(p))]...)
	}
	return len(p), nil
}

// ctxReader stops a long copy when the person cancels.
type ctxReader struct {
	ctx context.Context
	r   io.Reader
}

func (c ctxReader) Read(p []byte) (int, error) {
	if err := c.ctx.Err(); err != nil {
		return 0, err
	}
	return c.r.Read(p)
}
