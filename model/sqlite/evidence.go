package sqlite

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"

	"pursuit/model"
)

func sectionID(evidenceID, key string) string { return derivedID("section", evidenceID, key) }

// SaveEvidence creates or updates an evidence item with its sections, its links to
// competencies and its attachments, in one transaction. A confirmed testimony keeps its
// words: only its links may change.
func (ss *Session) SaveEvidence(ctx context.Context, e model.Evidence) (model.Evidence, error) {
	if e.Template == "" {
		e.Template = model.DefaultTemplate(e.Type)
	}
	if err := model.ValidateEvidence(e); err != nil {
		return e, err
	}
	err := ss.write(ctx, func(w *wtx) error {
		p, err := ss.programmeFor(ctx, w.tx, e.ProgrammeID, model.EditPortfolio)
		if err != nil {
			return err
		}
		codes, err := planCodes(ctx, w.tx, p, e.Codes)
		if err != nil {
			return err
		}
		e.Codes = codes
		isNew := e.ID == ""
		if isNew {
			e.ID = ss.st.id()
			e.CreatedBy, e.CreatedAt = ss.User.ID, w.now
			e.Locked, e.WitnessConfirmedAt, e.WitnessID = false, time.Time{}, ""
		} else {
			old, err := loadEvidence(ctx, w.tx, e.ID)
			if err != nil {
				return err
			}
			if old.ProgrammeID != e.ProgrammeID {
				return fmt.Errorf("%w: evidence belongs to another portfolio", model.ErrForbidden)
			}
			if old.Locked && !sameTestimony(old, e) {
				return fmt.Errorf("%w: a confirmed testimony cannot be changed; only its links to competencies can", model.ErrLocked)
			}
			e.CreatedBy, e.CreatedAt = old.CreatedBy, old.CreatedAt
			e.Locked, e.WitnessConfirmedAt, e.WitnessID = old.Locked, old.WitnessConfirmedAt, old.WitnessID
			if err := keepsSignOffs(ctx, w.tx, p, old.Codes, e.Codes); err != nil {
				return err
			}
		}
		e.UpdatedAt = w.now
		if _, err := w.put(ctx, &e); err != nil {
			return err
		}
		if err := w.saveSections(ctx, e); err != nil {
			return err
		}
		if err := w.syncLinks(ctx, p.ID, e.ID, e.Codes); err != nil {
			return err
		}
		atts, err := w.syncAttachments(ctx, e.ID, e.Attachments)
		e.Attachments = atts
		return err
	})
	return e, err
}

func sameTestimony(old, e model.Evidence) bool {
	return old.Title == e.Title && old.Type == e.Type && old.OccurredOn == e.OccurredOn &&
		old.WitnessName == e.WitnessName && old.WitnessRole == e.WitnessRole && old.WitnessID == e.WitnessID &&
		maps.Equal(nonEmpty(old.Sections), nonEmpty(e.Sections)) &&
		slices.EqualFunc(old.Attachments, e.Attachments, func(a, b model.Attachment) bool { return a.ID == b.ID })
}

func nonEmpty(m map[string]string) map[string]string {
	out := map[string]string{}
	for k, v := range m {
		if v != "" {
			out[k] = v
		}
	}
	return out
}

// ConfirmTestimony is the witness confirming, with their own username and password on
// the preceptee's PC (or their own), that the testimony is theirs: the change is theirs,
// signed by them. From then on its words are locked. role is how they describe their role
// ("Ward sister"); empty, their role in Pursuit.
func (ss *Session) ConfirmTestimony(ctx context.Context, evidenceID string, by Countersignature, role string) (model.Evidence, error) {
	me, err := ss.st.authenticate(ctx, by.Username, by.Password)
	if err != nil {
		return model.Evidence{}, err
	}
	if strings.TrimSpace(role) == "" {
		role = me.user.Role.Label()
	}
	return ss.lockTestimony(ctx, evidenceID, me, &me.user, me.user.Name, role)
}

// RecordWitness is the preceptee recording the witness of a testimony who has no Pursuit
// account (an agency nurse, a service user): the testimony is locked as it stands, and the
// app and the PDF say it is her record, not the witness's confirmation.
func (ss *Session) RecordWitness(ctx context.Context, evidenceID, name, role string) (model.Evidence, error) {
	return ss.lockTestimony(ctx, evidenceID, ss.signer(), nil, name, role)
}

// lockTestimony locks a testimony with its witness: witness is their account, nil when
// the preceptee names one who has none. by makes the change.
func (ss *Session) lockTestimony(ctx context.Context, evidenceID string, by signer, witness *model.User, name, role string) (model.Evidence, error) {
	var e model.Evidence
	err := ss.st.write(ctx, by, func(w *wtx) error {
		var err error
		e, err = loadEvidence(ctx, w.tx, evidenceID)
		if err != nil {
			return err
		}
		need := model.EditPortfolio
		if witness != nil {
			need = model.ViewPortfolio // the preceptee's screen, where the witness types their password
		}
		p, err := ss.programmeFor(ctx, w.tx, e.ProgrammeID, need)
		if err != nil {
			return err
		}
		if witness != nil {
			if err := model.MayWitness(*witness, p); err != nil {
				return err
			}
		}
		if e.Type != model.Testimony {
			return &model.ValidationError{Field: "type", Message: "only a testimony is confirmed by a witness"}
		}
		if e.Locked {
			return fmt.Errorf("%w: this testimony was already confirmed", model.ErrLocked)
		}
		if strings.TrimSpace(e.Sections["statement"]) == "" {
			return &model.ValidationError{Field: "statement", Message: "the witness writes their statement before confirming"}
		}
		e.WitnessName, e.WitnessRole, e.WitnessID = strings.TrimSpace(name), strings.TrimSpace(role), ""
		if witness != nil {
			e.WitnessID = witness.ID
		}
		e.Locked, e.WitnessConfirmedAt, e.UpdatedAt = true, w.now, w.now
		if err := model.ValidateEvidence(e); err != nil {
			return err
		}
		_, err = w.put(ctx, &e)
		return err
	})
	return e, err
}

// DeleteEvidence removes an item from the portfolio (its links and attachments go with it).
func (ss *Session) DeleteEvidence(ctx context.Context, evidenceID string) error {
	return ss.write(ctx, func(w *wtx) error {
		e, err := loadEvidence(ctx, w.tx, evidenceID)
		if err != nil {
			return err
		}
		p, err := ss.programmeFor(ctx, w.tx, e.ProgrammeID, model.EditPortfolio)
		if err != nil {
			return err
		}
		if e.Locked {
			return fmt.Errorf("%w: a confirmed testimony stays in the portfolio", model.ErrLocked)
		}
		if err := keepsSignOffs(ctx, w.tx, p, e.Codes, nil); err != nil {
			return err
		}
		// Only the item itself is tombstoned: its sections, links and attachments stay as
		// they are, hidden with it, so that if an edit made elsewhere brings it back (an edit
		// beats a delete) it comes back whole.
		return remove[model.Evidence](ctx, w, e.ID)
	})
}

// keepsSignOffs refuses to take evidence away from a signed-off competency: the sign-off
// said the preceptor had seen it, and the portfolio must still show it.
func keepsSignOffs(ctx context.Context, q querier, p model.Programme, before, after []string) error {
	for _, code := range before {
		if slices.ContainsFunc(after, func(c string) bool { return strings.EqualFold(c, code) }) {
			continue
		}
		pr, err := get[model.Progress](ctx, q, progressID(p.ID, code))
		if err == nil && pr.Status == model.SignedOff {
			return &model.ValidationError{Field: "competencies", Message: fmt.Sprintf("this evidence supports the signed-off competency %s, so it stays linked and in the portfolio", code)}
		}
	}
	return nil
}

// planCodes checks that every code names a competency of the preceptee's framework (or one
// added for them) and returns them in the framework's spelling, sorted, without duplicates.
func planCodes(ctx context.Context, q querier, p model.Programme, codes []string) ([]string, error) {
	if len(codes) == 0 {
		return nil, nil
	}
	rows, err := q.QueryContext(ctx, `SELECT code FROM competencies WHERE deleted = 0 AND ((framework_id = ? AND programme_id = '') OR programme_id = ?)`, p.FrameworkID, p.ID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	known := map[string]string{}
	for rows.Next() {
		var code string
		if err := rows.Scan(&code); err != nil {
			return nil, err
		}
		known[strings.ToLower(code)] = code
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	set := map[string]bool{}
	for _, c := range codes {
		k, ok := known[strings.ToLower(strings.TrimSpace(c))]
		if !ok {
			return nil, &model.ValidationError{Field: "competencies", Message: fmt.Sprintf("%s is not in this preceptee's framework", c)}
		}
		set[k] = true
	}
	return slices.Sorted(maps.Keys(set)), nil
}

func (w *wtx) saveSections(ctx context.Context, e model.Evidence) error {
	t, _ := model.TemplateByKey(e.Template)
	existing, err := list[sectionRow](ctx, w.tx, "evidence_id = ?", "", e.ID)
	if err != nil {
		return err
	}
	have := map[string]bool{}
	for _, r := range existing {
		have[r.Key] = true
	}
	for _, sec := range t.Sections {
		text := e.Sections[sec.Key]
		if text == "" && !have[sec.Key] {
			continue // an empty heading needs no record until someone writes under it
		}
		row := sectionRow{ID: sectionID(e.ID, sec.Key), EvidenceID: e.ID, Key: sec.Key, Text: text}
		if _, err := w.put(ctx, &row); err != nil {
			return err
		}
	}
	return nil
}

// syncLinks makes the owner's links match codes: each link is its own record, so a link
// added here and one removed elsewhere both survive a merge (add wins).
func (w *wtx) syncLinks(ctx context.Context, programmeID, ownerID string, codes []string) error {
	existing, err := list[model.Link](ctx, w.tx, "owner_id = ?", "", ownerID)
	if err != nil {
		return err
	}
	want := map[string]bool{}
	for _, c := range codes {
		want[strings.ToLower(c)] = true
	}
	have := map[string]bool{}
	for _, l := range existing {
		k := strings.ToLower(l.Code)
		if !want[k] || have[k] {
			if err := remove[model.Link](ctx, w, l.ID); err != nil {
				return err
			}
			continue
		}
		have[k] = true
	}
	for _, c := range codes {
		if have[strings.ToLower(c)] {
			continue
		}
		l := model.Link{ID: w.st.id(), ProgrammeID: programmeID, OwnerID: ownerID, Code: c}
		if _, err := w.put(ctx, &l); err != nil {
			return err
		}
		have[strings.ToLower(c)] = true
	}
	return nil
}

// syncAttachments keeps the attachments listed (by id), adds new ones (no id yet, bytes
// already stored by PutAttachment) and removes the rest.
func (w *wtx) syncAttachments(ctx context.Context, ownerID string, atts []model.Attachment) ([]model.Attachment, error) {
	existing, err := list[model.Attachment](ctx, w.tx, "owner_id = ?", "", ownerID)
	if err != nil {
		return nil, err
	}
	keep := map[string]bool{}
	var out []model.Attachment
	for _, a := range atts {
		if a.ID != "" {
			keep[a.ID] = true
			continue
		}
		if _, err := w.st.AttachmentPath(a.SHA256); err != nil {
			return nil, fmt.Errorf("attachment %s: %w", a.Name, err)
		}
		a.ID, a.OwnerID, a.AddedAt = w.st.id(), ownerID, w.now
		if a.Size <= 0 || a.Name == "" {
			return nil, &model.ValidationError{Field: "attachment", Message: "attach files through PutAttachment"}
		}
		if _, err := w.put(ctx, &a); err != nil {
			return nil, err
		}
		out = append(out, a)
	}
	for _, a := range existing {
		if keep[a.ID] {
			out = append(out, a)
			continue
		}
		if err := remove[model.Attachment](ctx, w, a.ID); err != nil {
			return nil, err
		}
	}
	slices.SortFunc(out, func(a, b model.Attachment) int {
		return strings.Compare(formatTime(a.AddedAt)+a.ID, formatTime(b.AddedAt)+b.ID)
	})
	return out, nil
}

// loadEvidence reads one item with its sections, links and attachments.
func loadEvidence(ctx context.Context, q querier, id string) (model.Evidence, error) {
	e, err := get[model.Evidence](ctx, q, id)
	if err != nil {
		return e, err
	}
	items := []model.Evidence{e}
	if err := fillEvidence(ctx, q, items, "evidence_id = ?", "owner_id = ?", id); err != nil {
		return e, err
	}
	return items[0], nil
}

// fillEvidence loads sections, links and attachments for items in three queries.
func fillEvidence(ctx context.Context, q querier, items []model.Evidence, sectionWhere, ownerWhere string, args ...any) error {
	byID := map[string]*model.Evidence{}
	for i := range items {
		items[i].Sections = map[string]string{}
		byID[items[i].ID] = &items[i]
	}
	secs, err := list[sectionRow](ctx, q, sectionWhere, "", args...)
	if err != nil {
		return err
	}
	for _, s := range secs {
		if e := byID[s.EvidenceID]; e != nil && s.Text != "" {
			e.Sections[s.Key] = s.Text
		}
	}
	links, err := list[model.Link](ctx, q, ownerWhere, "code", args...)
	if err != nil {
		return err
	}
	for _, l := range links {
		if e := byID[l.OwnerID]; e != nil {
			e.Codes = append(e.Codes, l.Code)
		}
	}
	atts, err := list[model.Attachment](ctx, q, ownerWhere, "added_at, id", args...)
	if err != nil {
		return err
	}
	for _, a := range atts {
		if e := byID[a.OwnerID]; e != nil {
			e.Attachments = append(e.Attachments, a)
		}
	}
	return nil
}

// EvidenceItem reads one evidence item the session may see.
func (ss *Session) EvidenceItem(ctx context.Context, id string) (model.Evidence, error) {
	e, err := loadEvidence(ctx, ss.st.rdb, id)
	if err != nil {
		return e, err
	}
	if _, err := ss.programmeFor(ctx, ss.st.rdb, e.ProgrammeID, model.ViewPortfolio); err != nil {
		return model.Evidence{}, err
	}
	return e, nil
}

// Evidence lists a programme's evidence, newest first, complete with text and links.
func (ss *Session) Evidence(ctx context.Context, programmeID string) ([]model.Evidence, error) {
	if _, err := ss.programmeFor(ctx, ss.st.rdb, programmeID, model.ViewPortfolio); err != nil {
		return nil, err
	}
	return evidenceOf(ctx, ss.st.rdb, programmeID)
}

func evidenceOf(ctx context.Context, q querier, programmeID string) ([]model.Evidence, error) {
	items, err := list[model.Evidence](ctx, q, "programme_id = ?", "occurred_on DESC, created_at DESC, id", programmeID)
	if err != nil {
		return nil, err
	}
	err = fillEvidence(ctx, q, items,
		"evidence_id IN (SELECT id FROM evidence WHERE programme_id = ? AND deleted = 0)",
		"owner_id IN (SELECT id FROM evidence WHERE programme_id = ? AND deleted = 0)", programmeID)
	return items, err
}
