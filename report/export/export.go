// Package export joins the store to report: it reads a snapshot through a signed-in
// session, so the store's permissions decide what goes in, and hands it to report. The
// window's Export dialog and `pursuit export` both come here, so they write the same files.
package export

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"golang.org/x/text/collate"
	"golang.org/x/text/language"

	"pursuit/model"
	"pursuit/model/sqlite"
	"pursuit/report"
)

// Kind is which document is written.
type Kind string

const (
	Portfolio    Kind = "portfolio"    // the PACE portfolio PDF
	Revalidation Kind = "revalidation" // the NMC revalidation pack PDF
	Archive      Kind = "archive"      // the personal archive zip
	Certificate  Kind = "certificate"  // the completion certificate PDF, once both have confirmed
)

// Request is one export of one preceptee's portfolio.
type Request struct {
	Kind        Kind
	ProgrammeID string
	Purpose     string     // printed on the cover, e.g. "PACE meeting 14 March 2027"
	Since       model.Date // only what is dated on or after; zero for everything
	Sections    []string   // report.PortfolioSections; empty for all
	Attachments bool       // embed pictures and list attached files
	// Conversations includes the career conversations; the store hands their content only
	// to the preceptee (and facilitator), so nobody else can choose them.
	Conversations bool
	Now           time.Time
	Progress      func(done, total int) // called from the exporting goroutine
}

// Write writes the requested document to w and returns the portfolio it was made from.
// Nothing is written to w until the whole document is ready, so a cancelled or failed
// export never leaves half a file behind the caller's name.
func Write(ctx context.Context, w io.Writer, st *sqlite.Store, ss *sqlite.Session, fonts report.Fonts, r Request) (model.Portfolio, error) {
	var buf bytes.Buffer
	var pf model.Portfolio
	var err error
	today := model.DateOf(r.Now)
	switch r.Kind {
	case Archive:
		var fw model.FrameworkSet
		var people []model.User
		if pf, fw, people, err = ss.ArchiveSources(ctx, r.ProgrammeID); err != nil {
			return pf, err
		}
		var pdf bytes.Buffer
		if err = report.Portfolio(ctx, &pdf, pf, fonts, report.PortfolioOptions{Purpose: "Personal archive", Today: today, Attachments: true,
			IncludeConversations: true, File: st.ReadAttachment, Progress: r.Progress}); err == nil {
			err = report.WriteArchive(&buf, report.ArchiveInput{Portfolio: pf, Framework: fw, People: people, PDF: pdf.Bytes(), File: st.ReadAttachment, ExportedAt: r.Now})
		}
	case Revalidation:
		if pf, err = ss.Portfolio(ctx, r.ProgrammeID); err != nil {
			return pf, err
		}
		err = report.Revalidation(ctx, &buf, pf, fonts, report.RevalidationOptions{Today: today, Since: r.Since})
	case Certificate:
		if pf, err = ss.Portfolio(ctx, r.ProgrammeID); err != nil {
			return pf, err
		}
		err = report.Certificate(&buf, pf, fonts)
	case Portfolio:
		if pf, err = ss.Portfolio(ctx, r.ProgrammeID); err != nil {
			return pf, err
		}
		err = report.Portfolio(ctx, &buf, pf, fonts, report.PortfolioOptions{Purpose: r.Purpose, Today: today, Since: r.Since, Sections: r.Sections,
			Attachments: r.Attachments, IncludeConversations: r.Conversations, File: st.ReadAttachment, Progress: r.Progress})
	default:
		return pf, fmt.Errorf("export: unknown kind %q", r.Kind)
	}
	if err != nil {
		return pf, fmt.Errorf("export %s of %s: %w", r.Kind, pf.Preceptee.Name, err)
	}
	_, err = w.Write(buf.Bytes())
	return pf, err
}

// FileName suggests a file name a person will recognise in their Downloads folder.
func FileName(kind Kind, preceptee string, today model.Date) string {
	name := strings.Map(func(r rune) rune {
		if strings.ContainsRune(`/\:*?"<>|`, r) || r < ' ' {
			return -1
		}
		return r
	}, preceptee)
	switch kind {
	case Revalidation:
		return fmt.Sprintf("%s – NMC revalidation %s.pdf", name, today)
	case Archive:
		return fmt.Sprintf("%s – personal archive %s.zip", name, today)
	case Certificate:
		return fmt.Sprintf("%s – certificate of completion.pdf", name)
	default:
		return fmt.Sprintf("%s – portfolio %s.pdf", name, today)
	}
}

// CohortFormat is the cohort report's file type.
type CohortFormat string

const (
	CohortPDF CohortFormat = ".pdf"
	CohortCSV CohortFormat = ".csv"
)

// Cohort writes the cohort report of the programmes the session may see, and returns how
// many preceptees it covers.
func Cohort(ctx context.Context, w io.Writer, ss *sqlite.Session, fonts report.Fonts, format CohortFormat, now time.Time) (int, error) {
	rows, err := ss.Cohort(ctx)
	if err != nil {
		return 0, err
	}
	// By name as a person sorts names (Łukasz among the Ls, not after Zoë), then by
	// programme, so that two of one name keep one order.
	names := collate.New(language.BritishEnglish, collate.IgnoreCase)
	slices.SortStableFunc(rows, func(a, b model.CohortRow) int {
		if c := names.CompareString(a.Preceptee, b.Preceptee); c != 0 {
			return c
		}
		return strings.Compare(a.Programme.ID, b.Programme.ID)
	})
	today := model.DateOf(now)
	var buf bytes.Buffer
	switch format {
	case CohortCSV:
		err = report.CohortCSV(&buf, rows, today)
	case CohortPDF:
		err = report.CohortReport(ctx, &buf, rows, fonts, "Preceptorship cohort report", today)
	default:
		err = fmt.Errorf("a cohort report is a .pdf or a .csv file, not %q", format)
	}
	if err != nil {
		return 0, fmt.Errorf("cohort report: %w", err)
	}
	_, err = w.Write(buf.Bytes())
	return len(rows), err
}

// Restore stores a personal archive in a new, empty store. The preceptee signs in with
// the password chosen now; the other people the archive names come across disabled, for
// their names on the records only. It returns the preceptee's name.
func Restore(ctx context.Context, st *sqlite.Store, a report.Archive, password string) (string, error) {
	sys := st.System()
	name := ""
	for i, u := range a.Records.Users {
		if u.ID == a.Preceptee {
			name = u.Name
			if err := model.CheckPassword(u.Username, password); err != nil {
				return name, err
			}
		} else {
			a.Records.Users[i].Active = false
		}
	}
	if name == "" {
		return "", fmt.Errorf("%w: it does not name its preceptee", report.ErrArchive)
	}
	if _, err := sys.ImportFramework(ctx, a.Framework); err != nil {
		return name, fmt.Errorf("restore the framework: %w", err)
	}
	if err := sys.ImportBatch(ctx, a.Records); err != nil {
		return name, fmt.Errorf("restore the records: %w", err)
	}
	return name, sys.ResetPassword(ctx, a.Preceptee, password)
}

// WriteFile writes a file by a temporary name beside it, syncs and renames it, so a
// half-written export never sits under the name someone will open, and a file being
// replaced stays whole until the new one is.
func WriteFile(path string, data []byte) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), ".pursuit-export-*")
	if err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	defer os.Remove(tmp.Name())
	_, err = tmp.Write(data)
	if err == nil {
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp.Name(), path)
	}
	if err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	return nil
}
