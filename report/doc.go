// Package report will turn a model.Portfolio snapshot into the PACE portfolio PDF and the
// other exports people take away; it knows nothing of Fyne or SQL.
package report
