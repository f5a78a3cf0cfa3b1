// Package framework reads and writes competency frameworks: Pursuit's own JSON format
// (ParseJSON, MarshalJSON) and the CSV that Moodle's competency-framework exporter writes
// (ParseMoodleCSV). docs/framework-format.md describes both for the Trust's administrators.
//
// Imports are all-or-nothing: a parser either returns a set that passes
// model.FrameworkSet.Validate or returns an empty set and an *ImportError that names the
// file, the line and the field to correct, because a half-imported framework would silently
// leave preceptees without competencies they must achieve.
//
// The parsers leave Competency.ID, FrameworkID and ProgrammeID empty for the store to assign,
// number Position from 0 in file order, and never set Retired.
package framework
