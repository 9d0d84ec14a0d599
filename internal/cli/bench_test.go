package cli

import (
	"bytes"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pushback/pushback/internal/check"
	"github.com/pushback/pushback/internal/corpus"
)

// write10k writes 10,000 messages as JSON Lines: the training corpus's
// messages, then again with a ticket number appended, so no two inputs are
// the same (nothing is cached; this only keeps the measure honest).
func write10k(b *testing.B) string {
	b.Helper()
	sub, err := fs.Sub(os.DirFS(filepath.Join("..", "..", "evals")), "checker")
	if err != nil {
		b.Fatal(err)
	}
	cases, err := check.Cases(sub, check.Default().Guide())
	if err != nil {
		b.Fatal(err)
	}
	var buf bytes.Buffer
	for i := 0; i < 10000; i++ {
		c := cases[i%len(cases)]
		c.ID = fmt.Sprintf("m%05d", i)
		if i >= len(cases) {
			c.Text += fmt.Sprintf(" Ticket %d.", 10000+i)
		}
		if err := corpus.Write(&buf, []corpus.Case{c}); err != nil {
			b.Fatal(err)
		}
	}
	path := filepath.Join(b.TempDir(), "10k.jsonl")
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		b.Fatal(err)
	}
	return path
}

// BenchmarkCheckJSONL10k is `pushback check -f 10k.jsonl --format json`
// in process: reading and splitting the file, checking every message on
// every core, and writing the JSON report (the process's start and the
// judge's first load are outside the loop). Reports messages/s.
//
//	go test -run '^$' -bench CheckJSONL10k -benchtime 3x -count 5 ./internal/cli
func BenchmarkCheckJSONL10k(b *testing.B) {
	path := write10k(b)
	check.Default().Check(check.Input{Draft: "Could we phase it instead?"}) // load the judge
	b.ResetTimer()
	for range b.N {
		var out, errb bytes.Buffer
		env := &Env{Stdin: strings.NewReader(""), Stdout: &out, Stderr: &errb, Getenv: func(string) string { return "" }}
		if code := env.Main([]string{"check", "-f", path, "--format", "json"}); code == ExitUsage {
			b.Fatalf("exit %d: %s", code, errb.String())
		}
		if !bytes.Contains(out.Bytes(), []byte(`"drafts": 10000,`)) {
			b.Fatal("not 10,000 drafts in the report")
		}
	}
	b.ReportMetric(float64(10000*b.N)/b.Elapsed().Seconds(), "messages/s")
}
