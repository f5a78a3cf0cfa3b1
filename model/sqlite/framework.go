package sqlite

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"pursuit/model"
)

// ImportResult says what a framework import changed.
type ImportResult struct {
	FrameworkID string `json:"framework_id"`
	Version     string `json:"version"`
	Added       int    `json:"added"`
	Updated     int    `json:"updated"`
	Unchanged   int    `json:"unchanged"`
	Retired     int    `json:"retired"`
}

func competencyID(frameworkID, code string) string {
	return derivedID("competency", frameworkID, strings.ToLower(code))
}

// ImportOption adjusts a framework import.
type ImportOption int

// KeepLevels keeps the level the Trust chose for competencies already known: for formats
// that carry no levels (Moodle), where the file's level is only a default for new ones.
const KeepLevels ImportOption = 1

// ImportFramework stores a framework version, all or nothing. Competencies are matched by
// code: a new version updates their wording and level, adds new ones and retires those it
// no longer lists, so every preceptee's progress and evidence stays where it was.
func (ss *Session) ImportFramework(ctx context.Context, set model.FrameworkSet, opts ...ImportOption) (ImportResult, error) {
	keepLevels := slices.Contains(opts, KeepLevels)
	if err := model.Can(ss.User, model.ImportFramework, nil); err != nil {
		return ImportResult{}, err
	}
	if err := set.Validate(); err != nil {
		return ImportResult{}, fmt.Errorf("import framework %s: %w", set.Framework.Name, err)
	}
	res := ImportResult{FrameworkID: set.Framework.ID, Version: set.Framework.Version}
	err := ss.write(ctx, func(w *wtx) error {
		fw := set.Framework
		if _, err := w.put(ctx, &fw); err != nil {
			return err
		}
		existing, err := list[model.Competency](ctx, w.tx, "framework_id = ? AND programme_id = ''", "", fw.ID)
		if err != nil {
			return err
		}
		seen := map[string]bool{}
		for i, c := range set.Competencies {
			c.ID = competencyID(fw.ID, c.Code)
			c.FrameworkID = fw.ID
			c.ProgrammeID = ""
			c.Position = i
			c.Retired = false
			seen[c.ID] = true
			wasThere := false
			for _, e := range existing {
				if e.ID == c.ID {
					wasThere = true
					if keepLevels {
						c.Level = e.Level
					}
				}
			}
			changed, err := w.put(ctx, &c)
			switch {
			case err != nil:
				return err
			case !wasThere:
				res.Added++
			case changed:
				res.Updated++
			default:
				res.Unchanged++
			}
		}
		for _, e := range existing {
			if seen[e.ID] || e.Retired {
				continue
			}
			e.Retired = true
			if _, err := w.put(ctx, &e); err != nil {
				return err
			}
			res.Retired++
		}
		return nil
	})
	if err != nil {
		return ImportResult{}, fmt.Errorf("import framework %s: %w", set.Framework.Name, err)
	}
	return res, nil
}

// Frameworks lists the imported frameworks.
func (s *Store) Frameworks(ctx context.Context) ([]model.Framework, error) {
	return list[model.Framework](ctx, s.rdb, "", "name, id")
}

// FrameworkCompetencies lists a framework's competencies in order, retired ones included.
func (s *Store) FrameworkCompetencies(ctx context.Context, frameworkID string) ([]model.Competency, error) {
	return list[model.Competency](ctx, s.rdb, "framework_id = ? AND programme_id = ''", "position, code", frameworkID)
}

// SetCompetencyLevel changes a competency's level after import: Moodle files carry none,
// so the Trust decides here which are must, should or could.
func (ss *Session) SetCompetencyLevel(ctx context.Context, frameworkID, code string, level model.Level) error {
	if err := model.Can(ss.User, model.ImportFramework, nil); err != nil {
		return err
	}
	if !level.Valid() {
		return &model.ValidationError{Field: "level", Message: fmt.Sprintf("%q is not a level; use must, should or could", level)}
	}
	return ss.write(ctx, func(w *wtx) error {
		c, err := get[model.Competency](ctx, w.tx, competencyID(frameworkID, code))
		if err != nil {
			return fmt.Errorf("competency %s in framework %s: %w", code, frameworkID, err)
		}
		c.Level = level
		_, err = w.put(ctx, &c)
		return err
	})
}

// FrameworkSet reads a framework with all its competencies (retired ones included).
func (s *Store) FrameworkSet(ctx context.Context, frameworkID string) (model.FrameworkSet, error) {
	fw, err := get[model.Framework](ctx, s.rdb, frameworkID)
	if err != nil {
		return model.FrameworkSet{}, err
	}
	comps, err := s.FrameworkCompetencies(ctx, frameworkID)
	return model.FrameworkSet{Framework: fw, Competencies: comps}, err
}

// ArchiveSources reads what a personal archive holds: the whole portfolio, the framework
// it is measured against, and the accounts its records name. Only the preceptee takes
// their archive away.
func (ss *Session) ArchiveSources(ctx context.Context, programmeID string) (model.Portfolio, model.FrameworkSet, []model.User, error) {
	p, err := ss.Programme(ctx, programmeID)
	if err != nil {
		return model.Portfolio{}, model.FrameworkSet{}, nil, err
	}
	if err := model.Can(ss.User, model.ExportArchive, &p); err != nil {
		return model.Portfolio{}, model.FrameworkSet{}, nil, err
	}
	pf, err := ss.Portfolio(ctx, programmeID)
	if err != nil {
		return pf, model.FrameworkSet{}, nil, err
	}
	fw, err := ss.st.FrameworkSet(ctx, p.FrameworkID)
	if err != nil {
		return pf, fw, nil, fmt.Errorf("archive: framework of %s: %w", pf.Preceptee.Name, err)
	}
	people, err := ss.Users(ctx)
	return pf, fw, people, err
}
