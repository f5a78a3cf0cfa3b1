package framework

import (
	"errors"
	"os"
	"testing"

	"pursuit/model"
)

func TestParseChoosesTheFormat(t *testing.T) {
	moodle, err := os.ReadFile("testdata/moodle-example.csv")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Parse(moodle, "export.csv", MoodleOptions{}); !errors.Is(err, ErrLevelNeeded) {
		t.Fatalf("Moodle with no level: %v", err)
	}
	set, err := Parse(moodle, "export", MoodleOptions{DefaultLevel: model.Should})
	if err != nil || set.Competencies[0].Level != model.Should {
		t.Fatalf("Moodle by content: %v", err)
	}
	json, err := os.ReadFile("testdata/framework.json")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Parse(json, "framework.txt", MoodleOptions{}); err == nil {
		t.Fatal("a .txt file was read as JSON")
	}
	if set, err := Parse(append([]byte("\ufeff\n "), json...), "download", MoodleOptions{}); err != nil || len(set.Competencies) == 0 {
		t.Fatalf("JSON by content: %v", err)
	}
}
