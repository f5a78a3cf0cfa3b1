package main

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"

	"pursuit/model"
)

// maxPolicyBytes bounds the settings file: it holds a few short values.
const maxPolicyBytes = 64 << 10

// policyPath is where the Trust's settings for this PC live: the file PURSUIT_POLICY names
// (to try a policy before deploying it, and for tests), else the machine-wide folder only
// an administrator of the PC can write to.
func policyPath() string {
	if p := os.Getenv("PURSUIT_POLICY"); p != "" {
		return p
	}
	if runtime.GOOS == "windows" {
		base := os.Getenv("ProgramData")
		if base == "" {
			base = `C:\ProgramData`
		}
		return filepath.Join(base, "Pursuit", "policy.json")
	}
	return "/etc/pursuit/policy.json"
}

// readPolicy reads the settings file at path. No file is no policy; a file that cannot be
// read or used comes back with Problem set (sync then trusts no folder) — never a crash.
func readPolicy(path string) model.Policy {
	f, err := os.Open(path)
	if errors.Is(err, fs.ErrNotExist) {
		return model.Policy{}
	} else if err != nil {
		return model.Policy{Source: path, Problem: fmt.Errorf("%s cannot be read: %w", path, err)}
	}
	defer f.Close()
	b, err := io.ReadAll(io.LimitReader(f, maxPolicyBytes+1))
	switch {
	case err != nil:
		return model.Policy{Source: path, Problem: fmt.Errorf("%s cannot be read: %w", path, err)}
	case len(b) > maxPolicyBytes:
		return model.Policy{Source: path, Problem: fmt.Errorf("%s is larger than a settings file can be (%d KB)", path, maxPolicyBytes>>10)}
	}
	return model.ParsePolicy(path, b)
}

// policyFile is where this command looks for the Trust's settings.
func (g *globals) policyFile() string {
	if g.policyPath != nil {
		return g.policyPath()
	}
	return policyPath()
}

// policy is the Trust's settings for this PC, read once per command; a file that cannot
// be used is said on standard error.
func (g *globals) policy() model.Policy {
	if g.pol == nil {
		p := readPolicy(g.policyFile())
		warn := g.stderr
		if warn == nil {
			warn = os.Stderr
		}
		if p.Problem != nil {
			fmt.Fprintf(warn, "warning: the Trust's settings for this PC cannot be used, so sync trusts no shared folder until IT corrects them: %v\n", p.Problem)
		}
		g.pol = &p
	}
	return *g.pol
}

// cmdPolicyShow prints the Trust's settings in force on this PC and where they came from.
func cmdPolicyShow(g *globals, args []string) error {
	fs := g.flags("policy show")
	if _, err := parse(fs, args); err != nil {
		return err
	}
	p := g.policy()
	res := struct {
		File      string `json:"file"`
		Found     bool   `json:"found"`
		TrustRoot string `json:"trust_root,omitempty"`
		Problem   string `json:"problem,omitempty"`
	}{File: g.policyFile(), Found: p.Source != "", TrustRoot: p.TrustRoot}
	if p.Problem != nil {
		res.Problem = p.Problem.Error()
	}
	if err := g.print(res, func(w io.Writer) {
		if !res.Found {
			fmt.Fprintf(w, "No settings from the Trust on this PC (%s does not exist): every setting is this PC's own.\n", res.File)
			return
		}
		fmt.Fprintf(w, "Settings from %s\n", res.File)
		if res.TrustRoot != "" {
			fmt.Fprintf(w, "  trust_root  %s  (the shared folder must name the administrator key with this fingerprint)\n", res.TrustRoot)
		}
		if res.Problem != "" {
			fmt.Fprintf(w, "  cannot be used: %s\n  (until it is corrected, sync trusts no shared folder)\n", res.Problem)
		}
	}); err != nil {
		return err
	}
	if p.Problem != nil {
		return errors.New("the Trust's settings for this PC cannot be used")
	}
	return nil
}
