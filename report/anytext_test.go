package report

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"reflect"
	"testing"
	"time"

	"pursuit/model"
)

// fillText puts s in every plain string field of v (names, titles, reflections, comments,
// file names), leaving the kinds and states the documents branch on alone, and keeps at
// most three of every list so that a run stays quick.
func fillText(v reflect.Value, s string) {
	switch v.Kind() {
	case reflect.Pointer:
		if !v.IsNil() {
			fillText(v.Elem(), s)
		}
	case reflect.Struct:
		for i := range v.NumField() {
			if f := v.Field(i); f.CanSet() {
				fillText(f, s)
			}
		}
	case reflect.Slice:
		if v.Len() > 3 {
			v.Set(v.Slice(0, 3))
		}
		if v.Type().Elem().Kind() == reflect.String && v.Type().Elem() == reflect.TypeFor[string]() {
			for i := range v.Len() {
				v.Index(i).SetString(s)
			}
			return
		}
		for i := range v.Len() {
			fillText(v.Index(i), s)
		}
	case reflect.String:
		if v.Type() == reflect.TypeFor[string]() {
			v.SetString(s)
		}
	}
}

// Every document takes any text a person can type, or paste, or that reaches a PC through
// the shared folder: emoji, a rare CJK surname character (𠮷, outside the Basic Multilingual
// Plane), right-to-left scripts, control characters and broken UTF-8, in every text field.
// The revalidation pack and the certificate died on a character past U+FFFF.
func FuzzEveryDocumentTakesAnyText(f *testing.F) {
	now := time.Date(2026, 12, 7, 20, 0, 0, 0, time.UTC)
	base, err := json.Marshal(demoPortfolio(f, demoStore(f, 3, now), "zoe"))
	if err != nil {
		f.Fatal(err)
	}
	for _, s := range []string{"𠮷野 家", "Zoë 😀👩🏽\u200d⚕\ufe0f", "שלום עולם", "مرحبا", "नमस्ते", "\x00\x07\t\r\n", "\xff\xfe broken", "\u202ereversed\u202c", "﷽", "𝕏𝕐ℤ", ""} {
		f.Add(s)
	}
	fonts := testFonts()
	f.Fuzz(func(t *testing.T, s string) {
		var pf model.Portfolio
		if err := json.Unmarshal(base, &pf); err != nil {
			t.Fatal(err)
		}
		fillText(reflect.ValueOf(&pf), s)
		today := model.DateOf(now)
		ctx := context.Background()
		var b bytes.Buffer
		if err := Portfolio(ctx, &b, pf, fonts, PortfolioOptions{Today: today, Purpose: s, Attachments: true, IncludeConversations: true,
			File: func(string) ([]byte, error) { return []byte(s), nil }}); err != nil {
			t.Errorf("portfolio: %v", err)
		}
		if err := Revalidation(ctx, &b, pf, fonts, RevalidationOptions{Today: today}); err != nil {
			t.Errorf("revalidation pack: %v", err)
		}
		pf.Programme.Status = model.ProgrammeCompleted
		pf.Confirmations = []model.Confirmation{{Kind: model.CompletionConfirmation, UserName: s, Role: model.RolePreceptor, At: now},
			{Kind: model.CompletionConfirmation, UserName: s, Role: model.RoleLineManager, At: now}}
		if err := Certificate(&b, pf, fonts); err != nil && !errors.Is(err, model.ErrInvalid) {
			t.Errorf("certificate: %v", err)
		}
		rows := []model.CohortRow{{Programme: pf.Programme, Preceptee: s, Preceptor: s, LineManager: s, Month: 3, TotalMonths: 12, RAG: model.Red}}
		if err := CohortReport(ctx, &b, rows, fonts, s, today); err != nil {
			t.Errorf("cohort report: %v", err)
		}
		if err := CohortCSV(&b, rows, today); err != nil {
			t.Errorf("cohort CSV: %v", err)
		}
		if err := WriteArchive(&b, ArchiveInput{Portfolio: pf, People: []model.User{{Name: s, Username: s}}, PDF: []byte(s), ExportedAt: now,
			File: func(string) ([]byte, error) { return []byte(s), nil }}); err != nil {
			t.Errorf("archive: %v", err)
		}
	})
}

// The cleaner every writer uses: a tab becomes spaces (the font has none: it printed as a
// box), control characters go, and what the font cannot draw is a marked □.
func TestCleanMakesTextSafeForThePage(t *testing.T) {
	for in, want := range map[string]string{
		"Ward\t4B":         "Ward    4B",
		"line\r\nnext\x07": "line\nnext",
		"Yoshida 𠮷":        "Yoshida □",
		"Zoë Ó'Connor":     "Zoë Ó'Connor",
		"\xff":             "?",
	} {
		if got := clean(in); got != want {
			t.Errorf("clean(%q) = %q, want %q", in, got, want)
		}
	}
}
