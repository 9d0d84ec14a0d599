package studio

import (
	"crypto/sha256"
	"encoding/base64"
	"fmt"
	"io/fs"
	"path"
	"regexp"
	"strings"
	"sync/atomic"
)

// A document is one HTML file of web/ with its styles and scripts inlined:
// each <!--inline:a.css,b.css--> or <!--inline:a.js,b.js--> marker becomes
// a <style> or <script> element holding those files, in order. Both the page
// and the MCP App view are built this way, from the same files: one
// request paints the page, and a host gets the view whole. The elements'
// hashes go into the Content-Security-Policy, so no other inline code runs.
type document struct {
	html    string
	scripts []string // 'sha256-…' sources for script-src
	styles  []string // 'sha256-…' sources for style-src
}

var inlineMarker = regexp.MustCompile(`<!--inline:([^>]*)-->`)

var assembled atomic.Int64

// Assembled counts the documents assembled from the embedded files in this
// process: the page (when HTTP serves it) and the view (when a host reads
// it), once each. Serving stdio assembles none; a test holds it to that.
func Assembled() int64 { return assembled.Load() }

func assemble(fsys fs.FS, name string) (document, error) {
	assembled.Add(1)
	b, err := fs.ReadFile(fsys, name)
	if err != nil {
		return document{}, fmt.Errorf("studio: read %s: %w", name, err)
	}
	var doc document
	var failed error
	html := inlineMarker.ReplaceAllStringFunc(string(b), func(m string) string {
		files := strings.Split(inlineMarker.FindStringSubmatch(m)[1], ",")
		ext := path.Ext(files[0])
		var body strings.Builder
		for _, f := range files {
			if path.Ext(f) != ext {
				failed = fmt.Errorf("studio: %s: one marker inlines files of one kind, not %s and %s", name, files[0], f)
				return m
			}
			part, err := fs.ReadFile(fsys, f)
			if err != nil {
				failed = fmt.Errorf("studio: read %s: %w", f, err)
				return m
			}
			// Inlined text must not close its own element early.
			if lower := strings.ToLower(string(part)); strings.Contains(lower, "</script") || strings.Contains(lower, "</style") || strings.Contains(lower, "<!--") {
				failed = fmt.Errorf("studio: %s holds a closing tag or a comment opener and cannot be inlined", f)
				return m
			}
			body.Write(part)
		}
		sum := sha256.Sum256([]byte(body.String()))
		hash := "'sha256-" + base64.StdEncoding.EncodeToString(sum[:]) + "'"
		switch ext {
		case ".js":
			doc.scripts = append(doc.scripts, hash)
			return "<script>" + body.String() + "</script>"
		case ".css":
			doc.styles = append(doc.styles, hash)
			return "<style>" + body.String() + "</style>"
		}
		failed = fmt.Errorf("studio: %s: cannot inline %s", name, files[0])
		return m
	})
	if failed != nil {
		return document{}, failed
	}
	doc.html = html
	return doc, nil
}

// csp is the Content-Security-Policy for the document: its own inline
// scripts and styles by hash, and what else is given.
func (d document) csp(rest string) string {
	return "default-src 'none'; script-src " + strings.Join(d.scripts, " ") + "; style-src " + strings.Join(d.styles, " ") + "; " + rest
}
