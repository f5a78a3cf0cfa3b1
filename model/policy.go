package model

// The Trust's settings for a PC, deployed by IT with the installation (a policy file that
// only an administrator of the PC can change). They are what the shared folder cannot
// change: today the fingerprint of the folder's administrator key.

import (
	"bytes"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
)

// Policy is what the Trust's settings file says, and where it came from.
type Policy struct {
	Source string // the file read; "" when there is none
	// TrustRoot is the fingerprint of the shared folder's administrator key (the form
	// ParseFingerprint returns): a folder naming another key, or none, is refused.
	TrustRoot string
	// Problem is why the file could not be used, when it exists but is not valid. The safe
	// default is then to trust no folder: sync waits until IT corrects the file.
	Problem error
}

// policyKeys are the keys a policy file may hold.
var policyKeys = []string{"trust_root"}

// ParsePolicy reads a policy file's bytes. It never fails: a file that cannot be used
// comes back with Problem set, in words for IT.
func ParsePolicy(source string, b []byte) Policy {
	p := Policy{Source: source}
	b = bytes.TrimPrefix(b, []byte("\xef\xbb\xbf")) // Notepad's byte-order mark
	var raw map[string]json.RawMessage
	if err := json.Unmarshal(b, &raw); err != nil || raw == nil {
		p.Problem = fmt.Errorf("%s is not a JSON object of settings ({\"trust_root\": \"…\"})", source)
		if err != nil {
			p.Problem = fmt.Errorf("%s is not valid JSON: %v", source, err)
		}
		return p
	}
	var keys []string
	for k := range raw {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		// Not a warning: a misspelt "trustroot" would leave the PC trusting whatever key a
		// folder names, which is what the file is there to stop.
		if !slices.Contains(policyKeys, k) {
			p.Problem = fmt.Errorf("%s: %q is not a setting this version knows (it knows %s)", source, k, strings.Join(policyKeys, ", "))
			return p
		}
	}
	if v, ok := raw["trust_root"]; ok {
		var s string
		if err := json.Unmarshal(v, &s); err != nil {
			p.Problem = fmt.Errorf("%s: trust_root must be the fingerprint as text, in quotes", source)
			return p
		}
		fp, err := ParseFingerprint(s)
		if err != nil {
			p.Problem = fmt.Errorf("%s: trust_root: %v", source, err)
			return p
		}
		p.TrustRoot = fp
	}
	return p
}
