package sqlite

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"pursuit/model"
)

// burstEnv makes the test binary, started as a child, write evidence until it is killed.
const burstEnv = "PURSUIT_TEST_WRITE_BURST"

func TestKillNineDuringABurstOfWritesLosesNoCommittedChange(t *testing.T) {
	if dir := os.Getenv(burstEnv); dir != "" {
		writeBurst(t, dir)
		return
	}
	dir := t.TempDir()
	f := newFixture(t)
	f.st.Close()
	entries, _ := os.ReadDir(f.st.dir)
	for _, e := range entries { // the fixture's data folder becomes the child's
		os.Rename(f.st.dir+"/"+e.Name(), dir+"/"+e.Name())
	}
	committed := 0
	for round, after := range []int{5, 40, 17} {
		cmd := exec.Command(os.Args[0], "-test.run=^TestKillNineDuringABurstOfWritesLosesNoCommittedChange$", "-test.count=1")
		cmd.Env = append(os.Environ(), burstEnv+"="+dir, "PURSUIT_TEST_PROGRAMME="+f.prog.ID)
		out, err := cmd.StdoutPipe()
		if err != nil {
			t.Fatal(err)
		}
		cmd.Stderr = os.Stderr
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		sc := bufio.NewScanner(out)
		last := 0
		for sc.Scan() {
			if n, ok := strings.CutPrefix(sc.Text(), "saved "); ok {
				last, _ = strconv.Atoi(n)
				if last >= after {
					break
				}
			}
		}
		cmd.Process.Signal(syscall.SIGKILL)
		cmd.Wait()
		if last < after {
			t.Fatalf("round %d: the child stopped after %d saves", round, last)
		}
		committed += last

		st, err := Open(context.Background(), dir, Options{HashParams: cheapHash})
		if err != nil {
			t.Fatalf("round %d: reopen after kill -9: %v", round, err)
		}
		problems, err := st.Check(context.Background())
		if err != nil || len(problems) != 0 {
			t.Fatalf("round %d: check after kill -9: %v %v", round, problems, err)
		}
		var items, sections, attached int
		st.rdb.QueryRow(`SELECT count(*) FROM evidence WHERE deleted = 0`).Scan(&items)
		st.rdb.QueryRow(`SELECT count(*) FROM evidence_sections WHERE text <> ''`).Scan(&sections)
		st.rdb.QueryRow(`SELECT count(*) FROM attachments`).Scan(&attached)
		st.Close()
		// Every save the child reported survived; one more may have committed unreported.
		if items < committed || items > committed+round+1 {
			t.Fatalf("round %d: %d evidence items after %d reported saves", round, items, committed)
		}
		if sections != items || attached != items {
			t.Fatalf("round %d: half-written items: %d items, %d sections, %d attachments", round, items, sections, attached)
		}
		committed = items
	}
}

// writeBurst saves evidence with a section, a link and an attachment as fast as it can,
// reporting each committed save on stdout.
func writeBurst(t *testing.T, dir string) {
	ctx := context.Background()
	st, err := Open(ctx, dir, Options{HashParams: cheapHash})
	if err != nil {
		t.Fatal(err)
	}
	ss, err := st.SignIn(ctx, "pat", testPassword)
	if err != nil {
		t.Fatal(err)
	}
	for i := 1; ; i++ {
		att, err := st.PutAttachment(ctx, strings.NewReader(fmt.Sprintf("photo %d %d", i, time.Now().UnixNano())), "photo.jpg")
		if err != nil {
			t.Fatal(err)
		}
		_, err = ss.SaveEvidence(ctx, model.Evidence{
			ProgrammeID: os.Getenv("PURSUIT_TEST_PROGRAMME"), Type: model.OtherEvidence, Title: fmt.Sprintf("Item %d", i),
			OccurredOn: model.NewDate(2026, 11, 1), Sections: map[string]string{"description": strings.Repeat("words ", 200)},
			Codes: []string{"ACC-01"}, Attachments: []model.Attachment{att},
		})
		if err != nil {
			t.Fatal(err)
		}
		fmt.Printf("saved %d\n", i)
	}
}
