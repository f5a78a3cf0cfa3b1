package report

import (
	"archive/zip"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"path"
	"regexp"
	"slices"
	"strings"
	"time"

	"pursuit/model"
)

// The personal archive: everything of one preceptee's portfolio, to take to another Trust or
// keep for NMC revalidation. A zip holding archive.json (every record, documented in
// docs/archive-format.md), the attachments named by SHA-256, the portfolio PDF and a
// README.txt. Password hashes never travel in it.

// ArchiveFormat names the format; ArchiveVersion is its version (readers refuse newer).
const (
	ArchiveFormat  = "pursuit-archive"
	ArchiveVersion = 1
)

// Archive is the contents of archive.json.
type Archive struct {
	Format     string             `json:"format"`
	Version    int                `json:"format_version"`
	ExportedAt time.Time          `json:"exported_at"`
	Preceptee  string             `json:"preceptee_id"`
	Framework  model.FrameworkSet `json:"framework"`
	Records    model.Batch        `json:"records"`
}

// ArchiveInput is what an archive is made from.
type ArchiveInput struct {
	Portfolio  model.Portfolio
	Framework  model.FrameworkSet // the programme's framework, whole
	People     []model.User       // accounts the records name (no password hashes needed)
	PDF        []byte             // the portfolio as PDF
	File       func(sha256 string) ([]byte, error)
	ExportedAt time.Time
}

// WriteArchive writes the zip. An attachment not on this device is left out and named in
// README.txt; everything else is complete.
func WriteArchive(w io.Writer, in ArchiveInput) error {
	pf := in.Portfolio
	b := ArchiveBatch(pf, in.People)
	a := Archive{Format: ArchiveFormat, Version: ArchiveVersion, ExportedAt: in.ExportedAt.UTC(), Preceptee: pf.Programme.PrecepteeID, Framework: in.Framework, Records: b}
	body, err := json.MarshalIndent(a, "", "  ")
	if err != nil {
		return fmt.Errorf("archive: %w", err)
	}
	z := zip.NewWriter(w)
	add := func(name string, data []byte) error {
		f, err := z.CreateHeader(&zip.FileHeader{Name: name, Method: zip.Deflate, Modified: in.ExportedAt})
		if err != nil {
			return err
		}
		_, err = f.Write(data)
		return err
	}
	if err := add("archive.json", body); err != nil {
		return fmt.Errorf("archive: %w", err)
	}
	var missing []string
	seen := map[string]bool{}
	for _, att := range archiveAttachments(b) {
		if seen[att.SHA256] {
			continue
		}
		seen[att.SHA256] = true
		data, err := in.File(att.SHA256)
		if err != nil {
			missing = append(missing, att.Name+" ("+att.SHA256+")")
			continue
		}
		if err := add("attachments/"+att.SHA256, data); err != nil {
			return fmt.Errorf("archive: %w", err)
		}
	}
	if len(in.PDF) > 0 {
		if err := add("portfolio.pdf", in.PDF); err != nil {
			return fmt.Errorf("archive: %w", err)
		}
	}
	readme := fmt.Sprintf("Personal preceptorship archive of %s, exported %s.\n\n"+
		"portfolio.pdf     the portfolio as a document\n"+
		"archive.json      every record (format %s, version %d; see Pursuit's docs/archive-format.md)\n"+
		"attachments/      the attached files, each named by its SHA-256\n\n"+
		"Restore into an empty Pursuit data folder with: pursuit import-archive THIS-FILE.zip\n",
		pf.Preceptee.Name, in.ExportedAt.Format("2 January 2006"), ArchiveFormat, ArchiveVersion)
	if len(missing) > 0 {
		readme += "\nNot on the exporting PC yet, so not included:\n  " + strings.Join(missing, "\n  ") + "\n"
	}
	if err := add("README.txt", []byte(readme)); err != nil {
		return fmt.Errorf("archive: %w", err)
	}
	return z.Close()
}

// ArchiveBatch turns a portfolio snapshot into the records an archive carries: only rows
// that exist (a competency not yet touched has no progress record), the programme's own
// individual competencies, and the people the records name, without password hashes.
func ArchiveBatch(pf model.Portfolio, people []model.User) model.Batch {
	p := pf.Programme
	b := model.Batch{Programmes: []model.Programme{p}, History: pf.History, SignOffs: pf.SignOffs, Evidence: pf.Evidence,
		Goals: pf.Goals, Actions: pf.Actions, Meetings: pf.Meetings, Learning: pf.Learning, Training: pf.Training,
		Conversations: pf.Conversations, Concerns: pf.Concerns, Supervision: pf.Supervision, Confirmations: pf.Confirmations}
	for _, v := range pf.Competencies {
		if v.ProgrammeID == p.ID {
			b.Competencies = append(b.Competencies, v.Competency)
		}
		pr := v.Progress
		if pr.Status != model.NotStarted || pr.SLOT.Started() || pr.Stretch || !pr.UpdatedAt.IsZero() {
			b.Progress = append(b.Progress, pr)
		}
	}
	named := map[string]bool{p.PrecepteeID: true, p.PreceptorID: true, p.LineManagerID: true, p.SupervisorID: true, p.FacilitatorID: true}
	for _, s := range pf.SignOffs {
		named[s.SignerID] = true
	}
	for _, h := range pf.History {
		named[h.ByID] = true
	}
	for _, c := range pf.Confirmations {
		named[c.UserID] = true
	}
	for _, c := range pf.Conversations {
		named[c.FacilitatorID] = true
	}
	for _, c := range pf.Concerns {
		named[c.RaisedBy], named[c.EscalatedTo] = true, true
	}
	for _, e := range pf.Evidence {
		named[e.CreatedBy] = true
	}
	for _, m := range pf.Meetings {
		named[m.CreatedBy] = true
	}
	for _, u := range people {
		if named[u.ID] {
			u.PasswordHash = ""
			b.Users = append(b.Users, u)
		}
	}
	slices.SortFunc(b.Users, func(a, c model.User) int { return strings.Compare(a.ID, c.ID) })
	return b
}

func archiveAttachments(b model.Batch) []model.Attachment {
	var out []model.Attachment
	for _, e := range b.Evidence {
		out = append(out, e.Attachments...)
	}
	for _, t := range b.Training {
		out = append(out, t.Attachments...)
	}
	return out
}

// Limits on what an archive may hold: a zip from elsewhere is untrusted input.
const (
	maxArchiveJSON       = 200 << 20
	maxArchiveAttachment = 60 << 20
	maxArchiveFiles      = 20000
	maxArchiveTotal      = 2 << 30 // all members together, as they are held in memory to restore
)

var archiveName = regexp.MustCompile(`^attachments/[0-9a-f]{64}$`)

// ErrArchive marks a file that is not a Pursuit archive or is damaged.
var ErrArchive = errors.New("not a readable Pursuit archive")

// ReadArchive reads an archive zip: its records, and the attachments' bytes in
// Records.Files, each checked against its SHA-256. It refuses newer formats, names that
// try to leave the archive, oversized members and attachments whose bytes do not match.
func ReadArchive(r io.ReaderAt, size int64) (Archive, error) {
	var a Archive
	z, err := zip.NewReader(r, size)
	if err != nil {
		return a, fmt.Errorf("%w: %v", ErrArchive, err)
	}
	if len(z.File) > maxArchiveFiles {
		return a, fmt.Errorf("%w: it holds %d files", ErrArchive, len(z.File))
	}
	files := map[string][]byte{}
	var body []byte
	var total uint64
	for _, f := range z.File {
		if total += f.UncompressedSize64; total > maxArchiveTotal {
			return a, fmt.Errorf("%w: it unpacks to more than %s", ErrArchive, model.DisplaySize(maxArchiveTotal))
		}
		switch {
		case f.Name == "archive.json":
			if body, err = readMember(f, maxArchiveJSON); err != nil {
				return a, err
			}
		case archiveName.MatchString(f.Name):
			data, err := readMember(f, maxArchiveAttachment)
			if err != nil {
				return a, err
			}
			sum := sha256.Sum256(data)
			if sha := path.Base(f.Name); hex.EncodeToString(sum[:]) != sha {
				return a, fmt.Errorf("%w: attachment %s is damaged: its bytes do not match its name", ErrArchive, sha)
			}
			files[path.Base(f.Name)] = data
		case f.Name == "portfolio.pdf" || f.Name == "README.txt" || strings.HasSuffix(f.Name, "/"):
		default:
			return a, fmt.Errorf("%w: unexpected member %q", ErrArchive, f.Name)
		}
	}
	if body == nil {
		return a, fmt.Errorf("%w: it has no archive.json", ErrArchive)
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&a); err != nil {
		return a, fmt.Errorf("%w: archive.json: %v", ErrArchive, err)
	}
	if a.Format != ArchiveFormat {
		return a, fmt.Errorf("%w: archive.json is not a %s", ErrArchive, ArchiveFormat)
	}
	if a.Version > ArchiveVersion {
		return a, fmt.Errorf("%w: the archive is format version %d; this version of Pursuit reads version %d — update Pursuit", ErrArchive, a.Version, ArchiveVersion)
	}
	if len(a.Records.Programmes) != 1 || a.Records.Programmes[0].PrecepteeID != a.Preceptee {
		return a, fmt.Errorf("%w: an archive holds exactly one preceptee's programme", ErrArchive)
	}
	for _, att := range archiveAttachments(a.Records) {
		if data, ok := files[att.SHA256]; ok {
			a.Records.Files = append(a.Records.Files, model.File{Name: att.Name, Data: data})
			delete(files, att.SHA256)
		}
	}
	return a, nil
}

func readMember(f *zip.File, limit int64) ([]byte, error) {
	if f.UncompressedSize64 > uint64(limit) {
		return nil, fmt.Errorf("%w: %s is too large", ErrArchive, f.Name)
	}
	rc, err := f.Open()
	if err != nil {
		return nil, fmt.Errorf("%w: %s: %v", ErrArchive, f.Name, err)
	}
	defer rc.Close()
	data, err := io.ReadAll(io.LimitReader(rc, limit+1))
	if err != nil {
		return nil, fmt.Errorf("%w: %s: %v", ErrArchive, f.Name, err)
	}
	if int64(len(data)) > limit {
		return nil, fmt.Errorf("%w: %s is too large", ErrArchive, f.Name)
	}
	return data, nil
}
