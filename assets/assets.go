// Package assets holds what ships inside the binary: the icon and the default competency
// framework used until a Trust imports its own.
package assets

import _ "embed"

//go:embed icon.png
var icon []byte

//go:embed framework/default.json
var defaultFramework []byte

// Icon is the application icon (PNG, 512×512).
func Icon() []byte { return icon }

// DefaultFramework is the embedded framework in Pursuit's JSON format.
func DefaultFramework() []byte { return defaultFramework }
