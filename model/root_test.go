package model

import (
	"errors"
	"strings"
	"testing"
)

func testRoot(key string) TrustRoot {
	return TrustRoot{UserID: "u-admin", SignKey: key, Since: "2026-09-01T08:00:00Z"}
}

func TestAFingerprintCoversEverythingTheFolderSaysAboutTheRoot(t *testing.T) {
	r := testRoot("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=")
	fp := r.Fingerprint()
	if len(strings.ReplaceAll(fp, " ", "")) != 30 || strings.Count(fp, " ") != 5 {
		t.Fatalf("fingerprint %q: want six groups of five digits", fp)
	}
	if fp != r.Fingerprint() {
		t.Fatal("the same root gave two fingerprints")
	}
	for name, other := range map[string]TrustRoot{
		"another key":     testRoot("AQAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="),
		"another account": {UserID: "u-other", SignKey: r.SignKey, Since: r.Since},
		"another set-up":  {UserID: r.UserID, SignKey: r.SignKey, Since: "2026-09-01T08:00:01Z"},
	} {
		if other.Fingerprint() == fp {
			t.Errorf("%s has the same fingerprint", name)
		}
	}
	if (TrustRoot{}).Fingerprint() != "" {
		t.Error("an unprotected folder has a fingerprint")
	}
	for _, typed := range []string{fp, strings.ReplaceAll(fp, " ", "-"), strings.ReplaceAll(fp, " ", ""), " " + fp + "\t"} {
		if got, err := ParseFingerprint(typed); err != nil || got != fp {
			t.Errorf("ParseFingerprint(%q) = %q, %v", typed, got, err)
		}
	}
	for _, bad := range []string{"", fp[:20], fp + " 1", strings.Replace(fp, "1", "l", 1) + "x", "٠١٢٣٤٥٦٧٨٩٠١٢٣٤٥٦٧٨٩٠١٢٣٤٥٦٧٨٩"} {
		if _, err := ParseFingerprint(bad); err == nil {
			t.Errorf("ParseFingerprint(%q) accepted", bad)
		}
	}
}

func TestJudgeShareRoot(t *testing.T) {
	a, b := testRoot("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="), testRoot("AQAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=")
	none := TrustRoot{}
	cases := []struct {
		name          string
		named, pinned TrustRoot
		want          string
		err           error
	}{
		{"first sight of a protected folder", a, none, "", nil},
		{"first sight of an unprotected folder", none, none, "", nil},
		{"the pinned key again", a, a, "", nil},
		{"the pinned key taken out", none, a, "", ErrRootMissing},
		{"the pinned key swapped", b, a, "", ErrRootChanged},
		{"the deployed key on a new PC", a, none, a.Fingerprint(), nil},
		{"no key where one is deployed", none, none, a.Fingerprint(), ErrRootMissing},
		{"another key than the deployed one", b, none, a.Fingerprint(), ErrRootChanged},
		{"another key than the deployed one, pinned before", b, b, a.Fingerprint(), ErrRootChanged},
	}
	for _, c := range cases {
		err := JudgeShareRoot(c.named, c.pinned, c.want)
		if c.err == nil && err != nil || c.err != nil && !errors.Is(err, c.err) {
			t.Errorf("%s: %v, want %v", c.name, err, c.err)
		}
	}
}

func TestAPolicyFileIsReadOrSaysWhyNot(t *testing.T) {
	fp := testRoot("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=").Fingerprint()
	p := ParsePolicy("policy.json", []byte(`{"trust_root": "`+strings.ReplaceAll(fp, " ", "")+`"}`))
	if p.Problem != nil || p.TrustRoot != fp {
		t.Fatalf("%+v", p)
	}
	// A misspelt key is not ignored: the PC would trust whatever a folder names.
	if p := ParsePolicy("policy.json", []byte(`{"trustroot": "`+fp+`"}`)); p.Problem == nil || !strings.Contains(p.Problem.Error(), `"trustroot"`) {
		t.Fatalf("a misspelt key: %+v", p)
	}
	if p := ParsePolicy("policy.json", []byte(`{}`)); p.Problem != nil || p.TrustRoot != "" {
		t.Fatalf("an empty policy: %+v", p)
	}
	for _, bad := range []string{``, `{`, `null`, `[]`, `"x"`, `{"trust_root": null}`, `{"trust_root": ["1"]}`, `{"trust_root": "123"}`} {
		if p := ParsePolicy("policy.json", []byte(bad)); p.Problem == nil || !strings.Contains(p.Problem.Error(), "policy.json") || p.TrustRoot != "" {
			t.Errorf("%q: %+v", bad, p)
		}
	}
}

// No file IT or anyone else writes makes the policy reader panic, and a policy it accepts
// names either no root or a well-formed one.
func FuzzParsePolicy(f *testing.F) {
	f.Add([]byte(`{"trust_root": "12345 67890 12345 67890 12345 67890"}`))
	f.Add([]byte("\xef\xbb\xbf{}"))
	f.Add([]byte(`{"trust_root": "1-2-3"}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		p := ParsePolicy("policy.json", b)
		if p.Problem != nil && p.TrustRoot != "" {
			t.Fatalf("a problem and a root: %+v", p)
		}
		if p.TrustRoot != "" {
			if again, err := ParseFingerprint(p.TrustRoot); err != nil || again != p.TrustRoot {
				t.Fatalf("root %q does not read back: %v", p.TrustRoot, err)
			}
		}
	})
}
