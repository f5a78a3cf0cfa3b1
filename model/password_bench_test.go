package model

import (
	"bytes"
	"runtime"
	"testing"
)

// BenchmarkPasswordGuess is what one guess costs whoever copied the hashes off the share:
// one argon2id at DefaultHashParams (budget: at least 0.25 s of a core and 64 MiB, issue 13).
// A sign-in pays it twice, for the hash and for the sealed keys.
func BenchmarkPasswordGuess(b *testing.B) {
	h, err := HashPassword("Sunflower kettle bus", DefaultHashParams, bytes.NewReader(bytes.Repeat([]byte{7}, 16)))
	if err != nil {
		b.Fatal(err)
	}
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	for b.Loop() {
		if ok, _ := VerifyPassword("Sunflower2027!", h); ok {
			b.Fatal("a wrong guess was right")
		}
	}
	runtime.ReadMemStats(&after)
	b.ReportMetric(float64(DefaultHashParams.Memory)/1024, "MiB/guess")
	b.ReportMetric(float64(after.TotalAlloc-before.TotalAlloc)/float64(b.N)/(1<<20), "MiB-allocated/guess")
}
