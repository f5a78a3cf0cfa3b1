package framework

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"unicode/utf8"

	"pursuit/model"
)

// idPattern mirrors the model's rule for codes and framework IDs, so a parser can point at the
// line at fault; model.FrameworkSet.Validate still has the last word.
var idPattern = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$`)

// checkFramework checks what the model leaves unchecked about the framework record, and says
// which field ("id", "name", "version", "description") is at fault.
func checkFramework(fw model.Framework) (field, msg string) {
	switch {
	case strings.TrimSpace(fw.ID) == "":
		return "id", "the framework has no id"
	case !idPattern.MatchString(fw.ID):
		return "id", fmt.Sprintf("the framework id %q can only use 1–64 letters, digits, dots, dashes or underscores, starting with a letter or digit", clip(fw.ID))
	case strings.TrimSpace(fw.Name) == "":
		return "name", "the framework has no name"
	case !utf8.ValidString(fw.Name) || !utf8.ValidString(fw.Version) || !utf8.ValidString(fw.Description):
		return "", "the framework's name, version or description is not valid UTF-8 text"
	case len(fw.Name) > model.MaxTitleLen:
		return "name", fmt.Sprintf("the framework name is %d characters; at most %d", len(fw.Name), model.MaxTitleLen)
	case strings.TrimSpace(fw.Version) == "":
		return "version", "the framework has no version"
	case len(fw.Version) > maxVersionLen:
		return "version", fmt.Sprintf("the framework version is %d characters; at most %d", len(fw.Version), maxVersionLen)
	case len(fw.Description) > model.MaxDescriptionLen:
		return "description", fmt.Sprintf("the framework description is %d characters; at most %d", len(fw.Description), model.MaxDescriptionLen)
	}
	return "", ""
}

// canonicalAppliesTo tidies a competency's professions: the model matches them exactly, so
// "Nursing" would silently match nobody. Known keys and groups are put in their canonical
// case; other entries are kept, because a Trust may add professions of its own. An empty
// list means everyone and comes back nil, so that nil and [] compare equal after a round trip.
func canonicalAppliesTo(list []string) ([]string, error) {
	if len(list) > maxAppliesToItems {
		return nil, fmt.Errorf("%d professions are listed; at most %d", len(list), maxAppliesToItems)
	}
	var out []string
	for _, a := range list {
		a = strings.TrimSpace(a)
		switch {
		case a == "":
			return nil, fmt.Errorf(`an entry is empty; list profession keys or groups such as "nursing", or leave the list empty for everyone`)
		case !utf8.ValidString(a):
			return nil, fmt.Errorf("an entry is not valid UTF-8 text")
		case len(a) > maxAppliesToLen:
			return nil, fmt.Errorf("the entry %q is %d characters; at most %d", clip(a), len(a), maxAppliesToLen)
		}
		a = canonicalProfession(a)
		if !slices.Contains(out, a) {
			out = append(out, a)
		}
	}
	return out, nil
}

func canonicalProfession(a string) string {
	for _, k := range []string{"all", model.GroupNursing, model.GroupMidwifery, model.GroupAHP} {
		if strings.EqualFold(a, k) {
			return k
		}
	}
	for _, p := range model.Professions {
		if strings.EqualFold(a, p.Key) {
			return p.Key
		}
	}
	return a
}

// clip shortens text quoted back in a message, so one bad 1 MB field does not become a 1 MB
// error dialog.
func clip(s string) string {
	const n = 60
	if len(s) <= n {
		return s
	}
	i := n
	for i > 0 && !utf8.RuneStart(s[i]) {
		i--
	}
	return s[:i] + "…"
}
