package model

// Responsibility is one row of the preceptorship agreement: what the preceptee undertakes
// and what the preceptor undertakes in return. Both confirm the whole table at the
// initial meeting, each with their own password.
type Responsibility struct {
	Preceptee, Preceptor string
}

// Agreement is the handbook's two-column table of responsibilities.
var Agreement = []Responsibility{
	{"Be aware of my role and responsibility within the preceptorship programme and engage fully in the process.",
		"Provide guidance and support to the preceptee."},
	{"Identify my personal learning needs to meet the outcomes of the relevant competencies and domains of learning.",
		"Identify potential learning opportunities for the preceptee."},
	{"Arrange regular meetings with my preceptor and make sure I attend.",
		"Make sure the initial meeting takes place within the first week of employment (after induction), and that later meetings are arranged and attended."},
	{"Be proactive in achieving my learning outcomes and competencies, and in completing the documentation.",
		"Support the preceptee to identify learning needs for their role and produce action plans that meet them."},
	{"Show commitment to my development by attending and taking part in preceptorship learning and planned events.",
		"Make sure the preceptee can work with me and with a range of healthcare professionals to support their development."},
	{"Seek support and guidance if I am concerned that the programme's standards are not being met.",
		"Attend the structured preceptor listening and learning events."},
	{"Make my documentation available to my preceptor and record my progress clearly; it informs my PACE documentation.",
		"Review the formal records of the preceptee's progress and feed back to the line manager, to inform the PDR process."},
	{"Where it applies, discuss the need for extra support with my preceptor or line manager.",
		"Discuss any issues with the preceptee in good time, escalate and support them; inform the line manager."},
	{"Attend all compulsory preceptorship events.",
		"Make sure the preceptee attends all compulsory preceptorship events."},
	{"Complete all mandatory and essential training.",
		"Discuss and support the preceptee with any concerns about mandatory and essential training."},
	{"Engage in management and clinical supervision as the Trust policy sets out.",
		"Support the preceptee to identify a clinical supervisor and, where relevant, escalate any concerns."},
}

// AgreementStatement is what each side affirms when confirming the agreement.
func AgreementStatement(name string, role Role) string {
	side := "preceptee"
	if role == RolePreceptor {
		side = "preceptor"
	}
	return "I, " + name + ", have read the preceptorship agreement and accept the " + side + "'s responsibilities it sets out."
}

// CompletionStatement is what the preceptor and the line manager affirm at the end.
func CompletionStatement(name string, role Role, preceptee string) string {
	return "I, " + name + " (" + role.Label() + "), confirm that " + preceptee + " has completed the Pursuit of Excellence Preceptorship Programme."
}
