// Package model holds Pursuit's domain: the preceptorship programme, its framework of
// competencies, the portfolio of evidence, and the rules that govern them (timeline, due
// dates, training expiry, status transitions, completion, permissions, patient-identifier
// warnings).
//
// It does no I/O: time arrives as a value or through an injected Now function, and
// randomness through an io.Reader, so every rule is testable with a fixed clock. Storage
// lives in model/sqlite, the exchange with other devices in sync/, the screens in ui/.
package model
