package model

import (
	"bytes"
	"errors"
	"strings"
	"testing"
	"time"
)

var (
	pat   = User{ID: "u-pat", Username: "pat", Name: "Pat Preceptee", Role: RolePreceptee, Active: true}
	sam   = User{ID: "u-sam", Username: "sam", Name: "Sam Preceptor", Role: RolePreceptor, Active: true}
	other = User{ID: "u-oth", Username: "oth", Name: "Other Preceptor", Role: RolePreceptor, Active: true}
	lee   = User{ID: "u-lee", Username: "lee", Name: "Lee Manager", Role: RoleLineManager, Active: true}
	lead  = User{ID: "u-lead", Username: "lead", Name: "Trust Lead", Role: RoleLead, Active: true}
	fay   = User{ID: "u-fay", Username: "fay", Name: "Fay Facilitator", Role: RoleFacilitator, Active: true}
	adm   = User{ID: "u-adm", Username: "adm", Name: "Admin", Role: RoleAdmin, Active: true}
	prog  = &Programme{ID: "p1", PrecepteeID: pat.ID, PreceptorID: sam.ID, LineManagerID: lee.ID, FacilitatorID: fay.ID, SupervisorID: fay.ID}
)

func TestPermissions(t *testing.T) {
	cases := []struct {
		who    User
		action Action
		p      *Programme
		ok     bool
	}{
		{pat, ViewPortfolio, prog, true},
		{pat, EditPortfolio, prog, true},
		{pat, SignOffCompetency, prog, false},
		{sam, SignOffCompetency, prog, true},
		{other, SignOffCompetency, prog, false}, // not this preceptee's preceptor
		{other, ViewPortfolio, prog, false},
		{lee, SignOffCompetency, prog, false},
		{lead, SignOffCompetency, prog, false},
		{adm, SignOffCompetency, prog, false},
		{sam, EditPortfolio, prog, false},
		{lee, ViewPortfolio, prog, true},
		{lead, ViewPortfolio, prog, true},
		{adm, ViewPortfolio, prog, false}, // administrators see no clinical content
		// Career conversations: the preceptee and the facilitator only.
		{pat, ViewCareerConversation, prog, true},
		{fay, ViewCareerConversation, prog, true},
		{sam, ViewCareerConversation, prog, false},
		{lee, ViewCareerConversation, prog, false},
		{lead, ViewCareerConversation, prog, false},
		{adm, ViewCareerConversation, prog, false},
		{lee, ResolveConcern, prog, true},
		{sam, ResolveConcern, prog, false},
		{sam, EscalateConcern, prog, true},
		{sam, ConfirmCompletion, prog, true},
		{lee, ConfirmCompletion, prog, true},
		{pat, ConfirmCompletion, prog, false},
		{adm, ManageUsers, nil, true},
		{lead, ManageUsers, nil, false},
		{lead, ImportFramework, nil, true},
		{sam, ImportFramework, nil, false},
		{fay, RecordSupervision, prog, true},
	}
	for _, c := range cases {
		err := Can(c.who, c.action, c.p)
		if (err == nil) != c.ok {
			t.Errorf("%s (%s) %q: got %v, want allowed=%v", c.who.Username, c.who.Role, c.action, err, c.ok)
		}
		if err != nil && !errors.Is(err, ErrForbidden) {
			t.Errorf("refusal does not wrap ErrForbidden: %v", err)
		}
	}
}

func TestPreceptorCannotSignOffOwnCompetencyEvenIfNamedPreceptor(t *testing.T) {
	// A data-entry mistake names the preceptee as their own preceptor; the rule still holds.
	odd := &Programme{PrecepteeID: sam.ID, PreceptorID: sam.ID}
	if err := Can(sam, SignOffCompetency, odd); err == nil || !strings.Contains(err.Error(), "own") {
		t.Fatalf("own sign-off allowed: %v", err)
	}
	if err := ValidateProgramme(Programme{PrecepteeID: "a", PreceptorID: "a", StartDate: d("2026-01-01"), LengthMonths: 12, MeetingIntervalWeeks: 8, Profession: "x", Status: ProgrammeActive}); err == nil {
		t.Fatal("a programme with the preceptee as preceptor validated")
	}
}

func TestDisabledAccountsCanDoNothing(t *testing.T) {
	off := sam
	off.Active = false
	if Allowed(off, ViewPortfolio, prog) {
		t.Fatal("a disabled account may view")
	}
}

func TestEveryActionHasARowAndEveryRowIsDistinct(t *testing.T) {
	seen := map[Action]bool{}
	for _, p := range PermissionsMatrix {
		if seen[p.Action] {
			t.Errorf("action %q twice", p.Action)
		}
		seen[p.Action] = true
	}
	md := PermissionsMarkdown()
	if strings.Count(md, "\n") != len(PermissionsMatrix)+2 || !strings.Contains(md, "| Sign off a competency | — | assigned | — | — | — | — |") {
		t.Errorf("markdown table:\n%s", md)
	}
}

func TestStatusTransitions(t *testing.T) {
	valid := []struct {
		from, to Status
		needs    Action
	}{
		{NotStarted, InProgress, EditPortfolio},
		{"", InProgress, EditPortfolio},
		{InProgress, EvidenceSubmitted, EditPortfolio},
		{EvidenceSubmitted, SignedOff, SignOffCompetency},
		{EvidenceSubmitted, Returned, ReturnCompetency},
		{EvidenceSubmitted, InProgress, EditPortfolio},
		{Returned, EvidenceSubmitted, EditPortfolio},
		{Returned, InProgress, EditPortfolio},
	}
	for _, v := range valid {
		a, err := TransitionAction(v.from, v.to)
		if err != nil || a != v.needs {
			t.Errorf("%s→%s: %q %v", v.from, v.to, a, err)
		}
	}
	invalidMoves := [][2]Status{
		{NotStarted, SignedOff}, {InProgress, SignedOff}, {NotStarted, EvidenceSubmitted},
		{SignedOff, InProgress}, {SignedOff, Returned}, {SignedOff, NotStarted}, {Returned, SignedOff},
		{InProgress, NotStarted}, {InProgress, "bogus"},
	}
	for _, m := range invalidMoves {
		if _, err := TransitionAction(m[0], m[1]); !errors.Is(err, ErrInvalid) {
			t.Errorf("%s→%s allowed (%v)", m[0], m[1], err)
		}
	}
}

func view(code string, l Level, s Status) CompetencyView {
	return CompetencyView{Competency: Competency{Code: code, Title: code, Level: l}, Progress: Progress{Code: code, Status: s}}
}

func TestProgressByLevelAndCompletion(t *testing.T) {
	cs := []CompetencyView{
		view("A", Must, SignedOff), view("B", Must, EvidenceSubmitted), view("C", Must, Returned),
		view("D", Must, ""), view("E", Should, SignedOff), view("F", Could, InProgress),
	}
	lp := ProgressByLevel(cs)
	if lp[0] != (LevelProgress{Level: Must, Total: 4, SignedOff: 1, Submitted: 1, InProgress: 1, NotStarted: 1}) {
		t.Errorf("must: %+v", lp[0])
	}
	if lp[1].Total != 1 || lp[1].SignedOff != 1 || lp[2].InProgress != 1 {
		t.Errorf("should/could: %+v", lp[1:])
	}

	pf := Portfolio{Competencies: cs}
	r := CompletionReadiness(pf)
	if r.Ready() || strings.Join(r.MissingMust, ",") != "B,C,D" {
		t.Errorf("not ready expected: %+v", r)
	}
	for i := range cs[:4] {
		cs[i].Progress.Status = SignedOff
	}
	if CompletionReadiness(pf).Ready() {
		t.Error("ready without the final meeting")
	}
	pf.Meetings = []Meeting{{Kind: MeetingFinal, Held: true, Date: d("2027-09-01")}}
	r = CompletionReadiness(pf)
	if !r.Ready() || r.Complete() {
		t.Errorf("ready but not complete expected: %+v", r)
	}
	pf.Confirmations = []Confirmation{{Kind: CompletionConfirmation, Role: RolePreceptor}, {Kind: CompletionConfirmation, Role: RoleLineManager}}
	if !CompletionReadiness(pf).Complete() {
		t.Error("confirmed by both, not complete")
	}
	retired := view("Z", Must, "")
	retired.Retired = true
	pf.Competencies = append(pf.Competencies, retired)
	if !CompletionReadiness(pf).Complete() {
		t.Error("a retired must competency blocks completion")
	}
	if CompletionReadiness(Portfolio{Meetings: pf.Meetings}).Ready() {
		t.Error("a programme with no competencies is ready")
	}
}

func TestDueItems(t *testing.T) {
	today := d("2026-11-24")
	pf := Portfolio{
		Programme: Programme{StartDate: d("2026-09-07")},
		Meetings:  []Meeting{{Kind: MeetingInitial, Date: d("2026-09-11"), Held: true, Attendees: "x"}},
		Training: []TrainingRecord{
			{ID: "t1", Course: "Basic life support", Category: Mandatory, CompletedOn: d("2025-11-01"), RefresherMonths: Yearly},     // expired 1 Nov
			{ID: "t2", Course: "Fire safety", Category: Mandatory, CompletedOn: d("2025-12-20"), RefresherMonths: Yearly},            // due 20 Dec
			{ID: "t3", Course: "Information governance", Category: Mandatory, CompletedOn: d("2026-09-08"), RefresherMonths: Yearly}, // valid
			{ID: "t4", Course: "Sepsis", Category: Essential},                                                                        // not done: due by supernumerary end
			{ID: "t5", Course: "Optional module", Category: RoleSpecific},                                                            // not done, not pressing
		},
		Competencies: []CompetencyView{
			{Competency: Competency{Code: "MED-01", Title: "Medicines", Level: Must}, Progress: Progress{Status: InProgress, SLOT: SLOT{TargetDate: d("2026-12-01")}}},
			{Competency: Competency{Code: "ACC-01", Title: "Done", Level: Must}, Progress: Progress{Status: SignedOff, SLOT: SLOT{TargetDate: d("2026-10-01")}}},
		},
		Actions:       []ActionItem{{ID: "a1", Text: "Book sepsis training", DueDate: d("2026-11-20")}, {ID: "a2", Text: "Done already", DueDate: d("2026-11-01"), Done: true}},
		Confirmations: []Confirmation{{Kind: AgreementConfirmation, Role: RolePreceptee}},
	}
	items := DueItems(pf, today)
	got := map[string]DueState{}
	for _, it := range items {
		got[it.Title] = it.State
	}
	want := map[string]DueState{
		"Regular review":                            Overdue, // 11 Sep + 8 weeks = 6 Nov
		"Basic life support (Mandatory)":            Overdue,
		"Fire safety (Mandatory)":                   DueSoon, // renewal within the 60-day window
		"Sepsis (Essential)":                        Overdue,
		"MED-01 Medicines":                          DueSoon,
		"Book sepsis training":                      Overdue,
		"Preceptorship agreement (both to confirm)": Overdue,
		"Mid-point review":                          Upcoming,
		"Final review and sign-off":                 Upcoming,
		"6-month career conversation":               Upcoming,
		"12-month career conversation":              Upcoming,
	}
	for title, state := range want {
		if got[title] != state {
			t.Errorf("%q: %q, want %q", title, got[title], state)
		}
	}
	for _, absent := range []string{"Information governance (Mandatory)", "Optional module (Role-specific e-learning)", "ACC-01 Done", "Done already"} {
		if _, ok := got[absent]; ok {
			t.Errorf("%q listed", absent)
		}
	}
	if len(items) != len(want) {
		t.Errorf("%d items, want %d: %+v", len(items), len(want), items)
	}
	for i := 1; i < len(items); i++ {
		if items[i].Due.Before(items[i-1].Due) {
			t.Fatalf("not sorted by date: %+v", items)
		}
	}
	if n := len(Pressing(items)); n != 7 {
		t.Errorf("pressing: %d", n)
	}
	if RAGStatus(pf, today) != Red {
		t.Error("overdue items but not red")
	}
	pf.Programme.Status = ProgrammeCompleted
	if len(DueItems(pf, today)) != 0 {
		t.Error("a completed programme still has due items")
	}
}

func TestValidateFirstIsDueByTheEndOfTheSupernumeraryWeeks(t *testing.T) {
	pf := Portfolio{Programme: Programme{StartDate: d("2026-11-02")}, Competencies: []CompetencyView{
		{Competency: Competency{Code: "MED-02", Title: "Medicines", Level: Must, ValidateFirst: true}, Progress: Progress{Status: InProgress, SLOT: SLOT{TargetDate: d("2027-03-01")}}},
		{Competency: Competency{Code: "LDT-04", Title: "Take charge", Level: Should, ValidateFirst: true}, Progress: Progress{Status: NotStarted}},
	}}
	var found []DueItem
	for _, it := range DueItems(pf, d("2026-11-24")) {
		if it.Kind == DueCompetency {
			found = append(found, it)
		}
	}
	if len(found) != 1 || found[0].Due != d("2026-11-29") || found[0].State != DueSoon || !strings.HasPrefix(found[0].Title, "Validate first: MED-02") {
		t.Fatalf("validate-first items: %+v", found)
	}
	pf.Competencies[0].Progress.Status = SignedOff
	for _, it := range DueItems(pf, d("2026-11-24")) {
		if it.Kind == DueCompetency {
			t.Fatalf("a signed-off validate-first competency is still due: %+v", it)
		}
	}
}

func TestRAGAmberWhenBehindPace(t *testing.T) {
	today := d("2027-06-10") // month 10 of 12
	pf := Portfolio{
		Programme: Programme{StartDate: d("2026-09-07")},
		Meetings: []Meeting{
			{Kind: MeetingInitial, Date: d("2026-09-11"), Held: true},
			{Kind: MeetingMidpoint, Date: d("2027-03-05"), Held: true},
			{Kind: MeetingRegular, Date: d("2027-06-01"), Held: true},
		},
		Conversations: []CareerConversation{{Milestone: 6, Held: true}},
		Confirmations: []Confirmation{{Kind: AgreementConfirmation, Role: RolePreceptee}, {Kind: AgreementConfirmation, Role: RolePreceptor}},
		Competencies:  []CompetencyView{view("A", Must, SignedOff), view("B", Must, InProgress), view("C", Must, InProgress), view("D", Must, InProgress)},
	}
	if got := RAGStatus(pf, today); got != Amber {
		t.Errorf("25%% signed off in month 10: %s", got)
	}
	for i := range pf.Competencies {
		pf.Competencies[i].Progress.Status = SignedOff
	}
	if got := RAGStatus(pf, today); got != Green {
		t.Errorf("all signed off: %s", got)
	}
	pf.Concerns = []Concern{{Status: ConcernEscalated}}
	if got := RAGStatus(pf, today); got != Red {
		t.Errorf("escalated concern: %s", got)
	}
}

func TestPasswordPolicy(t *testing.T) {
	for _, bad := range []string{"short", "password123", "Password1!", "PRECEPTORSHIP", "aaaaaaaaaaaa", "jsmith-rocks-2026", "letmein2026",
		// The patterns a guesser with the hashes tries first (issue 13): a common word,
		// month, season or team with a year and a symbol, in any case, spelt with digits.
		"Sunflower2027!", "P@ssw0rd2026!", "Summer2026!", "!!December2025", "Liverpool1892", "2026Christmas!", "Chelsea2026#",
		"Butterfly123!", "Princess2026", "Monday123456", "12345678901!", "Nursing2026!", "Welcome2026!!",
		// Numbers and symbols inside the word (found by a review as an attacker).
		"P@ss2026w0rd", "Pass2026word!", "Sun2027flower!", "Sun!flower2027", "Chel1905sea!", "correcthorsebatterystaple"} {
		if err := CheckPassword("jsmith", bad); !errors.Is(err, ErrInvalid) {
			t.Errorf("password %q accepted", bad)
		}
	}
	for _, good := range []string{"kettle on ward nine", "Correct-Horse-7", "Zoë’s café shift", "sunflower kettle bus", "Ward 4B tea at 3am"} {
		if err := CheckPassword("jsmith", good); err != nil {
			t.Errorf("password %q refused: %v", good, err)
		}
	}
}

// The list is a real one: thousands of entries, not a handful.
func TestTheCommonPasswordListIsLong(t *testing.T) {
	if n := len(commonPasswords()); n < 3000 {
		t.Fatalf("%d common passwords", n)
	}
}

func TestPasswordHashing(t *testing.T) {
	cheap := HashParams{Time: 1, Memory: 64, Threads: 1}
	h, err := HashPassword("kettle on ward nine", cheap, bytes.NewReader(bytes.Repeat([]byte{7}, 16)))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(h, "$argon2id$v=19$m=64,t=1,p=1$") {
		t.Fatalf("hash %s", h)
	}
	if ok, err := VerifyPassword("kettle on ward nine", h); !ok || err != nil {
		t.Errorf("right password refused: %v", err)
	}
	if ok, _ := VerifyPassword("kettle on ward ten", h); ok {
		t.Error("wrong password accepted")
	}
	for _, damaged := range []string{"", "$argon2i$v=19$m=64,t=1,p=1$AAAA$AAAA", "$argon2id$v=19$m=64,t=1,p=1$!!$AAAA", "$argon2id$v=19$m=99999999,t=1,p=1$AAAA$AAAA"} {
		if ok, err := VerifyPassword("x", damaged); ok || err == nil {
			t.Errorf("damaged hash %q: ok=%v err=%v", damaged, ok, err)
		}
	}
	if _, err := HashPassword("x", cheap, bytes.NewReader(nil)); err == nil {
		t.Error("no randomness, no error")
	}
}

func TestLockoutAfterFiveFailures(t *testing.T) {
	now := time.Date(2026, 11, 24, 20, 0, 0, 0, time.UTC)
	var s SignInState
	for i := 1; i <= 4; i++ {
		s = s.AfterFailure(now)
		if locked, _ := s.Locked(now); locked {
			t.Fatalf("locked after %d failures", i)
		}
	}
	s = s.AfterFailure(now)
	locked, left := s.Locked(now)
	if !locked || left != 5*time.Minute {
		t.Fatalf("fifth failure: locked=%v left=%v", locked, left)
	}
	if locked, _ := s.Locked(now.Add(4*time.Minute + 59*time.Second)); !locked {
		t.Error("unlocked early")
	}
	later := now.Add(5 * time.Minute)
	if locked, _ := s.Locked(later); locked {
		t.Error("still locked after five minutes")
	}
	s = s.AfterFailure(later)
	if s.Failures != 1 {
		t.Errorf("count after a served lockout: %d", s.Failures)
	}
	if LockedMessage(4*time.Minute+1) != "too many wrong passwords: this account is locked for 5 more minutes" {
		t.Error(LockedMessage(4*time.Minute + 1))
	}
}

func TestCommandLineMayArrangeButNeverSignOff(t *testing.T) {
	for _, a := range []Action{ManageUsers, ViewCohort, ViewPortfolio, ImportFramework, ManageProgrammes} {
		if err := Can(SystemUser, a, prog); err != nil {
			t.Errorf("command line %q: %v", a, err)
		}
	}
	for _, a := range []Action{SignOffCompetency, ReturnCompetency, ConfirmAgreement, ConfirmCompletion, EditPortfolio} {
		if err := Can(SystemUser, a, prog); !errors.Is(err, ErrForbidden) {
			t.Errorf("command line %q allowed", a)
		}
	}
}

func TestRAGWeighsWhatIsOverdue(t *testing.T) {
	today := d("2026-11-24")
	base := Portfolio{
		Programme:     Programme{StartDate: d("2026-09-07")},
		Meetings:      []Meeting{{Kind: MeetingInitial, Date: d("2026-09-10"), Held: true}, {Kind: MeetingRegular, Date: d("2026-11-02"), Held: true}},
		Confirmations: []Confirmation{{Kind: AgreementConfirmation, Role: RolePreceptee}, {Kind: AgreementConfirmation, Role: RolePreceptor}},
		Competencies:  []CompetencyView{view("A", Must, SignedOff), view("B", Must, InProgress)},
	}
	pf := base
	pf.Actions = []ActionItem{{Text: "Book the study day", DueDate: d("2026-12-01")}}
	if got := RAGStatus(pf, today); got != Green {
		t.Errorf("only things due soon: %s", got)
	}
	pf.Actions[0].DueDate = d("2026-11-20")
	if got := RAGStatus(pf, today); got != Amber {
		t.Errorf("an overdue action: %s", got)
	}
	pf.Training = []TrainingRecord{{Course: "Fire safety", Category: Mandatory, CompletedOn: d("2025-11-01"), RefresherMonths: Yearly}}
	if got := RAGStatus(pf, today); got != Red {
		t.Errorf("expired mandatory training: %s", got)
	}
}
