// Command train fits the trim's cut model on the readers' marks under
// evals/checker and writes the embedded model file: `make train` runs it.
// The same marks give byte-identical weights.
//
//	go run ./internal/cut/train -corpus evals/checker -out internal/cut/cut.model
package main

import (
	"flag"
	"fmt"
	"log/slog"
	"os"
	"time"

	"github.com/pushback/pushback/internal/cut"
	"github.com/pushback/pushback/internal/guide"
	"github.com/pushback/pushback/internal/rewrite"
)

func main() {
	dir := flag.String("corpus", "evals/checker", "directory holding the marked drafts (jabs*/ *.jsonl)")
	out := flag.String("out", "internal/cut/cut.model", "model file to write")
	flag.Parse()
	start := time.Now()
	rows, err := rewrite.CutCorpus(os.DirFS(*dir), guide.Default())
	if err != nil {
		fmt.Fprintln(os.Stderr, "train:", err)
		os.Exit(1)
	}
	file := cut.Train(rows, cut.DefaultOptions)
	if err := os.WriteFile(*out, file, 0o644); err != nil {
		fmt.Fprintln(os.Stderr, "train:", err)
		os.Exit(1)
	}
	slog.Info("cut model written", "path", *out, "rows", len(cut.Prepare(rows)), "bytes", len(file), "took", time.Since(start).Round(time.Millisecond))
}
