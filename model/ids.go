package model

import (
	"strings"

	"github.com/google/uuid"
)

var idSpace = uuid.MustParse("6f1c1e0a-3b9d-4a8e-9a43-2f3d1b7e5c10")

// DerivedID gives the same id on every device for the same key, so that records which
// must be unique per key (one progress record per preceptee and competency, one section
// per evidence item and heading) are the same record wherever they are created.
func DerivedID(parts ...string) string {
	return uuid.NewSHA1(idSpace, []byte(strings.Join(parts, "\x00"))).String()
}

// ProgressID is the id of a preceptee's progress against one competency.
func ProgressID(programmeID, code string) string {
	return DerivedID("progress", programmeID, strings.ToLower(code))
}
