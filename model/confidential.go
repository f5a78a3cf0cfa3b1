package model

// Confidential records (issue 7): a career conversation, and a concern marked confidential,
// travel through the shared folder with their words encrypted to the people the
// permissions matrix lets read them. Every other device carries the ciphertext and shows
// the record's outline (its date, its status) but not what was said.

// SealedPlaceholder stands in for an encrypted field on a device where none of the
// record's readers has signed in since it arrived; their next sign-in there opens it.
const SealedPlaceholder = "(confidential: encrypted for its readers, it opens when one of them signs in on this PC)"

// SecretFields are the fields of table that travel encrypted when its record is
// confidential (none for a table that never holds confidential records).
func SecretFields(table string) []string {
	k, _ := KindOf(table)
	return k.Secret
}

// IsConfidential says whether a record of table, with these stored values, is
// confidential: every career conversation, and a concern marked so.
func IsConfidential(table string, row map[string]any) bool {
	k, _ := KindOf(table)
	switch {
	case len(k.Secret) == 0:
		return false
	case k.SecretAlways:
		return true
	}
	return truthy(row["confidential"])
}

// ReadersOf are the people among users who may read a confidential record of table in
// programme p, as the permissions matrix says (the preceptee and her facilitator for a
// career conversation; the preceptee, her preceptor, her line manager and the leads for a
// concern). Disabled accounts are left out: they could not open it anyway.
func ReadersOf(table string, p Programme, users []User) []User {
	k, _ := KindOf(table)
	action := k.SecretReaders
	if action == "" {
		return nil
	}
	var out []User
	for _, u := range users {
		if u.Active && Allowed(u, action, &p) {
			out = append(out, u)
		}
	}
	return out
}
