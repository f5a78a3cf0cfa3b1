// Package assets holds what ships inside the binary: the icon and the default competency
// framework used until a Trust imports its own.
package assets

import _ "embed"

//go:embed icon.png
var icon []byte

// The icon at the size the sign-in and set-up screens draw it (150 points, twice over for
// a high-resolution screen): decoding the 512-pixel icon there cost a megabyte for nothing.
//
//go:embed logo.png
var logo []byte

//go:embed framework/default.json
var defaultFramework []byte

// Icon is the application icon (PNG, 512×512).
func Icon() []byte { return icon }

// Logo is the icon at 300×300, for the sign-in screen (made from icon.png with
// ImageMagick: convert icon.png -resize 300x300 -strip logo.png).
func Logo() []byte { return logo }

// DefaultFramework is the embedded framework in Pursuit's JSON format.
func DefaultFramework() []byte { return defaultFramework }
