package demo

// The demo's words live in texts.go: realistic, anonymised material for a ward's
// preceptorship portfolio. The generator draws from these banks with a seeded source.

// Scenario is one situation a preceptee might reflect on.
type Scenario struct {
	Title   string            // e.g. "Recognising a deteriorating patient on a late shift"
	Domains []string          // the framework domains it evidences (see assets/framework/default.json)
	Gibbs   map[string]string // description, feelings, evaluation, analysis, conclusion, action_plan
	NMC     map[string]string // what_happened, what_learned, practice_changed, code_link
}

// Learning is one formal learning activity.
type Learning struct {
	Title       string // "Sepsis recognition study day"
	Provider    string // "Trust clinical education team"
	Hours       float64
	Learning    string // what I learned (2–4 sentences)
	Application string // applying it in practice (2–3 sentences)
	Domains     []string
}

// Testimony is one colleague's statement.
type Testimony struct {
	WitnessRole string // "Ward Sister", "Consultant Physiotherapist", "Healthcare Assistant"
	Context     string
	Statement   string
	Domains     []string
}

// Feedback is one anonymised comment from a service user or family.
type Feedback struct {
	Context  string
	Feedback string
	Response string
	Domains  []string
}

// SLOTText is a set of SLOT answers for competencies of one domain.
type SLOTText struct {
	Domain        string
	Strengths     []string
	LearningNeeds []string
	Opportunities []string
	Threats       []string
}

// GoalText is a learning-plan goal with its actions.
type GoalText struct {
	Title   string
	Detail  string
	Actions []string
	Domains []string
}
